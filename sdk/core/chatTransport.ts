/**
 * The transport the chat client is given (socket.io in the apps, an in-memory fake in tests).
 * It turns socket.io's callback acks into promises of `Result` data and its reserved events
 * into typed ones, so nothing above it ever touches a socket.
 */
import type { TransportName } from './chatTypes.ts';
import { HybridChatError, type HybridChatErrorCode } from './errors.ts';
import type { Ack } from './protocol.ts';

type ParamsOf<M, K extends keyof M> = M[K] extends (...args: infer A) => unknown ? A : never;

/** Events whose last parameter is an `Ack<T>`: they are sent with `request`. */
export type AckEventNames<M> = {
  [K in keyof M]: ParamsOf<M, K> extends [unknown, Ack<never>] ? K : never;
}[keyof M];

/** Events without an ack: they are sent with `notify`. */
export type NoAckEventNames<M> = {
  [K in keyof M]: ParamsOf<M, K> extends [unknown] ? K : never;
}[keyof M];

export type PayloadOf<M, K extends keyof M> = ParamsOf<M, K>[0];

/** The `data` of a successful ack of event `K`. */
export type AckDataOf<M, K extends keyof M> =
  ParamsOf<M, K> extends [unknown, (result: infer R) => void]
    ? Extract<R, { ok: true }> extends { data: infer T }
      ? T
      : never
    : never;

/** Why a connection stays on polling (see the `upgradeStalled` event). */
export interface UpgradeStall {
  /** `upgradeError`: the WebSocket probe failed (`detail` says how); `timeout`: no upgrade after `afterMs`. */
  reason: 'upgradeError' | 'timeout';
  /** Milliseconds since the connection was established. */
  afterMs: number;
  detail?: string;
}

/** Connection events every transport reports besides the server's own events. */
// A type literal rather than an interface, so that it fits the emitter's `Record<string, unknown>`.
export type TransportReservedEvents = {
  connect: { transport: TransportName };
  /** `willReconnect`: the transport retries by itself (socket.io's backoff). */
  disconnect: { reason: string; willReconnect: boolean };
  /** The transport was upgraded (polling → websocket). */
  transport: TransportName;
  /**
   * Connected but still on HTTP long-polling: the WebSocket upgrade failed, or had not happened
   * some seconds after connecting. Chat works, slower; usually a proxy that does not pass the upgrade.
   */
  upgradeStalled: UpgradeStall;
  /** A connection attempt failed; the code says why (`UNAUTHORIZED` from the server, `DISCONNECTED` for the network). */
  connectError: HybridChatError;
};

/** Each server→client event's first argument, plus the reserved connection events. */
export type TransportEvents<Listen> = {
  [K in keyof Listen]: ParamsOf<Listen, K>[0];
} & TransportReservedEvents;

export interface ChatTransport<Emit, Listen> {
  readonly connected: boolean;
  /** Connected, or trying to connect by itself. False after `close()`, a refusal by the server or giving up. */
  readonly active: boolean;
  readonly transportName: TransportName | null;
  connect(): void;
  close(): void;
  /**
   * Emits with an ack; resolves with the ack's data, rejects with HybridChatError: the server's error
   * code for `{ok:false}`, TIMEOUT when no ack within timeoutMs, DISCONNECTED when not connected (or
   * the connection dropped before the ack: socket.io never delivers an ack across a reconnect).
   */
  request<K extends AckEventNames<Emit>>(
    event: K,
    payload: PayloadOf<Emit, K>,
    timeoutMs?: number,
  ): Promise<AckDataOf<Emit, K>>;
  /** Fire-and-forget (typing). Dropped silently while offline. */
  notify<K extends NoAckEventNames<Emit>>(event: K, payload: PayloadOf<Emit, K>): void;
  on<K extends keyof TransportEvents<Listen>>(
    event: K,
    listener: (payload: TransportEvents<Listen>[K]) => void,
  ): () => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

// `satisfies` keeps this list complete when a code is added to the union.
const CODES = {
  BAD_REQUEST: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  TOO_LARGE: true,
  RATE_LIMITED: true,
  TIMEOUT: true,
  DISCONNECTED: true,
  PROTOCOL: true,
  FINESSE: true,
  PROXY_MAP: true,
  FILE_TOO_LARGE: true,
  FILE_TYPE: true,
  UNAVAILABLE: true,
  INTERNAL: true,
} satisfies Record<HybridChatErrorCode, true>;

export function isHybridChatErrorCode(value: unknown): value is HybridChatErrorCode {
  return typeof value === 'string' && Object.hasOwn(CODES, value);
}

/**
 * A `HybridChatError` from an error body the server sent (`{ code, message }`), whatever its shape:
 * a peer on another version may send a code we do not know, which becomes `fallback`.
 */
export function errorFromBody(body: unknown, fallback: HybridChatErrorCode = 'INTERNAL'): HybridChatError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = isHybridChatErrorCode(record.code) ? record.code : fallback;
  const message =
    typeof record.message === 'string' ? record.message : `server error (${String(record.code)})`;
  const retryAfterMs =
    typeof record.retryAfterMs === 'number' &&
    Number.isFinite(record.retryAfterMs) &&
    record.retryAfterMs >= 0
      ? record.retryAfterMs
      : undefined;
  return new HybridChatError(code, message, retryAfterMs === undefined ? undefined : { retryAfterMs });
}
