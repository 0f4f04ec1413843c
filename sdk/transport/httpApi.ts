/**
 * The chat server's HTTP API: sessions that yield the socket handshake token, and their end (the
 * token revoked: the server refuses it and disconnects its sockets). JSON over fetch,
 * every failure a `HybridChatError`: the server's own code when it sent one (`HttpErrorResponse`),
 * TIMEOUT when it did not answer in time, DISCONNECTED when it could not be reached.
 */
import { errorFromBody } from '../core/chatTransport.ts';
import { HybridChatError, ProtocolError } from '../core/errors.ts';
import type {
  AgentSessionRequest,
  AgentSessionResponse,
  CustomerSessionRequest,
  CustomerSessionResponse,
} from '../core/protocol.ts';

export interface HttpRequestOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Aborts the request as well (e.g. when the widget is closed). */
  signal?: AbortSignal;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Let the request outlive the page (fetch `keepalive`), for a sign-out as the page goes away. */
  keepalive?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

async function postJson<T>(
  baseUrl: string,
  path: string,
  body: unknown,
  init: HttpRequestOptions = {},
): Promise<T> {
  return send<T>(baseUrl, path, { method: 'POST', body }, init);
}

async function send<T>(
  baseUrl: string,
  path: string,
  request: { method: 'POST'; body: unknown } | { method: 'DELETE'; token: string },
  init: HttpRequestOptions = {},
): Promise<T> {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  const timeout = AbortSignal.timeout(init.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
  const doFetch = init.fetch ?? globalThis.fetch;

  let response: Response;
  try {
    response = await doFetch(url, {
      method: request.method,
      headers:
        request.method === 'POST'
          ? { 'content-type': 'application/json', accept: 'application/json' }
          : { authorization: `Bearer ${request.token}`, accept: 'application/json' },
      ...(request.method === 'POST' ? { body: JSON.stringify(request.body) } : {}),
      ...(init.keepalive ? { keepalive: true } : {}),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) throw new HybridChatError('TIMEOUT', `${path}: no answer in time`, { cause: error });
    throw new HybridChatError('DISCONNECTED', `${path}: the chat server cannot be reached`, { cause: error });
  }

  if (response.status === 204) return undefined as T;
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (response.ok) throw new ProtocolError(`${path}: the answer is not JSON`, { cause: error });
    json = undefined;
  }
  if (response.ok) return json as T;

  const errorBody = (json as { error?: unknown } | undefined)?.error;
  if (errorBody !== undefined) throw errorFromBody(errorBody);
  throw new HybridChatError('INTERNAL', `${path}: HTTP ${response.status}`);
}

/** `POST /api/customer/session`: a token for the `/customer` namespace (pass the old one to stay the same customer). */
export function createCustomerSession(
  baseUrl: string,
  body: CustomerSessionRequest,
  init?: HttpRequestOptions,
): Promise<CustomerSessionResponse> {
  return postJson(baseUrl, '/api/customer/session', body, init);
}

/** `POST /api/agent/session`: the agent's Finesse credentials, checked by the server against Finesse. */
export function createAgentSession(
  baseUrl: string,
  body: AgentSessionRequest,
  init?: HttpRequestOptions,
): Promise<AgentSessionResponse> {
  return postJson(baseUrl, '/api/agent/session', body, init);
}

/**
 * Ends a session: `DELETE /api/customer/session` or `/api/agent/session` with its token, which the
 * server then refuses everywhere and whose sockets it disconnects. A token the server already refuses
 * (expired, revoked before) counts as ended.
 */
export async function endSession(
  baseUrl: string,
  role: 'customer' | 'agent',
  token: string,
  init?: HttpRequestOptions,
): Promise<void> {
  try {
    await send<undefined>(baseUrl, `/api/${role}/session`, { method: 'DELETE', token }, init);
  } catch (error) {
    if (error instanceof HybridChatError && error.code === 'UNAUTHORIZED') return;
    throw error;
  }
}
