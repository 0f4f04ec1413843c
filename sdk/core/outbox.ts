/**
 * The outbox of delivery without loss (README.md, "The SDK"): every message we write stays here until the server acks it with its `seq`.
 * Messages go out in the order they were written, pipelined on the one connection; the server
 * stores in receive order and dedups on (chat, clientId), so sending a message again after a lost
 * ack is always safe and returns the same `seq`.
 *
 * RATE_LIMITED (the server's per-socket buckets, README "Limits") is a wait, not a failure: the
 * outbox holds everything for the `retryAfterMs` the server asked for (a backoff when it did not
 * say), then goes on one message at a time, so that a later message cannot overtake a refused one
 * while the bucket refills. `onChange` hands every change of the queue to a persistence port
 * (`outboxStore.ts`), so that a reload does not lose what waits here.
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

interface Entry {
  message: LocalMessage;
  /** The request in flight for this entry; a settled request that is no longer current is ignored. */
  inFlight: object | null;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const queue: Entry[] = [];
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** After a RATE_LIMITED refusal: one request in flight at a time until the queue is empty. */
  let throttled = false;

  function changed(): void {
    if (queue.length === 0) throttled = false;
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
        // Throttled: the next message goes once this one is stored.
        if (throttled && retryTimer === null) flush();
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
          if (throttled && retryTimer === null) flush();
        } else if (error.code === 'RATE_LIMITED') {
          throttled = true;
          // Later messages that were refused too reject with the same wait: one timer for them all.
          scheduleRetry(error.retryAfterMs);
        } else if (options.canSend()) {
          scheduleRetry();
        }
        // Offline: the flush after the next reconnect sends it again.
      },
    );
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
    for (const entry of [...queue]) if (entry.inFlight === null) sendEntry(entry);
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
      if (throttled && retryTimer === null) flush();
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
      for (const entry of queue) entry.inFlight = null;
    },
    size: () => queue.length,
    pending: (chatId) =>
      queue.filter((entry) => entry.message.chatId === chatId).map((entry) => entry.message),
  };
}
