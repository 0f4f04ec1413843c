/**
 * The open chats as the SDK's conversations store keeps them (hybrid-chat/sdk/desktop-chat
 * `Conversations`), in memory, for component tests: a message opens its chat and counts as unread
 * unless its chat is active; receipts mark messages delivered; answers to our files update them.
 */
import type {
  ChatMessage,
  Conversation,
  Conversations,
  ConversationsState,
  DesktopChat,
} from '../../../sdk/desktop-chat/index.ts';

export function fakeConversations(chat: DesktopChat): Conversations & { disposed: boolean } {
  let state: ConversationsState = { chats: [], active: null };
  const listeners = new Set<() => void>();
  const set = (next: ConversationsState): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  const update = (peer: string, change: (chat: Conversation) => Conversation): void =>
    set({ ...state, chats: state.chats.map((c) => (c.peer === peer ? change(c) : c)) });
  const ensure = (peer: string): void => {
    if (!state.chats.some((c) => c.peer === peer)) {
      set({ ...state, chats: [...state.chats, { peer, messages: [], unread: 0, state: null }] });
    }
  };
  const patchMessage = (peer: string, id: string, patch: (m: ChatMessage) => ChatMessage): void =>
    update(peer, (c) => ({ ...c, messages: c.messages.map((m) => (m.id === id ? patch(m) : m)) }));

  const offs = [
    chat.on('message', (message) => {
      ensure(message.peer);
      const unread = message.direction === 'in' && state.active !== message.peer ? 1 : 0;
      update(message.peer, (c) => ({ ...c, messages: [...c.messages, message], unread: c.unread + unread }));
    }),
    chat.on('chatState', ({ jid, state: chatState }) => update(jid, (c) => ({ ...c, state: chatState }))),
    chat.on('receipt', ({ jid, id }) => patchMessage(jid, id, (m) => ({ ...m, delivered: true }))),
    chat.on('fileAnswer', ({ peer, id, answer }) =>
      patchMessage(peer, id, (m) => (m.file ? { ...m, file: { ...m.file, state: answer } } : m)),
    ),
  ];

  const store = {
    disposed: false,
    getSnapshot: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    open(peer: string) {
      ensure(peer);
      store.setActive(peer);
    },
    close(peer: string) {
      set({
        chats: state.chats.filter((c) => c.peer !== peer),
        active: state.active === peer ? null : state.active,
      });
    },
    closeAll: () => set({ chats: [], active: null }),
    setActive(peer: string | null) {
      set({
        active: peer,
        chats: state.chats.map((c) => (c.peer === peer ? { ...c, unread: 0 } : c)),
      });
    },
    clear: () => set({ chats: [], active: null }),
    dispose() {
      store.disposed = true;
      for (const off of offs) off();
    },
  };
  return store;
}
