/**
 * The `ChatTransport` over socket.io-client. socket.io keeps its own reconnection (backoff) and
 * transport upgrade; this module turns acks into promises of `Result` data, the handshake
 * refusals of the server's middleware into `HybridChatError`s (and so the server's end of a session
 * whose token expired or was revoked, `session:ended`: a `connectError` UNAUTHORIZED after the
 * disconnect, as if the next handshake had been refused), and reports the transport name, and
 * why a connection stays on long-polling (`upgradeStalled`: a reverse proxy that does not pass the
 * WebSocket upgrade is the usual cause: docs/requirements.md, Ports).
 * https://socket.io/docs/v4/client-options/ , https://socket.io/docs/v4/middlewares/#handling-middleware-error
 * https://socket.io/docs/v4/how-it-works/#upgrade-mechanism
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { TransportName } from '../core/chatTypes.ts';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  errorFromBody,
  isHybridChatErrorCode,
  type ChatTransport,
  type TransportReservedEvents,
  type UpgradeStall,
} from '../core/chatTransport.ts';
import { Emitter } from '../core/emitter.ts';
import { HybridChatError, ProtocolError } from '../core/errors.ts';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  HandshakeAuth,
} from '../core/protocol.ts';

/** The event maps of each namespace, so that the namespace picks the transport's type. */
export interface NamespaceEventMaps {
  '/agent': { emit: AgentClientToServerEvents; listen: AgentServerToClientEvents };
  '/customer': { emit: CustomerClientToServerEvents; listen: CustomerServerToClientEvents };
}

export interface SocketIoTransportOptions<N extends keyof NamespaceEventMaps> {
  /**
   * The chat server's URL, e.g. `https://chat.example.com:8444`; a reverse-proxy path prefix
   * (`https://proxy.example.com/chat`) is kept for socket.io's path (`/chat/socket.io`).
   */
  url: string;
  namespace: N;
  /** Called before every (re)connect, so that a refreshed token is used. */
  auth: () => HandshakeAuth | Promise<HandshakeAuth>;
  /** The socket.io HTTP path (default `<url's path prefix>/socket.io`). */
  path?: string;
  /** Default: polling first, then upgrade to websocket (works through every proxy). */
  transports?: TransportName[];
  reconnection?: { attempts?: number; delayMs?: number; maxDelayMs?: number; randomization?: number };
  /** Connect at once instead of on `connect()` (default false). */
  autoConnect?: boolean;
  /** Default ack timeout of `request`. */
  requestTimeoutMs?: number;
  /**
   * Report `upgradeStalled` when a polling connection has not upgraded this long after connecting
   * (default DEFAULT_UPGRADE_STALL_MS). A failed WebSocket probe is reported at once. Not reported
   * when `transports` leaves no upgrade to make.
   */
  upgradeStallMs?: number;
}

/** A healthy upgrade takes a round trip or two; this is long enough not to cry wolf on a slow network. */
export const DEFAULT_UPGRADE_STALL_MS = 5000;

export type SocketIoTransport<N extends keyof NamespaceEventMaps> = ChatTransport<
  NamespaceEventMaps[N]['emit'],
  NamespaceEventMaps[N]['listen']
>;

const RESERVED = new Set<string>(['connect', 'disconnect', 'transport', 'upgradeStalled', 'connectError']);

// We only ever configure polling and websocket; anything else would be a newer engine's name for a socket.
const nameOf = (transport: { name: string }): TransportName =>
  transport.name === 'polling' ? 'polling' : 'websocket';

/**
 * The server's refusal: `data.code` as the server sends it, else a `CODE: …` message prefix; a
 * RATE_LIMITED refusal (server/limits/socketGuard.ts) carries `data.retryAfterMs`.
 */
function refusalError(error: Error & { data?: unknown }): HybridChatError {
  const data = error.data as { code?: unknown; retryAfterMs?: unknown } | undefined;
  const prefix = /^([A-Z_]+):/.exec(error.message)?.[1];
  const code = isHybridChatErrorCode(data?.code)
    ? data.code
    : isHybridChatErrorCode(prefix)
      ? prefix
      : 'INTERNAL';
  const wait = data?.retryAfterMs;
  const retryAfterMs = typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
  return new HybridChatError(code, error.message, { cause: error, retryAfterMs });
}

export function createSocketIoTransport<N extends keyof NamespaceEventMaps>(
  options: SocketIoTransportOptions<N>,
): SocketIoTransport<N> {
  const events = new Emitter<TransportReservedEvents>();
  const defaultTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  let name: TransportName | null = null;
  /** socket.io ran out of `reconnection.attempts`; its socket still looks active. */
  let gaveUp = false;
  const upgradeWatch = watchUpgrade(options.upgradeStallMs ?? DEFAULT_UPGRADE_STALL_MS, (stall) =>
    events.emit('upgradeStalled', stall),
  );
  // Polling is only a fallback when websocket comes after it; a polling-only setup is deliberate.
  const upgrades = (options.transports ?? ['polling', 'websocket']).includes('websocket');

  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    autoConnect: false,
    // Our own manager: a second gadget instance on the page must not share (and close) ours.
    forceNew: true,
    reconnection: true,
    reconnectionAttempts: options.reconnection?.attempts ?? Infinity,
    reconnectionDelay: options.reconnection?.delayMs ?? 1000,
    reconnectionDelayMax: options.reconnection?.maxDelayMs ?? 10_000,
    randomizationFactor: options.reconnection?.randomization ?? 0.5,
    auth: (callback) => {
      Promise.resolve()
        .then(options.auth)
        .then(callback, (error: unknown) => {
          // socket.io would wait for ever for the callback: stop, and let the client decide.
          socket.disconnect();
          events.emit(
            'connectError',
            error instanceof HybridChatError
              ? error
              : new HybridChatError('INTERNAL', `auth failed: ${String(error)}`, { cause: error }),
          );
        });
    },
  };
  const endpoint = socketEndpoint(options.url, options.path);
  if (endpoint.path) socketOptions.path = endpoint.path;
  if (options.transports) socketOptions.transports = options.transports;

  const socket: Socket = io(`${endpoint.origin}${options.namespace}`, socketOptions);

  socket.on('connect', () => {
    name = nameOf(socket.io.engine.transport);
    events.emit('connect', { transport: name });
    if (name === 'polling' && upgrades) upgradeWatch.connected();
  });
  // The server ends a socket whose token expired or was revoked, telling it first: the app gets a
  // fresh token (its `connectError` handling) and connects again, which socket.io would not do itself.
  let sessionEnded: string | null = null;
  socket.on('session:ended', (notice: { reason?: unknown } | undefined) => {
    sessionEnded = typeof notice?.reason === 'string' ? notice.reason : 'ended';
  });
  socket.on('disconnect', (reason) => {
    upgradeWatch.reset();
    events.emit('disconnect', { reason, willReconnect: socket.active && !gaveUp });
    const ended = sessionEnded;
    sessionEnded = null;
    if (ended !== null && reason === 'io server disconnect') {
      events.emit(
        'connectError',
        new HybridChatError(
          'UNAUTHORIZED',
          `the session token has ${ended === 'revoked' ? 'been revoked' : 'expired'}`,
        ),
      );
    }
  });
  socket.on('connect_error', (error) => {
    // A middleware refusal (CONNECT_ERROR packet) destroys the socket; a network error leaves it retrying.
    events.emit(
      'connectError',
      socket.active
        ? new HybridChatError('DISCONNECTED', error.message, { cause: error })
        : refusalError(error),
    );
  });
  socket.io.on('open', () => {
    upgradeWatch.reset();
    socket.io.engine.on('upgrade', (transport) => {
      name = nameOf(transport);
      upgradeWatch.upgraded();
      if (socket.connected) events.emit('transport', name);
    });
    // engine.io probes the WebSocket once per connection and stays on polling when the probe fails
    // (a proxy answering the Upgrade request with 400, or closing it); it does not try again.
    socket.io.engine.on('upgradeError', (error: Error) => {
      if (upgrades) upgradeWatch.failed(error.message);
    });
  });
  socket.io.on('reconnect_failed', () => {
    gaveUp = true;
    events.emit('disconnect', { reason: 'reconnect failed', willReconnect: false });
  });

  // The maps are checked at our typed surface; the socket itself is used untyped.
  const loose = socket as unknown as {
    emit(event: string, ...args: unknown[]): void;
    timeout(ms: number): {
      emit(event: string, payload: unknown, ack: (err: Error | null, result?: unknown) => void): void;
    };
    volatile: { emit(event: string, payload: unknown): void };
    on(event: string, listener: (payload: unknown) => void): void;
    off(event: string, listener: (payload: unknown) => void): void;
  };

  const transport: SocketIoTransport<N> = {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active && !gaveUp;
    },
    get transportName() {
      return socket.connected ? name : null;
    },
    connect() {
      gaveUp = false;
      socket.connect();
    },
    close() {
      upgradeWatch.reset();
      socket.disconnect();
    },
    request(event, payload, timeoutMs = defaultTimeout) {
      if (!socket.connected) return Promise.reject(new HybridChatError('DISCONNECTED', 'not connected'));
      return new Promise((resolve, reject) => {
        loose.timeout(timeoutMs).emit(event as string, payload, (error, result) => {
          if (error) {
            // socket.io answers a dropped connection and a timeout alike; `connected` tells them apart.
            reject(
              socket.connected
                ? new HybridChatError('TIMEOUT', `no ack for ${String(event)} within ${timeoutMs} ms`)
                : new HybridChatError('DISCONNECTED', `disconnected before the ack of ${String(event)}`),
            );
            return;
          }
          const answer = result as { ok?: unknown; data?: unknown; error?: unknown } | null | undefined;
          if (answer?.ok === true) resolve(answer.data as never);
          else if (answer?.ok === false) reject(errorFromBody(answer.error));
          else reject(new ProtocolError(`malformed ack of ${String(event)}`));
        });
      });
    },
    notify(event, payload) {
      // Volatile: a typing notice that cannot go now is worthless later.
      if (socket.connected) loose.volatile.emit(event as string, payload);
    },
    on(event, listener) {
      if (RESERVED.has(event as string)) {
        return events.on(event as keyof TransportReservedEvents, listener as (payload: unknown) => void);
      }
      const handler = listener as (payload: unknown) => void;
      loose.on(event as string, handler);
      return () => loose.off(event as string, handler);
    },
  };
  if (options.autoConnect) transport.connect();
  return transport;
}

/**
 * One connection's upgrade: `upgradeStalled` at most once, at once when the probe failed (also when it
 * failed before the namespace connected), else when still on polling `stallMs` after connecting.
 */
function watchUpgrade(stallMs: number, report: (stall: UpgradeStall) => void) {
  let connectedAt: number | null = null;
  let failure: string | null = null;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (stall: Omit<UpgradeStall, 'afterMs'>) => {
    if (done || connectedAt === null) return;
    done = true;
    clearTimeout(timer);
    report({ ...stall, afterMs: Date.now() - connectedAt });
  };
  return {
    connected() {
      connectedAt = Date.now();
      if (failure !== null) return fire({ reason: 'upgradeError', detail: failure });
      timer = setTimeout(() => fire({ reason: 'timeout' }), stallMs);
    },
    failed(detail: string) {
      failure = detail;
      fire({ reason: 'upgradeError', detail });
    },
    upgraded() {
      done = true;
      clearTimeout(timer);
    },
    /** A new engine connection (or none): its upgrade is watched afresh. */
    reset() {
      clearTimeout(timer);
      connectedAt = null;
      failure = null;
      done = false;
    },
  };
}

/**
 * socket.io takes the namespace in the URL's path, so a server behind a path prefix needs the
 * origin as its URL and the prefix in `path`.
 */
export function socketEndpoint(serverUrl: string, path?: string): { origin: string; path?: string } {
  const { origin, pathname } = new URL(serverUrl);
  const prefix = pathname.replace(/\/+$/, '');
  if (path) return { origin, path };
  return prefix ? { origin, path: `${prefix}/socket.io` } : { origin };
}
