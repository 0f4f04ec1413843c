/**
 * The open chats of a desktop chat for a UI: a headless store (getSnapshot/subscribe, the shape
 * React's useSyncExternalStore reads) fed by the chat's events. An incoming message opens its chat;
 * it counts as unread unless its chat is the active one. Receipts (XEP-0184) mark our messages
 * delivered, chat states (XEP-0085) and file answers update the chat. Everything is kept in the
 * given storage (sessionStorage in a browser) so that a reload of the desktop, or a failover to the
 * other server, keeps every open chat with its messages; `clear()` forgets them (sign-out).
 */
import type { ChatState } from './chatStates.ts';
import { bareJid } from './stanzas.ts';
import type {
  ChatMessage,
  Conversation,
  Conversations,
  ConversationsOptions,
  ConversationsState,
  DesktopChat,
} from './types.ts';
import { restoreConversations } from './conversationsStorage.ts';

export const CONVERSATIONS_KEY = 'hybrid-chat:desktop-chat:conversations';

const EMPTY: ConversationsState = { chats: [], active: null };

export function createConversations(chat: DesktopChat, options: ConversationsOptions = {}): Conversations {
  const key = options.key ?? CONVERSATIONS_KEY;
  const maxMessages = options.maxMessages ?? 500;
  const listeners = new Set<() => void>();
  let state: ConversationsState = restoreConversations(options.storage?.getItem(key) ?? null);

  function commit(next: ConversationsState): void {
    if (next === state) return;
    state = next;
    save();
    for (const listener of [...listeners]) listener();
  }

  function save(): void {
    const storage = options.storage;
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch (error) {
      // A full storage (quota) must not break the chat: the open chats still work, unsaved.
      console.error('[hybrid-chat] desktop chat history not saved', error);
    }
  }

  const find = (peer: string) => state.chats.find((c) => c.peer === peer);

  /** The state with `peer`'s chat changed by `change` (opened first when `openIt`). */
  function update(
    peer: string,
    change: (chat: Conversation) => Conversation,
    openIt: boolean,
  ): ConversationsState {
    const current = find(peer);
    if (!current && !openIt) return state;
    const before = current ?? { peer, messages: [], unread: 0, state: null };
    const after = change(before);
    if (after === current) return state;
    const chats = current ? state.chats.map((c) => (c === current ? after : c)) : [...state.chats, after];
    return { ...state, chats };
  }

  function withMessage(chatNow: Conversation, message: ChatMessage): Conversation {
    // A message stored offline (XEP-0203) may repeat one already shown: same id, kept once.
    if (chatNow.messages.some((m) => m.id === message.id && m.direction === message.direction))
      return chatNow;
    // In the order they arrived: a delayed message's stamp (XEP-0203) may have whole seconds only,
    // and what the server kept for us was sent after what we had already shown.
    const messages = [...chatNow.messages, message];
    const counts = message.direction === 'in' && state.active !== chatNow.peer;
    return {
      ...chatNow,
      messages: messages.slice(-maxMessages),
      unread: chatNow.unread + (counts ? 1 : 0),
      // Their message ends their typing (XEP-0085 section 5.2: a message implies active).
      state: message.direction === 'in' ? 'active' : chatNow.state,
    };
  }

  function patchMessage(
    peer: string,
    id: string,
    patch: (message: ChatMessage) => ChatMessage,
  ): ConversationsState {
    return update(
      peer,
      (c) => {
        const index = c.messages.findIndex((m) => m.id === id);
        const found = c.messages[index];
        if (!found) return c;
        const next = patch(found);
        if (next === found) return c;
        return { ...c, messages: c.messages.with(index, next) };
      },
      false,
    );
  }

  const offs = [
    chat.on('message', (message) => commit(update(message.peer, (c) => withMessage(c, message), true))),
    chat.on('chatState', ({ jid, state: chatState }) =>
      commit(update(bareJid(jid), (c) => setState(c, chatState), false)),
    ),
    chat.on('receipt', ({ jid, id }) =>
      commit(
        patchMessage(bareJid(jid), id, (m) =>
          m.direction === 'out' && !m.delivered ? { ...m, delivered: true } : m,
        ),
      ),
    ),
    chat.on('fileAnswer', ({ peer, id, answer }) =>
      commit(
        patchMessage(bareJid(peer), id, (m) =>
          m.file && m.file.state !== answer ? { ...m, file: { ...m.file, state: answer } } : m,
        ),
      ),
    ),
  ];

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    open(peer) {
      const jid = bareJid(peer);
      const opened = update(jid, (c) => c, true);
      commit(activate(opened, jid));
    },
    close(peer) {
      const jid = bareJid(peer);
      if (!find(jid)) return;
      commit({
        chats: state.chats.filter((c) => c.peer !== jid),
        active: state.active === jid ? null : state.active,
      });
    },
    closeAll: () => commit(state.chats.length === 0 && state.active === null ? state : EMPTY),
    setActive: (peer) => commit(activate(state, peer === null ? null : bareJid(peer))),
    clear() {
      state = EMPTY;
      try {
        if (options.storage?.removeItem) options.storage.removeItem(key);
        else options.storage?.setItem(key, JSON.stringify(EMPTY));
      } catch {
        // Nothing to forget when the storage is gone.
      }
      for (const listener of [...listeners]) listener();
    },
    dispose() {
      for (const off of offs) off();
      listeners.clear();
    },
  };
}

function setState(c: Conversation, chatState: ChatState): Conversation {
  return c.state === chatState ? c : { ...c, state: chatState };
}

/** `peer` becomes active (only if its chat is open) and its unread count goes to 0. */
function activate(state: ConversationsState, peer: string | null): ConversationsState {
  if (peer !== null && !state.chats.some((c) => c.peer === peer)) return state;
  const chats = state.chats.map((c) => (c.peer === peer && c.unread > 0 ? { ...c, unread: 0 } : c));
  const changed = chats.some((c, i) => c !== state.chats[i]);
  if (!changed && state.active === peer) return state;
  return { chats: changed ? chats : state.chats, active: peer };
}
