import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../core/emitter.ts';
import { CONVERSATIONS_KEY, createConversations } from './conversations.ts';
import type { ChatMessage, DesktopChat, DesktopChatEvents, KeyValueStorage } from './types.ts';

function fakeChat() {
  const emitter = new Emitter<DesktopChatEvents>();
  const chat = { on: emitter.on.bind(emitter) } as unknown as DesktopChat;
  return { chat, emitter };
}

function memoryStorage(): KeyValueStorage & { removeItem(key: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

let seq = 0;
const message = (peer: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${++seq}`,
  peer,
  direction: 'in',
  body: 'hello',
  at: 1_000 + seq,
  delayed: false,
  carbon: false,
  ...extra,
});

describe('conversations store', () => {
  it('opens a chat for an incoming message and counts it unread unless its chat is active', () => {
    const { chat, emitter } = fakeChat();
    const store = createConversations(chat);
    const listener = vi.fn();
    store.subscribe(listener);
    emitter.emit('message', message('bob@x'));
    emitter.emit('message', message('bob@x'));
    expect(store.getSnapshot().chats).toMatchObject([{ peer: 'bob@x', unread: 2 }]);
    expect(store.getSnapshot().active).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);

    store.setActive('bob@x');
    expect(store.getSnapshot()).toMatchObject({ active: 'bob@x', chats: [{ unread: 0 }] });
    emitter.emit('message', message('bob@x'));
    expect(store.getSnapshot().chats[0]?.unread).toBe(0);
    emitter.emit('message', message('cid@x'));
    expect(store.getSnapshot().chats.map((c) => [c.peer, c.unread])).toEqual([
      ['bob@x', 0],
      ['cid@x', 1],
    ]);
    // Our own messages never count.
    emitter.emit('message', message('cid@x', { direction: 'out' }));
    expect(store.getSnapshot().chats[1]?.unread).toBe(1);
  });

  it('keeps the same snapshot object while nothing changes', () => {
    const { chat, emitter } = fakeChat();
    const store = createConversations(chat);
    const before = store.getSnapshot();
    store.setActive(null);
    store.close('nobody@x');
    store.setActive('nobody@x'); // not open: ignored
    emitter.emit('chatState', { jid: 'bob@x/desk', state: 'composing' }); // no chat: none opened
    expect(store.getSnapshot()).toBe(before);
  });

  it('keeps a repeated message once, and messages in the order they arrived', () => {
    const { chat, emitter } = fakeChat();
    const store = createConversations(chat);
    const first = message('bob@x', { at: 5_000 });
    emitter.emit('message', first);
    emitter.emit('message', { ...first, delayed: true });
    // A delayed stamp with whole seconds only may look older than what was shown before it.
    emitter.emit('message', message('bob@x', { at: 2_000, delayed: true, body: 'kept while away' }));
    expect(store.getSnapshot().chats[0]?.messages.map((m) => m.body)).toEqual(['hello', 'kept while away']);
  });

  it('marks our message delivered on its receipt, tracks chat states and file answers', () => {
    const { chat, emitter } = fakeChat();
    const store = createConversations(chat);
    const out = message('bob@x', { direction: 'out' });
    const file = message('bob@x', {
      direction: 'out',
      body: 'https://files/x.pdf',
      file: {
        name: 'x.pdf',
        size: 10,
        type: 'application/pdf',
        url: 'https://files/x.pdf',
        state: 'offered',
      },
    });
    emitter.emit('message', out);
    emitter.emit('message', file);
    emitter.emit('receipt', { jid: 'bob@x/desk', id: out.id });
    emitter.emit('chatState', { jid: 'bob@x/desk', state: 'composing' });
    emitter.emit('fileAnswer', { peer: 'bob@x', id: file.id, answer: 'declined', by: 'peer' });
    const [conversation] = store.getSnapshot().chats;
    expect(conversation?.messages[0]?.delivered).toBe(true);
    expect(conversation?.messages[1]?.file?.state).toBe('declined');
    expect(conversation?.state).toBe('composing');
    emitter.emit('message', message('bob@x'));
    expect(store.getSnapshot().chats[0]?.state).toBe('active');
  });

  it('opens, closes and closes all; closing the active chat leaves none active', () => {
    const { chat } = fakeChat();
    const store = createConversations(chat);
    store.open('Bob@X/desk');
    store.open('cid@x');
    expect(store.getSnapshot()).toMatchObject({
      active: 'cid@x',
      chats: [{ peer: 'bob@x' }, { peer: 'cid@x' }],
    });
    store.close('cid@x');
    expect(store.getSnapshot()).toMatchObject({ active: null, chats: [{ peer: 'bob@x' }] });
    store.closeAll();
    expect(store.getSnapshot()).toEqual({ chats: [], active: null });
  });

  it('is kept in storage: a new store (a reload) has every chat and message; clear() forgets them', () => {
    const storage = memoryStorage();
    const first = fakeChat();
    const store = createConversations(first.chat, { storage });
    first.emitter.emit('message', message('bob@x', { body: 'kept' }));
    store.open('cid@x');
    store.dispose();

    const second = fakeChat();
    const reloaded = createConversations(second.chat, { storage });
    expect(reloaded.getSnapshot()).toMatchObject({
      active: 'cid@x',
      chats: [{ peer: 'bob@x', unread: 1, messages: [{ body: 'kept' }] }, { peer: 'cid@x' }],
    });
    reloaded.clear();
    expect(reloaded.getSnapshot().chats).toEqual([]);
    expect(storage.data.has(CONVERSATIONS_KEY)).toBe(false);
    expect(createConversations(fakeChat().chat, { storage }).getSnapshot().chats).toEqual([]);
  });

  it('ignores broken or foreign stored data, and keeps working when storage is full', () => {
    const storage = memoryStorage();
    storage.setItem(
      CONVERSATIONS_KEY,
      '{"chats":[{"peer":"bob@x","messages":[{"id":1},{"id":"a","peer":"bob@x","direction":"in","body":"ok","at":1}],"unread":-3,"state":"<b>"},{"peer":"bob@x"},7],"active":"zed@x"}',
    );
    const store = createConversations(fakeChat().chat, { storage });
    expect(store.getSnapshot()).toEqual({
      active: null,
      chats: [
        {
          peer: 'bob@x',
          unread: 0,
          state: null,
          messages: [
            { id: 'a', peer: 'bob@x', direction: 'in', body: 'ok', at: 1, delayed: false, carbon: false },
          ],
        },
      ],
    });
    storage.setItem(CONVERSATIONS_KEY, 'not json');
    expect(createConversations(fakeChat().chat, { storage }).getSnapshot().chats).toEqual([]);

    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { chat, emitter } = fakeChat();
    const unsaved = createConversations(chat, { storage: full });
    emitter.emit('message', message('bob@x'));
    expect(unsaved.getSnapshot().chats).toHaveLength(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('keeps at most maxMessages per chat, dropping the oldest', () => {
    const { chat, emitter } = fakeChat();
    const store = createConversations(chat, { maxMessages: 2 });
    for (const body of ['a', 'b', 'c']) emitter.emit('message', message('bob@x', { body }));
    expect(store.getSnapshot().chats[0]?.messages.map((m) => m.body)).toEqual(['b', 'c']);
  });
});
