/**
 * Canned messages kept per agent in localStorage, so `/shortcode` works while the chat server
 * cannot be reached (and at once after a reload, before the server answers). The copy is replaced
 * whenever the server answers; it holds only the contact center's own texts, nothing a customer wrote.
 */
import { labelIn, type CannedMessage } from '../../sdk/index.ts';

const keyOf = (agentId: string): string => `hc-gadget:canned:${agentId}`;

export interface CannedCache {
  load(agentId: string): CannedMessage[] | null;
  save(agentId: string, messages: CannedMessage[]): void;
}

const isCanned = (value: unknown): value is CannedMessage => {
  const entry = value as Partial<CannedMessage> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.shortcode === 'string' &&
    typeof entry.title === 'string' &&
    (entry.titles === undefined ||
      (typeof entry.titles === 'object' &&
        entry.titles !== null &&
        Object.values(entry.titles).every((title) => typeof title === 'string'))) &&
    typeof entry.text === 'string' &&
    Array.isArray(entry.queues) &&
    entry.queues.every((queue) => typeof queue === 'string')
  );
};

/** A cache over `storage`; null storage (private mode, tests): nothing is kept. */
export function createCannedCache(storage: Storage | null): CannedCache {
  return {
    load(agentId) {
      try {
        const raw = storage?.getItem(keyOf(agentId));
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        // Written by an older gadget or by hand: trust only entries of the right shape.
        return Array.isArray(parsed) ? parsed.filter(isCanned) : null;
      } catch {
        return null;
      }
    },
    save(agentId, messages) {
      try {
        storage?.setItem(keyOf(agentId), JSON.stringify(messages));
      } catch {
        // Storage full or refused: the messages still work until the next reload.
      }
    },
  };
}

/** The storage the gadget keeps things in, or null where the browser refuses it (blocked cookies). */
export function browserStorage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window[kind];
  } catch {
    return null;
  }
}

/** The messages for a chat in `queue`, with the placeholders filled in. */
export function cannedFor(queue: string, messages: CannedMessage[]): CannedMessage[] {
  return messages.filter((message) => message.queues.length === 0 || message.queues.includes(queue));
}

export function fillPlaceholders(text: string, values: { customerName: string; agentName: string }): string {
  return text.replace(
    /\{(customerName|agentName)\}/g,
    (_match, name: 'customerName' | 'agentName') => values[name],
  );
}

/** A canned message's title in the agent's language (`titles`), else its English `title`. */
export function cannedTitle(message: Pick<CannedMessage, 'title' | 'titles'>, language: string): string {
  return labelIn(message.titles, language, message.title).trim() || message.title;
}
