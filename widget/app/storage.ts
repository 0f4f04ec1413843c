/**
 * The customer's chat, remembered across reloads. Written only once the customer has started a chat
 * (nothing is stored before that), removed when they start a new one.
 */
export interface SavedChat {
  v: 1;
  token: string;
  customerId: string;
  chatId: string;
  name: string;
}

const KEY = 'hybridChat.chat';

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
    storage?.setItem(KEY, JSON.stringify({ v: 1, ...saved }));
  } catch (error) {
    // Storage full or blocked: the chat works, it just will not survive a reload.
    console.warn('[hybrid-chat widget] could not remember the chat', error);
  }
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
