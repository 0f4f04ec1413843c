/**
 * The customer's chat, remembered across reloads. Written only once the customer has started a chat
 * (nothing is stored before that), removed when they start a new one.
 *
 * Consent: in a host page, nothing is written before the customer has opened the widget
 * (`allowStorage`, called when the panel first opens), even if the app was prefetched while hidden;
 * a chat saved on an earlier visit was consented to then, so it may be refreshed. The same rule
 * holds for the messages that wait to be sent (`outboxStorage`).
 */
import type { KeyValueStore } from '../../sdk/index.ts';
export interface SavedChat {
  v: 1;
  token: string;
  customerId: string;
  chatId: string;
  name: string;
}

const KEY = 'hybridChat.chat';

let allowed = false;

/** The customer opened the widget: from now on the chat may be remembered. */
export function allowStorage(): void {
  allowed = true;
}

/** For tests: back to the state before the widget was opened. */
export function resetStorageConsent(): void {
  allowed = false;
}

/** Opened on its own (not in a host page's iframe), the app was opened by the customer by definition. */
function mayWrite(storage: Storage): boolean {
  const own = globalThis as unknown as { parent?: unknown };
  return allowed || own.parent === own || storage.getItem(KEY) !== null;
}

export function loadSavedChat(storage: Storage | null = safeLocalStorage()): SavedChat | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<SavedChat>;
    const valid =
      saved.v === 1 &&
      typeof saved.token === 'string' &&
      typeof saved.customerId === 'string' &&
      typeof saved.chatId === 'string' &&
      typeof saved.name === 'string';
    return valid ? (saved as SavedChat) : null;
  } catch {
    return null; // Unreadable entry: start fresh.
  }
}

export function saveChat(saved: Omit<SavedChat, 'v'>, storage: Storage | null = safeLocalStorage()): void {
  try {
    if (!storage || !mayWrite(storage)) return;
    storage.setItem(KEY, JSON.stringify({ v: 1, ...saved }));
  } catch (error) {
    // Storage full or blocked: the chat works, it just will not survive a reload.
    console.warn('[hybrid-chat widget] could not remember the chat', error);
  }
}

export const OUTBOX_KEY = 'hybridChat.outbox';

/**
 * Where the SDK keeps messages written while offline (`createKeyValueOutboxStore`), under the same
 * consent as the chat itself: nothing is written before `mayWrite` allows it.
 */
export function outboxStorage(storage: Storage | null = safeLocalStorage()): KeyValueStore | null {
  if (!storage) return null;
  return {
    getItem: (key) => storage.getItem(key),
    setItem(key, value) {
      if (mayWrite(storage)) storage.setItem(key, value);
    },
    removeItem: (key) => storage.removeItem(key),
  };
}

export function clearSavedChat(storage: Storage | null = safeLocalStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // Third-party storage blocked in this browser.
  }
}

/**
 * Another tab of the same site saved a chat (or cleared it): `listener` gets what is saved now.
 * The `storage` event fires only in the other tabs, never in the one that wrote.
 */
export function watchSavedChat(
  listener: (saved: SavedChat | null) => void,
  scope: Window = window,
): () => void {
  const onStorage = (event: StorageEvent): void => {
    if (event.key === KEY || event.key === null) listener(loadSavedChat());
  };
  scope.addEventListener('storage', onStorage);
  return () => scope.removeEventListener('storage', onStorage);
}
