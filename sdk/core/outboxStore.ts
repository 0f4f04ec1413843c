/**
 * Where the outbox (`outbox.ts`) survives a reload: messages written while offline are still
 * pending after the page comes back, and go out once it is online. Sending them again is safe
 * because the server dedups on (chat, clientId).
 *
 * The port is synchronous, like the Web Storage API (https://html.spec.whatwg.org/multipage/webstorage.html):
 * the last write before an unload is the one that counts. `createKeyValueOutboxStore` keeps the
 * queue as one JSON entry in any such store; the apps decide which store, and when they may write.
 */
import type { LocalMessage } from './chatTypes.ts';
import type { ParticipantRef } from './protocol.ts';

export interface OutboxStore {
  /** What waited when the page went away (malformed entries are left out). */
  load(): LocalMessage[];
  /** What waits now, oldest first; an empty list clears the entry. */
  save(messages: readonly LocalMessage[]): void;
}

/** The part of `Storage` (localStorage) the outbox needs; a write may throw (quota, blocked). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface KeyValueOutboxOptions {
  /** A getter, so that a store that is refused now (consent, blocked storage) may be given later. */
  storage: () => KeyValueStore | null;
  key: string;
  /** Messages older than this are dropped on load (default a day: a shared PC forgets yesterday). */
  maxAgeMs?: number;
  now?: () => number;
}

const DAY_MS = 24 * 3600_000;

function isRef(value: unknown): value is ParticipantRef {
  const ref = value as Partial<ParticipantRef> | null;
  return (
    typeof ref === 'object' && ref !== null && typeof ref.role === 'string' && typeof ref.id === 'string'
  );
}

function isPendingText(value: unknown): value is LocalMessage {
  const message = value as Partial<LocalMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.kind === 'text' &&
    typeof message.chatId === 'string' &&
    typeof message.clientId === 'string' &&
    typeof message.text === 'string' &&
    typeof message.sentAt === 'number' &&
    isRef(message.from)
  );
}

export function createKeyValueOutboxStore({
  storage,
  key,
  maxAgeMs = DAY_MS,
  now = Date.now,
}: KeyValueOutboxOptions): OutboxStore {
  return {
    load() {
      try {
        const raw = storage()?.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        const messages = (parsed as { v?: unknown; messages?: unknown } | null)?.messages;
        if (!Array.isArray(messages)) return [];
        return messages
          .filter(isPendingText)
          .filter((message) => now() - message.sentAt <= maxAgeMs)
          .map((message) => ({ ...message, seq: null, delivery: 'pending' as const }));
      } catch {
        return []; // An unreadable entry holds nothing we could send.
      }
    },
    save(messages) {
      try {
        const store = storage();
        if (!store) return;
        // Only text waits in the outbox (files are uploaded over HTTP); keep what a resend needs.
        const kept = messages.map(({ chatId, clientId, from, kind, text, sentAt }) => ({
          chatId,
          clientId,
          from,
          kind,
          text,
          sentAt,
        }));
        if (kept.length === 0) store.removeItem(key);
        else store.setItem(key, JSON.stringify({ v: 1, messages: kept }));
      } catch {
        // Full or refused: the messages still go out from memory; only a reload would lose them.
      }
    },
  };
}
