/**
 * The SDK's one way to call the chat server over HTTP: JSON in and out over fetch, a timeout on
 * every call (`AbortSignal.timeout`, joined with the caller's own signal), the session token as
 * `Authorization: Bearer` (asked for on every call, since sessions renew it), and every failure a
 * `HybridChatError`:
 * - the server's own code when it sent an error body (`HttpErrorResponse`);
 * - otherwise a code from the HTTP status (a proxy's error page): see `codeOfStatus`;
 * - RATE_LIMITED carries `retryAfterMs`, from the body or else from the `Retry-After` header
 *   (seconds or an HTTP date, RFC 9110 section 10.2.3);
 * - TIMEOUT when no answer came in time, DISCONNECTED when the server could not be reached.
 *
 * With a `renewToken` hook, a call refused with UNAUTHORIZED renews the token once and is then
 * retried once with the new token; calls refused at the same time share one renewal.
 */
import { errorFromBody } from '../core/chatTransport.ts';
import { HybridChatError, ProtocolError, type HybridChatErrorCode } from '../core/errors.ts';

export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

export interface HttpClientOptions {
  /** The chat server's URL, a proxy's path prefix included (`https://proxy.example.com/chat/`). */
  baseUrl: string;
  /** Default 10 s; a call may set its own. */
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The current session token, sent as `Authorization: Bearer` on every call that does not set its own. */
  token?: () => string | undefined;
  /**
   * Asked for a new token after a call was refused with UNAUTHORIZED; resolves true when there is
   * one (the call is then retried once), false when the session is over (closed, signed out).
   */
  renewToken?: () => Promise<boolean>;
}

export interface HttpCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A body sent as JSON (`content-type: application/json`). */
  json?: unknown;
  /** A raw body (a file's bytes) with its content type. */
  body?: { data: BodyInit; type: string };
  /** This call's token instead of the client's (a session being ended); null for none. */
  token?: string | null;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Let the request outlive the page (fetch `keepalive`), for a sign-out as the page goes away. */
  keepalive?: boolean;
  /** Codes for statuses that mean something else on this route (413 → FILE_TOO_LARGE for uploads). */
  statusCodes?: Partial<Record<number, HybridChatErrorCode>>;
}

export interface HttpClient {
  /** The successful response (2xx), for its headers or a body that is not JSON. */
  response(path: string, call?: HttpCall): Promise<Response>;
  /** The answer's JSON (undefined for 204 No Content); PROTOCOL when it is not JSON. */
  json<T>(path: string, call?: HttpCall): Promise<T>;
  /** Runs `attempt` with the current token; on UNAUTHORIZED renews once and runs it once more. */
  authorized<T>(attempt: (token: string | undefined) => Promise<T>): Promise<T>;
  /** `path` against the base URL. */
  url(path: string): string;
}

/** The error code for an HTTP status when the answer carries no error body of the server's. */
export function codeOfStatus(status: number): HybridChatErrorCode {
  if (status === 400 || status === 422) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UNAVAILABLE';
  // A gateway that gave up waiting for the chat server: trying again later may succeed.
  if (status === 504) return 'TIMEOUT';
  return 'INTERNAL';
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error an unsuccessful answer stands for (`json`: its parsed body, undefined when not JSON). */
export function httpError(
  path: string,
  status: number,
  json: unknown,
  retryAfter: string | null = null,
  statusCodes: HttpCall['statusCodes'] = {},
): HybridChatError {
  const body = (json as { error?: unknown } | undefined)?.error;
  const headerWait = parseRetryAfter(retryAfter);
  if (body !== undefined) {
    const error = errorFromBody(body);
    if (error.code !== 'RATE_LIMITED' || error.retryAfterMs !== undefined || headerWait === undefined)
      return error;
    return new HybridChatError(error.code, error.message, { retryAfterMs: headerWait });
  }
  const code = statusCodes[status] ?? codeOfStatus(status);
  return new HybridChatError(
    code,
    `${path}: HTTP ${status}`,
    code === 'RATE_LIMITED' && headerWait !== undefined ? { retryAfterMs: headerWait } : undefined,
  );
}

const isUnauthorized = (error: unknown): boolean =>
  error instanceof HybridChatError && error.code === 'UNAUTHORIZED';

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path}`;
  /** One renewal for every call refused while it runs. */
  let renewal: Promise<boolean> | null = null;
  const renew = (): Promise<boolean> => {
    if (!options.renewToken) return Promise.resolve(false);
    renewal ??= options.renewToken().finally(() => {
      renewal = null;
    });
    return renewal;
  };

  async function authorized<T>(attempt: (token: string | undefined) => Promise<T>): Promise<T> {
    try {
      return await attempt(options.token?.());
    } catch (error) {
      if (!isUnauthorized(error) || !(await renew().catch(() => false))) throw error;
      return attempt(options.token?.());
    }
  }

  async function once(path: string, call: HttpCall, token: string | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(call.timeoutMs ?? options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
    const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    if (call.body) headers['content-type'] = call.body.type;
    if (token) headers.authorization = `Bearer ${token}`;
    const hasBody = call.json !== undefined || call.body !== undefined;
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(url(path), {
        method: call.method ?? (hasBody ? 'POST' : 'GET'),
        headers,
        ...(call.json !== undefined ? { body: JSON.stringify(call.json) } : {}),
        ...(call.body ? { body: call.body.data } : {}),
        ...(call.keepalive ? { keepalive: true } : {}),
        signal,
      });
    } catch (error) {
      if (timeout.aborted)
        throw new HybridChatError('TIMEOUT', `${path}: no answer in time`, { cause: error });
      throw new HybridChatError('DISCONNECTED', `${path}: the chat server cannot be reached`, {
        cause: error,
      });
    }
    if (response.ok) return response;
    const json: unknown = await response.json().catch(() => undefined); // not JSON: a proxy's page
    throw httpError(path, response.status, json, response.headers.get('retry-after'), call.statusCodes);
  }

  function response(path: string, call: HttpCall = {}): Promise<Response> {
    if (call.token !== undefined) return once(path, call, call.token ?? undefined);
    return authorized((token) => once(path, call, token));
  }

  return {
    url,
    authorized,
    response,
    async json<T>(path: string, call?: HttpCall): Promise<T> {
      const answer = await response(path, call);
      if (answer.status === 204) return undefined as T;
      try {
        return (await answer.json()) as T;
      } catch (error) {
        throw new ProtocolError(`${path}: the answer is not JSON`, { cause: error });
      }
    },
  };
}
