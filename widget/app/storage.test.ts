// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyValueOutboxStore } from '../../sdk/index.ts';
import {
  OUTBOX_KEY,
  allowStorage,
  clearSavedChat,
  loadSavedChat,
  outboxStorage,
  resetStorageConsent,
  saveChat,
} from './storage.ts';

const chat = { token: 't', customerId: 'c-1', chatId: 'chat-1', name: 'Ada' };

afterEach(() => {
  vi.unstubAllGlobals();
  resetStorageConsent();
  localStorage.clear();
});

describe('saved chat', () => {
  it('writes nothing from a host page’s iframe before the customer opened the widget', () => {
    vi.stubGlobal('parent', {}); // framed
    saveChat(chat);
    expect(localStorage.length).toBe(0);
    allowStorage();
    saveChat(chat);
    expect(loadSavedChat()).toEqual({ v: 1, ...chat });
  });

  it('refreshes a chat saved on an earlier visit (consented then), and forgets it', () => {
    localStorage.setItem('hybridChat.chat', JSON.stringify({ v: 1, ...chat }));
    vi.stubGlobal('parent', {});
    saveChat({ ...chat, token: 't2' });
    expect(loadSavedChat()?.token).toBe('t2');
    clearSavedChat();
    expect(localStorage.length).toBe(0);
  });

  it('may write at once when opened on its own, and ignores entries it cannot read', () => {
    saveChat(chat);
    expect(loadSavedChat()?.chatId).toBe('chat-1');
    localStorage.setItem('hybridChat.chat', '{broken');
    expect(loadSavedChat()).toBeNull();
  });
});

describe('messages waiting to be sent', () => {
  const pending = {
    chatId: 'chat-1',
    seq: null,
    clientId: 'm-1',
    from: { role: 'customer' as const, id: 'c-1', name: 'Ada' },
    kind: 'text' as const,
    text: 'written offline',
    sentAt: Date.now(),
    delivery: 'pending' as const,
  };

  it('are kept across a reload only under the same consent as the chat', () => {
    vi.stubGlobal('parent', {}); // framed, not opened yet
    const outbox = createKeyValueOutboxStore({ storage: () => outboxStorage(), key: OUTBOX_KEY });
    outbox.save([pending]);
    expect(localStorage.length).toBe(0);

    allowStorage();
    outbox.save([pending]);
    expect(createKeyValueOutboxStore({ storage: () => outboxStorage(), key: OUTBOX_KEY }).load()).toEqual([
      pending,
    ]);
    outbox.save([]);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });
});
