/**
 * The outbox of delivery without loss (README.md, "The SDK"): every message we write stays here until the server acks it with its `seq`.
 * Messages go out in the order they were written, pipelined on the one connection; the server
 * stores in receive order and dedups on (chat, clientId), so sending a message again after a lost
 * ack is always safe and returns the same `seq`.
 *
 * At most MAX_IN_FLIGHT requests are pipelined: a long queue after a reconnect does not hit the
 * server's per-socket message bucket (README "Limits") with more refusals than it allows before it
 * cuts the socket off. RATE_LIMITED is a wait, not a failure: the outbox holds everything for the
 * `retryAfterMs` the server asked for (a backoff when it did not say), then goes on one message at
 * a time, paced by the longest wait the server named, so that a later message cannot overtake a
 * refused one while the bucket refills. `onChange` hands every change of the queue to a persistence
 * port (`outboxStore.ts`), so that a reload does not lose what waits here.
 */
import { HybridChatError } from './errors.ts';
import type { LocalMessage } from './chatTypes.ts';
import type { ChatMessage } from './protocol.ts';

export interface OutboxOptions {
  /** Emits `message:send`; resolves with the stored message. */
  send(message: LocalMessage): Promise<ChatMessage>;
  /** Whether sending makes sense now (online and resynced). */
  canSend(): boolean;
  /** The wait before retry number `attempt` after a timeout while online. */
  retryDelay(attempt: number): number;
  onAcked(message: ChatMessage): void;
  /** The server refused the message for good (not retryable). */
  onRefused(message: LocalMessage, error: HybridChatError): void;
  /** The queued messages changed (added, acked, refused, removed): what waits now, oldest first. */
  onChange?(messages: LocalMessage[]): void;
}

export interface Outbox {
  /** Queues a message and sends it when the queue allows. */
  add(message: LocalMessage): void;
  /** Drops a message the server already has (seen in a sync or an echo) or that was forgotten. */
  remove(chatId: string, clientId: string): void;
  removeChat(chatId: string): void;
  /** Sends every queued message that is not in flight, oldest first. */
  flush(): void;
  /** The connection dropped: in-flight requests are lost (they will reject) and retries wait for the next flush. */
  pause(): void;
  size(): number;
  /** The messages waiting for `chatId`, oldest first. */
  pending(chatId: string): LocalMessage[];
}

/** Requests pipelined at once (below the server's default message burst, README "Limits"). */
export const MAX_IN_FLIGHT = 16;

interface Entry {
  message: LocalMessage;
  /** The request in flight for this entry; a settled request that is no longer current is ignored. */
  inFlight: object | null;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const queue: Entry[] = [];
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * After a RATE_LIMITED refusal: one request in flight at a time, `pace` ms apart (the longest
   * wait the server named), until the queue is empty.
   */
  let throttled = false;
  let pace = 0;

  function changed(): void {
    if (queue.length === 0) {
      throttled = false;
      pace = 0;
    }
    options.onChange?.(queue.map((entry) => entry.message));
  }

  const find = (chatId: string, clientId: string) =>
    queue.findIndex((entry) => entry.message.chatId === chatId && entry.message.clientId === clientId);

  function removeEntry(entry: Entry): void {
    const index = queue.indexOf(entry);
    if (index < 0) return;
    queue.splice(index, 1);
    changed();
  }

  function sendEntry(entry: Entry): void {
    const token = {};
    entry.inFlight = token;
    options.send(entry.message).then(
      (stored) => {
        attempt = 0;
        removeEntry(entry);
        options.onAcked(stored);
        advance();
      },
      (reason: unknown) => {
        // Stale (the connection dropped since) or already confirmed by an echo or a sync.
        if (entry.inFlight !== token || !queue.includes(entry)) return;
        entry.inFlight = null;
        const error =
          reason instanceof HybridChatError
            ? reason
            : new HybridChatError('INTERNAL', String(reason), { cause: reason });
        if (!error.retryable) {
          removeEntry(entry);
          options.onRefused(entry.message, error);
          advance();
        } else if (error.code === 'RATE_LIMITED') {
          throttled = true;
          pace = Math.max(pace, error.retryAfterMs ?? 0);
          // Later messages that were refused too reject with the same wait: one timer for them all.
          scheduleRetry(error.retryAfterMs);
        } else if (options.canSend()) {
          scheduleRetry();
        }
        // Offline: the flush after the next reconnect sends it again.
      },
    );
  }

  /** A message left the queue: the next goes now (topping up the window), or `pace` ms later while throttled. */
  function advance(): void {
    if (retryTimer !== null || queue.length === 0) return;
    if (throttled) scheduleRetry(pace);
    else flush();
  }

  /** `waitMs`: the server's own wait (RATE_LIMITED), else the backoff of the next attempt. */
  function scheduleRetry(waitMs?: number): void {
    if (retryTimer !== null) return;
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        flush();
      },
      waitMs ?? options.retryDelay(attempt++),
    );
  }

  function flush(): void {
    if (!options.canSend()) return;
    if (throttled) {
      const first = queue[0];
      if (first && first.inFlight === null && !queue.some((entry) => entry.inFlight !== null)) {
        sendEntry(first);
      }
      return;
    }
    let inFlight = queue.filter((entry) => entry.inFlight !== null).length;
    for (const entry of [...queue]) {
      if (inFlight >= MAX_IN_FLIGHT) break;
      if (entry.inFlight !== null) continue;
      sendEntry(entry);
      inFlight += 1;
    }
  }

  return {
    add(message) {
      queue.push({ message, inFlight: null });
      changed();
      // While a retry waits, a new message waits behind it so that the order holds.
      if (retryTimer === null) flush();
    },
    remove(chatId, clientId) {
      const index = find(chatId, clientId);
      if (index < 0) return;
      queue.splice(index, 1);
      changed();
      advance();
    },
    removeChat(chatId) {
      const before = queue.length;
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.message.chatId === chatId) queue.splice(i, 1);
      if (queue.length !== before) changed();
    },
    flush() {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      flush();
    },
    pause() {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      attempt = 0;
      // The buckets are per socket: the next connection starts with full ones.
      throttled = false;
      pace = 0;
      for (const entry of queue) entry.inFlight = null;
    },
    size: () => queue.length,
    pending: (chatId) =>
      queue.filter((entry) => entry.message.chatId === chatId).map((entry) => entry.message),
  };
}
