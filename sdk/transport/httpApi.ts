/**
 * The chat server's HTTP API: sessions that yield the socket handshake token, and their end (the
 * token revoked: the server refuses it and disconnects its sockets). JSON over fetch,
 * every failure a `HybridChatError`: the server's own code when it sent one (`HttpErrorResponse`),
 * TIMEOUT when it did not answer in time, DISCONNECTED when it could not be reached.
 */
import { HybridChatError } from '../core/errors.ts';
import type {
  AgentSessionRequest,
  AgentSessionResponse,
  CustomerSessionRequest,
  CustomerSessionResponse,
} from '../core/protocol.ts';
import { createHttpClient, type HttpCall } from './http.ts';

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

function send<T>(baseUrl: string, path: string, call: HttpCall, init: HttpRequestOptions = {}): Promise<T> {
  const http = createHttpClient({ baseUrl, ...(init.fetch ? { fetch: init.fetch } : {}) });
  return http.json<T>(path, {
    ...call,
    ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
    ...(init.keepalive ? { keepalive: true } : {}),
  });
}

function postJson<T>(baseUrl: string, path: string, body: unknown, init?: HttpRequestOptions): Promise<T> {
  return send<T>(baseUrl, path, { method: 'POST', json: body, token: null }, init);
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
