/**
 * A small Finesse REST client for servers: XML in and out, Basic (non-SSO) or Bearer (SSO)
 * authorization, timeouts, `ApiErrors` → `FinesseError`. Cisco Finesse Web Services Developer Guide.
 *
 * Every failure rejects with a typed error: `TimeoutError` when Finesse does not answer in time,
 * `FinesseError` otherwise (status 0 when unreachable, the HTTP status and `ErrorType` of an
 * `<ApiErrors>` answer, 502 'Invalid XML' for oversized or malformed answers, 'Redirect' for a 3xx).
 *
 * Redirects are never followed (`redirect: 'manual'`): the answer must come from the node the
 * client was pointed at. Followed, a 302 to another host would have that host's answer trusted as
 * Finesse's word on who the agent is, and a runtime that keeps `Authorization` across origins would
 * hand it the agent's credentials too.
 */
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import {
  MAX_FINESSE_XML,
  parseApiError,
  parseDialogs,
  parseReasonCodes,
  parseSystemInfo,
  parseUser,
  userUpdateXml,
  type FinesseUser,
  type UserUpdate,
} from '../core/finesseXml.ts';
import type {
  FinesseDialog,
  FinesseReasonCode,
  FinesseSystemInfo,
  ReasonCodeCategory,
} from '../core/finesseTypes.ts';

/** The `Authorization` header, or a function giving the current one (an SSO token gets refreshed). */
export type FinesseAuthorization = string | (() => string | undefined | Promise<string | undefined>);

export interface FinesseRestClientOptions {
  /** e.g. `https://finesse1.example.com:8445` */
  baseUrl: string;
  /**
   * `Basic …` or `Bearer …` (see `basicAuthorization`, `bearerAuthorization`). Optional only for
   * `getSystemInfo`, which a LAN Finesse answers without credentials.
   */
  authorization?: FinesseAuthorization;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** States an agent may PUT (login has its own call, as it needs the extension). */
export type SettableVoiceState = 'READY' | 'NOT_READY' | 'LOGOUT';

/** `Basic base64(user:password)` over UTF-8 (RFC 7617); a user id cannot contain ':'. */
export function basicAuthorization(user: string, password: string): string {
  if (user.includes(':')) throw new HybridChatError('BAD_REQUEST', "a Basic user id cannot contain ':'");
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** `Bearer <token>` for SSO agents; the token must be an RFC 6750 token68 (no spaces, no line breaks). */
export function bearerAuthorization(token: string): string {
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token))
    throw new HybridChatError('BAD_REQUEST', 'not a valid Bearer token');
  return `Bearer ${token}`;
}

export function createFinesseRestClient(options: FinesseRestClientOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function authorizationHeader(): Promise<string | undefined> {
    const auth = options.authorization;
    return typeof auth === 'function' ? await auth() : auth;
  }

  /**
   * One request; resolves the answer's text for a 2xx. `expectStatus` narrows success to one
   * status: a User PUT must be 202, so a 200 login page from a reverse proxy is not taken as done.
   */
  async function request(
    method: 'GET' | 'PUT',
    path: string,
    body?: string,
    expectStatus?: number,
  ): Promise<string> {
    const authorization = await authorizationHeader();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const what = `${method} ${path}`;
    try {
      let response: Response;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method,
          headers: {
            ...(authorization ? { Authorization: authorization } : {}),
            Accept: 'application/xml',
            ...(body !== undefined ? { 'Content-Type': 'application/xml' } : {}),
          },
          ...(body !== undefined ? { body } : {}),
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted)
          throw new TimeoutError(`Finesse did not answer ${what} within ${timeoutMs} ms`);
        throw new FinesseError(`Finesse unreachable at ${base}`, 0, undefined, { cause: error });
      }
      // A browser hides a manual redirect behind an opaque answer (status 0); Node shows the 3xx.
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        void response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        throw new FinesseError(
          `Finesse answered ${what} with a redirect (${response.status || 'opaque'}` +
            `${location ? ` to ${location}` : ''}), which is not followed: ` +
            `point the Finesse URL at the node itself`,
          response.status,
          'Redirect',
        );
      }
      let text: string | null;
      try {
        text = await readLimited(response);
      } catch (error) {
        if (controller.signal.aborted)
          throw new TimeoutError(`Finesse did not finish answering ${what} within ${timeoutMs} ms`);
        throw new FinesseError(`Finesse answer to ${what} was cut off`, 0, undefined, { cause: error });
      }
      if (!response.ok) {
        const apiError = text === null ? null : parseApiError(text);
        throw new FinesseError(
          apiError?.message || `Finesse answered ${response.status} to ${what}`,
          response.status,
          apiError?.errorType,
        );
      }
      if (text === null) throw new FinesseError('Finesse answer too large', 502, 'Invalid XML');
      if (expectStatus !== undefined && response.status !== expectStatus) {
        throw new FinesseError(
          `Finesse answered ${response.status} to ${what}, expected ${expectStatus}`,
          response.status,
          'Unexpected Status',
        );
      }
      return text;
    } finally {
      clearTimeout(timer);
    }
  }

  const userPath = (id: string) => `/finesse/api/User/${encodeURIComponent(id)}`;

  /** A User PUT answers 202 Accepted; the new state arrives as a notification. */
  async function putUser(id: string, update: UserUpdate): Promise<void> {
    await request('PUT', userPath(id), userUpdateXml(update), 202);
  }

  return {
    async getUser(id: string): Promise<FinesseUser> {
      return parseUser(await request('GET', userPath(id)));
    },

    /** Signs the agent in on `extension` (`<User><state>LOGIN</state><extension>…`). */
    login(id: string, extension: string): Promise<void> {
      return putUser(id, { state: 'LOGIN', extension });
    },

    /**
     * READY, or NOT_READY/LOGOUT with an optional reason code id. A reason is sent only with
     * NOT_READY and LOGOUT, the states that carry one.
     */
    setState(id: string, state: SettableVoiceState, reasonCodeId?: string): Promise<void> {
      const withReason = state !== 'READY' && reasonCodeId !== undefined && reasonCodeId !== '';
      return putUser(id, { state, ...(withReason ? { reasonCodeId } : {}) });
    },

    async getReasonCodes(id: string, category: ReasonCodeCategory): Promise<FinesseReasonCode[]> {
      return parseReasonCodes(await request('GET', `${userPath(id)}/ReasonCodes?category=${category}`));
    },

    async getDialogs(id: string): Promise<FinesseDialog[]> {
      return parseDialogs(await request('GET', `${userPath(id)}/Dialogs`));
    },

    /** Answers without credentials on the LAN; through a reverse proxy it needs the header (sent when configured). */
    async getSystemInfo(): Promise<FinesseSystemInfo> {
      return parseSystemInfo(await request('GET', '/finesse/api/SystemInfo'));
    },

    request,
  };
}

/** The body as text, or null past `MAX_FINESSE_XML` (read no further than that, whatever the size). */
async function readLimited(response: Response): Promise<string | null> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_FINESSE_XML) {
    // Not awaited: the body is refused either way, and a cancel may wait on a stalled peer.
    void response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_FINESSE_XML) {
      void reader.cancel().catch(() => undefined); // as above: refused either way, never waited on
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export type FinesseRestClient = ReturnType<typeof createFinesseRestClient>;
