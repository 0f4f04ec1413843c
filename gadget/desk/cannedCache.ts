/**
 * Canned messages kept per agent in localStorage, so `/shortcode` works while the chat server
 * cannot be reached (and at once after a reload, before the server answers). The copy is replaced
 * whenever the server answers; it holds only the contact center's own texts, nothing a customer wrote.
 */
import { isCannedMessage, type CannedMessage } from '../../sdk/index.ts';

const keyOf = (agentId: string): string => `hc-gadget:canned:${agentId}`;

export interface CannedCache {
  load(agentId: string): CannedMessage[] | null;
  save(agentId: string, messages: CannedMessage[]): void;
}

/** A cache over `storage`; null storage (private mode, tests): nothing is kept. */
export function createCannedCache(storage: Storage | null): CannedCache {
  return {
    load(agentId) {
      try {
        const raw = storage?.getItem(keyOf(agentId));
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        // Written by an older gadget or by hand: trust only entries of the right shape.
        return Array.isArray(parsed) ? parsed.filter(isCannedMessage) : null;
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
