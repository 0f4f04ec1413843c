/**
 * The outbox of delivery without loss (README.md, "The SDK"): every message we write stays here until the
 * server acks it with its `seq`. Messages go out in the order they were written, pipelined on the
 * one connection; the server stores in receive order and dedups on (chat, clientId), so sending a
 * message again after a lost ack is always safe and returns the same `seq`.
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

  const find = (chatId: string, clientId: string) =>
    queue.findIndex((entry) => entry.message.chatId === chatId && entry.message.clientId === clientId);

  function removeEntry(entry: Entry): void {
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
  }

  function sendEntry(entry: Entry): void {
    const token = {};
    entry.inFlight = token;
    options.send(entry.message).then(
      (stored) => {
        attempt = 0;
        removeEntry(entry);
        options.onAcked(stored);
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
        } else if (options.canSend()) {
          scheduleRetry();
        }
        // Offline: the flush after the next reconnect sends it again.
      },
    );
  }

  function scheduleRetry(): void {
    if (retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      flush();
    }, options.retryDelay(attempt++));
  }

  function flush(): void {
    if (!options.canSend()) return;
    for (const entry of [...queue]) if (entry.inFlight === null) sendEntry(entry);
  }

  return {
    add(message) {
      queue.push({ message, inFlight: null });
      // While a retry waits, a new message waits behind it so that the order holds.
      if (retryTimer === null) flush();
    },
    remove(chatId, clientId) {
      const index = find(chatId, clientId);
      if (index >= 0) queue.splice(index, 1);
    },
    removeChat(chatId) {
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.message.chatId === chatId) queue.splice(i, 1);
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
      for (const entry of queue) entry.inFlight = null;
    },
    size: () => queue.length,
  };
}
