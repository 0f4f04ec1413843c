/** Chat client tests: the outbox survives a reload through its store, and still sends each message once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, customer, sentOf, settle, texts } from '../testing/chatClientHarness.ts';
import { createFakeChatServer } from '../testing/fakeTransport.ts';
import { createChatClient } from './chatClient.ts';
import { createKeyValueOutboxStore, type KeyValueStore } from './outboxStore.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function memoryStorage(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function world() {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent });
  const storage = memoryStorage();
  /** A page load: a new transport and client over the same storage. */
  const load = () => {
    const transport = server.transport(customer);
    const client = createChatClient({
      transport,
      self: customer,
      random: () => 0.5,
      outboxStore: createKeyValueOutboxStore({ storage: () => storage, key: 'outbox' }),
    });
    return { transport, client };
  };
  return { server, chatId: chat.id, storage, load };
}

describe('the outbox across a reload', () => {
  it('sends messages written offline once after a reload, in order, and then forgets them', async () => {
    const { server, chatId, storage, load } = world();
    const first = load();
    first.client.connect();
    await settle();
    first.client.track(server.chat(chatId));
    first.transport.drop({ willReconnect: false });

    first.client.send(chatId, 'written offline 1');
    first.client.send(chatId, 'written offline 2');
    first.client.close(); // the page goes away

    const second = load();
    // Shown as pending once the chat is known again, before the connection is back.
    second.client.track(server.chat(chatId));
    expect(second.client.getState().chats[chatId]?.messages).toEqual([
      expect.objectContaining({ text: 'written offline 1', delivery: 'pending' }),
      expect.objectContaining({ text: 'written offline 2', delivery: 'pending' }),
    ]);
    second.client.connect();
    await settle();

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['written offline 1', 'written offline 2']);
    expect(sentOf(second.transport, 'message:send')).toHaveLength(2);
    expect(second.client.getState().chats[chatId]?.messages.map((m) => m.delivery)).toEqual(['sent', 'sent']);
    expect(storage.getItem('outbox')).toBeNull();
  });

  it('does not double a message the server stored before the reload (its ack was lost)', async () => {
    const { server, chatId, load } = world();
    server.faults.echoToSender = false;
    const first = load();
    first.client.connect();
    await settle();
    first.client.track(server.chat(chatId));
    server.faults.dropAcks = 1;
    first.client.send(chatId, 'stored, ack lost');
    await settle();
    first.client.close();

    const second = load();
    second.client.connect(); // the chat comes back through chat:list, the message through the sync
    await settle();

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['stored, ack lost']);
    expect(sentOf(second.transport, 'message:send')).toHaveLength(0);
    expect(texts(second.client.getState(), chatId)).toEqual(['stored, ack lost']);
  });

  it('keeps nothing of other participants and nothing of a forgotten chat', async () => {
    const { server, chatId, storage, load } = world();
    const first = load();
    first.client.connect();
    await settle();
    first.client.track(server.chat(chatId));
    first.transport.drop({ willReconnect: false });
    first.client.send(chatId, 'bye');
    first.client.forget(chatId);
    expect(storage.getItem('outbox')).toBeNull();

    storage.setItem(
      'outbox',
      JSON.stringify({
        v: 1,
        messages: [
          { chatId, clientId: 'x', from: agent, kind: 'text', text: 'not mine', sentAt: Date.now() },
        ],
      }),
    );
    const second = load();
    second.client.connect();
    await settle();
    expect(server.messages(chatId)).toEqual([]);
  });
});
