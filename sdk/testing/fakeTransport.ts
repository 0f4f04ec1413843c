/**
 * An in-memory chat server and transports to it, for tests of anything built on `ChatTransport`.
 * It keeps the server's promises (one `seq` sequence per chat, dedup on clientId, store before
 * fan-out) and breaks the network's on request: lost requests and acks, latency, duplicated or
 * held-back deliveries, drops and refusals. Latency runs on timers, so tests drive it with
 * `vi.useFakeTimers()` and `await vi.advanceTimersByTimeAsync(ms)`.
 */
import type { TransportName } from '../core/chatTypes.ts';
import type { ChatTransport, TransportEvents } from '../core/chatTransport.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, errorFromBody } from '../core/chatTransport.ts';
import { Emitter } from '../core/emitter.ts';
import { HybridChatError, type HybridChatErrorCode } from '../core/errors.ts';
import type {
  ChatMessage,
  ChatSummary,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  ParticipantRef,
  Result,
} from '../core/protocol.ts';
import { createFakeChatStore, type FakeChatStore } from './fakeChatStore.ts';

export interface FakeFaults {
  /** The next n requests are lost on the way to the server. */
  dropRequests: number;
  /** The server handles the next n requests but their acks are lost. */
  dropAcks: number;
  /** Milliseconds before the server handles a request, and again before its ack arrives. */
  latencyMs: number;
  /** The next n `chat:message` deliveries (to any transport) are lost. */
  dropDeliveries: number;
  /** Every `chat:message` delivery arrives twice. */
  duplicateDeliveries: boolean;
  /** Whether the sender gets the fan-out of its own message too (besides the ack). */
  echoToSender: boolean;
  /**
   * `message:send` is answered RATE_LIMITED until this time (`Date.now()`), with the rest of the
   * wait as `retryAfterMs` (or without it when `rateLimitSaysWait` is false), as an empty token
   * bucket of the server answers.
   */
  rateLimitedUntil: number;
  rateLimitSaysWait: boolean;
}

export type FakeEmit = CustomerClientToServerEvents;
export type FakeListen = CustomerServerToClientEvents;

export interface FakeTransport extends ChatTransport<FakeEmit, FakeListen> {
  readonly self: ParticipantRef;
  /** Every request and notice that reached the wire, in order. */
  readonly sent: Array<{ event: string; payload: unknown }>;
  /** How often `connect()` was called. */
  readonly connectCalls: number;
  /** The connection drops (acks in flight are lost); `willReconnect` as socket.io would report. */
  drop(options?: { reason?: string; willReconnect?: boolean }): void;
  /** The connection comes back (as socket.io's reconnection would). */
  restore(transport?: TransportName): void;
  /** The next connection attempts fail with this error; `active` stays as given (default false). */
  refuse(error: HybridChatError | null, options?: { active?: boolean }): void;
  /** A reserved or server event, delivered as is. */
  emit<K extends keyof TransportEvents<FakeListen>>(event: K, payload: TransportEvents<FakeListen>[K]): void;
}

export interface FakeChatServer extends FakeChatStore {
  readonly faults: FakeFaults;
  /** A transport for one participant; it connects when `connect()` is called. */
  transport(self: ParticipantRef): FakeTransport;
  /** Stores a message from `from` (not through a transport) and fans it out. */
  post(chatId: string, from: ParticipantRef, text: string): ChatMessage;
  /** Stores any message (a `file` one, say, as the HTTP upload does) once per clientId, and fans it out. */
  storeMessage(
    chatId: string,
    message: Pick<ChatMessage, 'from' | 'text'> & Partial<ChatMessage>,
  ): ChatMessage;
  /** Changes a chat and sends `chat:update` to its participants. */
  update(chatId: string, patch: Partial<ChatSummary>): ChatSummary;
  typing(chatId: string, from: ParticipantRef, typing: boolean): void;
  /** The next request of `event` is answered with this error. */
  failNext(event: string, code: HybridChatErrorCode, message?: string): void;
  /** Keep `chat:message` deliveries back until `releaseDeliveries`. */
  holdDeliveries(): void;
  releaseDeliveries(order?: 'fifo' | 'reverse'): void;
}

/** Latency 0 is a microtask, not a 0-ms timer: `await vi.advanceTimersByTimeAsync(0)` then runs whole exchanges. */
function later(ms: number, fn: () => void): void {
  if (ms > 0) setTimeout(fn, ms);
  else queueMicrotask(fn);
}

interface Connection {
  transport: FakeTransport;
  deliver<K extends keyof FakeListen>(event: K, payload: TransportEvents<FakeListen>[K]): void;
}

export function createFakeChatServer(options: { syncPageSize?: number } = {}): FakeChatServer {
  const faults: FakeFaults = {
    dropRequests: 0,
    dropAcks: 0,
    latencyMs: 0,
    dropDeliveries: 0,
    duplicateDeliveries: false,
    echoToSender: true,
    rateLimitedUntil: 0,
    rateLimitSaysWait: true,
  };
  const connections: Connection[] = [];
  const failures: Array<{ event: string; code: HybridChatErrorCode; message: string }> = [];
  let heldDeliveries: Array<() => void> | null = null;
  const store = createFakeChatStore({ syncPageSize: options.syncPageSize, fanOut });

  function fanOut(
    chat: ChatSummary,
    event: keyof FakeListen,
    payload: unknown,
    sender?: ParticipantRef,
  ): void {
    for (const connection of connections) {
      const self = connection.transport.self;
      if (!connection.transport.connected || !store.isParticipant(chat, self)) continue;
      const isSender = sender !== undefined && sender.role === self.role && sender.id === self.id;
      if (isSender && (event === 'chat:typing' || !faults.echoToSender)) continue;
      const send = () => connection.deliver(event, structuredClone(payload) as never);
      if (event !== 'chat:message') {
        send();
      } else if (faults.dropDeliveries > 0) {
        faults.dropDeliveries--;
      } else {
        const times = faults.duplicateDeliveries ? 2 : 1;
        for (let i = 0; i < times; i++) {
          if (heldDeliveries) heldDeliveries.push(send);
          else send();
        }
      }
    }
  }

  function handle(self: ParticipantRef, event: string, payload: unknown): Result<unknown> {
    const failure = failures.findIndex((entry) => entry.event === event);
    if (failure >= 0) {
      const [{ code, message }] = failures.splice(failure, 1) as [(typeof failures)[number]];
      return { ok: false, error: { code, message } };
    }
    const wait = faults.rateLimitedUntil - Date.now();
    if (event === 'message:send' && wait > 0) {
      const message = 'too many messages (fake)';
      return {
        ok: false,
        error: faults.rateLimitSaysWait
          ? { code: 'RATE_LIMITED', message, retryAfterMs: wait }
          : { code: 'RATE_LIMITED', message },
      };
    }
    try {
      return { ok: true, data: structuredClone(store.handle(self, event, payload)) };
    } catch (error) {
      const problem =
        error instanceof HybridChatError ? error : new HybridChatError('INTERNAL', String(error));
      return { ok: false, error: { code: problem.code, message: problem.message } };
    }
  }

  function createTransport(self: ParticipantRef): FakeTransport {
    const events = new Emitter<TransportEvents<FakeListen>>();
    const pending = new Set<{
      reject: (error: HybridChatError) => void;
      timer: ReturnType<typeof setTimeout>;
    }>();
    let connected = false;
    let active = false;
    let name: TransportName | null = null;
    let refusal: HybridChatError | null = null;
    let refusalKeepsActive = false;
    /** Bumped on every drop: an answer for an older connection is lost with it. */
    let connectionId = 0;

    function dropPending(): void {
      for (const request of pending) {
        clearTimeout(request.timer);
        request.reject(new HybridChatError('DISCONNECTED', 'the connection dropped before the ack'));
      }
      pending.clear();
    }

    const transport: FakeTransport = {
      self,
      sent: [],
      connectCalls: 0,
      get connected() {
        return connected;
      },
      get active() {
        return active;
      },
      get transportName() {
        return name;
      },
      connect() {
        (transport as { connectCalls: number }).connectCalls++;
        if (connected) return;
        active = true;
        later(faults.latencyMs, () => {
          if (!active || connected) return;
          if (refusal) {
            active = refusalKeepsActive;
            events.emit('connectError', refusal);
          } else {
            transport.restore();
          }
        });
      },
      close() {
        active = false;
        if (!connected) return;
        connected = false;
        connectionId++;
        dropPending();
        events.emit('disconnect', { reason: 'io client disconnect', willReconnect: false });
      },
      request(event, payload, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
        if (!connected) return Promise.reject(new HybridChatError('DISCONNECTED', 'not connected'));
        transport.sent.push({ event, payload: structuredClone(payload) });
        const id = connectionId;
        return new Promise((resolve, reject) => {
          const request = {
            reject,
            timer: setTimeout(() => {
              pending.delete(request);
              reject(new HybridChatError('TIMEOUT', `no ack for ${event} within ${timeoutMs} ms`));
            }, timeoutMs),
          };
          pending.add(request);
          if (faults.dropRequests > 0) {
            faults.dropRequests--;
            return;
          }
          later(faults.latencyMs, () => {
            if (id !== connectionId) return; // the request was lost with the connection
            const result = handle(self, event, payload);
            if (faults.dropAcks > 0) {
              faults.dropAcks--;
              return;
            }
            later(faults.latencyMs, () => {
              if (id !== connectionId || !pending.delete(request)) return;
              clearTimeout(request.timer);
              if (result.ok) resolve(result.data as never);
              else reject(errorFromBody(result.error));
            });
          });
        });
      },
      notify(event, payload) {
        if (!connected) return;
        transport.sent.push({ event, payload: structuredClone(payload) });
        later(faults.latencyMs, () => {
          try {
            store.handle(self, event, payload);
          } catch {
            // Notices have no answer: the real server drops a bad one silently too.
          }
        });
      },
      on: (event, listener) => events.on(event, listener),
      drop({ reason = 'transport close', willReconnect = true } = {}) {
        if (!connected) return;
        connected = false;
        active = willReconnect;
        connectionId++;
        dropPending();
        events.emit('disconnect', { reason, willReconnect });
      },
      restore(transportName = 'websocket') {
        if (connected) return;
        connected = true;
        active = true;
        name = transportName;
        events.emit('connect', { transport: transportName });
      },
      refuse(error, { active: keepActive = false } = {}) {
        refusal = error;
        refusalKeepsActive = keepActive;
      },
      emit: (event, payload) => events.emit(event, payload),
    };
    connections.push({ transport, deliver: (event, payload) => events.emit(event, payload) });
    return transport;
  }

  return {
    createChat: store.createChat,
    chat: store.chat,
    messages: store.messages,
    faults,
    transport: createTransport,
    post: (chatId, from, text) => structuredClone(store.store(chatId, { from, text })),
    storeMessage: (chatId, message) => structuredClone(store.store(chatId, message)),
    update: (chatId, patch) => structuredClone(store.update(chatId, patch)),
    typing(chatId, from, typing) {
      store.handle(from, 'chat:typing', { chatId, typing });
    },
    failNext(event, code, message = `${code} (fake)`) {
      failures.push({ event, code, message });
    },
    holdDeliveries() {
      heldDeliveries ??= [];
    },
    releaseDeliveries(order = 'fifo') {
      const deliveries = heldDeliveries ?? [];
      heldDeliveries = null;
      for (const deliver of order === 'reverse' ? deliveries.reverse() : deliveries) deliver();
    },
  };
}
