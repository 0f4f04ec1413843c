import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChatServer, type FakeTransport } from '../testing/index.ts';
import { createChatClient, type ChatClientOptions, type NetworkStatus } from './chatClient.ts';
import type { ChatClientState } from './chatTypes.ts';
import { HybridChatError } from './errors.ts';
import type { ChatMessage, ParticipantRef } from './protocol.ts';

const customer: ParticipantRef = { role: 'customer', id: 'cust-1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'agent-1', name: 'Bob' };

function setup(options: Partial<ChatClientOptions> & { syncPageSize?: number } = {}) {
  const server = createFakeChatServer({ syncPageSize: options.syncPageSize });
  const chat = server.createChat({ customer, agent });
  const transport = server.transport(customer);
  const client = createChatClient({ transport, self: customer, random: () => 0.5, ...options });
  const messageEvents: ChatMessage[] = [];
  client.on('message', (message) => messageEvents.push(message));
  return { server, chat, chatId: chat.id, transport, client, messageEvents };
}

/** Lets the fake network and every 0-ms timer run. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const sentOf = (transport: FakeTransport, event: string) =>
  transport.sent.filter((entry) => entry.event === event).map((entry) => entry.payload);
const texts = (state: ChatClientState, chatId: string) =>
  state.chats[chatId]?.messages.map((m) => m.text) ?? [];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connecting and rehydrating', () => {
  it('rehydrates open chats and their history from chat:list after a reload', async () => {
    const { server, chatId, client, messageEvents } = setup();
    server.post(chatId, agent, 'Hello, how can I help?');
    server.post(chatId, customer, 'My order is late');
    const statuses: string[] = [];
    client.on('status', (status) => statuses.push(status));

    client.connect();
    await settle();

    const state = client.getState();
    expect(statuses).toEqual(['connecting', 'online']);
    expect(state.transport).toBe('websocket');
    expect(state.chats[chatId]?.lastSeq).toBe(2);
    expect(texts(state, chatId)).toEqual(['Hello, how can I help?', 'My order is late']);
    expect(state.chats[chatId]?.messages.every((m) => m.delivery === 'sent')).toBe(true);
    // History is not news: no notification storm after a reload.
    expect(messageEvents).toEqual([]);
  });

  it('follows a chat announced by chat:update and syncs its history', async () => {
    const { server, client, transport } = setup();
    client.connect();
    await settle();
    const second = server.createChat({ customer, agent });
    server.post(second.id, agent, 'A second chat');

    transport.emit('chat:update', server.chat(second.id));
    await settle();

    expect(texts(client.getState(), second.id)).toEqual(['A second chat']);
  });

  it('fetches a long history page by page', async () => {
    const { server, chatId, client } = setup({ syncPageSize: 2 });
    for (let i = 1; i <= 5; i++) server.post(chatId, agent, `m${i}`);

    client.connect();
    await settle();

    expect(texts(client.getState(), chatId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(client.getState().chats[chatId]?.lastSeq).toBe(5);
  });

  it('reports the transport upgrade from polling to websocket', async () => {
    const { client, transport } = setup();
    client.connect();
    await settle();
    transport.drop();
    transport.restore('polling');
    expect(client.getState().transport).toBe('polling');

    transport.emit('transport', 'websocket');

    expect(client.getState().transport).toBe('websocket');
  });
});

describe('sending without loss', () => {
  it('shows a message as pending at once and as sent with its seq after the ack', async () => {
    const { chatId, client } = setup();
    client.connect();
    await settle();

    const local = client.send(chatId, 'Hi there');

    expect(local).toMatchObject({ seq: null, delivery: 'pending', from: customer, text: 'Hi there' });
    expect(client.getState().chats[chatId]?.messages).toEqual([local]);
    await settle();
    expect(client.getState().chats[chatId]?.messages).toEqual([
      expect.objectContaining({ clientId: local.clientId, seq: 1, delivery: 'sent' }),
    ]);
    expect(client.getState().chats[chatId]?.lastSeq).toBe(1);
  });

  it('keeps one copy when the ack, the echo and a duplicated delivery confirm the same message', async () => {
    const { server, chatId, client, messageEvents } = setup();
    server.faults.duplicateDeliveries = true;
    client.connect();
    await settle();

    client.send(chatId, 'once');
    await settle();
    client.track(server.chat(chatId), server.messages(chatId)); // and once more through track()

    expect(texts(client.getState(), chatId)).toEqual(['once']);
    expect(messageEvents).toEqual([]); // our own message is not news
  });

  it('retries a message whose ack was lost and gets the same seq back without a duplicate', async () => {
    const { server, chatId, client, transport } = setup({ ackTimeoutMs: 1000 });
    server.faults.echoToSender = false; // only the ack could tell us
    client.connect();
    await settle();
    server.faults.dropAcks = 1;

    const local = client.send(chatId, 'are you there?');
    await vi.advanceTimersByTimeAsync(999);
    expect(client.getState().chats[chatId]?.messages[0]?.delivery).toBe('pending');
    await vi.advanceTimersByTimeAsync(1 + 250); // the timeout, then the backoff (0.5 · 500 ms)

    const sends = sentOf(transport, 'message:send') as Array<{ clientId: string }>;
    expect(sends.map((payload) => payload.clientId)).toEqual([local.clientId, local.clientId]);
    expect(server.messages(chatId)).toHaveLength(1);
    expect(client.getState().chats[chatId]?.messages).toEqual([
      expect.objectContaining({ clientId: local.clientId, seq: 1, delivery: 'sent' }),
    ]);
  });

  it('resends a request the server never received, with backoff while online', async () => {
    const { server, chatId, client, transport } = setup({
      ackTimeoutMs: 1000,
      retry: { baseMs: 2000, maxMs: 8000 },
    });
    client.connect();
    await settle();
    server.faults.dropRequests = 2;

    client.send(chatId, 'persistent');
    await vi.advanceTimersByTimeAsync(1000 + 999); // timeout, then backoff 0.5 · 2000 ms not yet over
    expect(sentOf(transport, 'message:send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1 + 1000 + 2000); // 2nd try, its timeout, backoff 0.5 · 4000 ms
    expect(sentOf(transport, 'message:send')).toHaveLength(3);
    await settle();

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['persistent']);
    expect(client.getState().chats[chatId]?.messages[0]).toMatchObject({ seq: 1, delivery: 'sent' });
  });

  it('flushes the outbox in order, after the resync, when the connection comes back', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    transport.drop();

    for (const text of ['one', 'two', 'three']) client.send(chatId, text);
    expect(client.getState().status).toBe('reconnecting');
    server.post(chatId, agent, 'missed while away');
    transport.restore();
    await settle();

    // Receipts (the delivery of the missed message) are notices beside this order: left out here.
    const events = transport.sent.map((entry) => entry.event).filter((event) => event !== 'chat:receipt');
    expect(events.slice(events.lastIndexOf('chat:list'))).toEqual([
      'chat:list',
      'chat:sync',
      'message:send',
      'message:send',
      'message:send',
    ]);
    expect(server.messages(chatId).map((m) => m.text)).toEqual(['missed while away', 'one', 'two', 'three']);
    expect(texts(client.getState(), chatId)).toEqual(['missed while away', 'one', 'two', 'three']);
  });

  it('sends messages typed while offline exactly once, even if the connection flaps during the resync', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    transport.drop();
    client.send(chatId, 'written offline 1');
    client.send(chatId, 'written offline 2');
    server.faults.latencyMs = 50;

    transport.restore();
    await vi.advanceTimersByTimeAsync(60); // chat:list answered, chat:sync in flight
    transport.drop();
    transport.restore();
    await vi.advanceTimersByTimeAsync(1000);

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['written offline 1', 'written offline 2']);
    expect(sentOf(transport, 'message:send')).toHaveLength(2);
    expect(client.getState().chats[chatId]?.messages.map((m) => m.delivery)).toEqual(['sent', 'sent']);
  });

  it('does not resend a message that the resync shows was stored before the connection dropped', async () => {
    const { server, chatId, client, transport } = setup();
    server.faults.echoToSender = false;
    server.faults.latencyMs = 10;
    client.connect();
    await vi.advanceTimersByTimeAsync(100);

    client.send(chatId, 'stored, ack lost');
    await vi.advanceTimersByTimeAsync(15); // the server stored it; its ack is still on the way
    transport.drop();
    transport.restore();
    await vi.advanceTimersByTimeAsync(100);

    expect(sentOf(transport, 'message:send')).toHaveLength(1);
    expect(server.messages(chatId)).toHaveLength(1);
    expect(client.getState().chats[chatId]?.messages[0]).toMatchObject({ seq: 1, delivery: 'sent' });
  });

  it('marks a refused message failed with the reason, and retry() sends it again', async () => {
    const { server, chatId, client, transport } = setup();
    const errors: HybridChatError[] = [];
    client.on('error', (error) => errors.push(error));
    client.connect();
    await settle();
    server.failNext('message:send', 'FORBIDDEN', 'not allowed now');

    const local = client.send(chatId, 'refused');
    await vi.advanceTimersByTimeAsync(60_000);

    expect(client.getState().chats[chatId]?.messages[0]).toMatchObject({
      delivery: 'failed',
      error: 'not allowed now',
      seq: null,
    });
    expect(errors.map((error) => error.code)).toEqual(['FORBIDDEN']);
    expect(sentOf(transport, 'message:send')).toHaveLength(1); // not retried by itself

    client.retry(chatId, local.clientId);
    await settle();

    const message = client.getState().chats[chatId]?.messages[0];
    expect(message).toMatchObject({ seq: 1, delivery: 'sent', clientId: local.clientId });
    expect(message).not.toHaveProperty('error');
  });

  it('refuses empty, oversized and untracked messages at once', () => {
    const { chat, chatId, client } = setup();
    client.track(chat);
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as HybridChatError).code;
      }
      return null;
    };
    expect(codeOf(() => client.send(chatId, '   '))).toBe('BAD_REQUEST');
    expect(codeOf(() => client.send(chatId, 'x'.repeat(4001)))).toBe('TOO_LARGE');
    expect(codeOf(() => client.send('nope', 'hi'))).toBe('NOT_FOUND');
  });
});

describe('receiving in order', () => {
  it('holds a message that arrives past a gap and places it once the gap is filled', async () => {
    const { server, chatId, client, transport, messageEvents } = setup();
    client.connect();
    await settle();
    server.faults.latencyMs = 1000; // keep the resync slow, so that the live messages fill the gap
    server.holdDeliveries();
    server.post(chatId, agent, 'first');
    server.post(chatId, agent, 'second');
    server.post(chatId, agent, 'third');

    server.releaseDeliveries('reverse');

    expect(texts(client.getState(), chatId)).toEqual(['first', 'second', 'third']);
    expect(messageEvents.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(sentOf(transport, 'chat:sync').at(-1)).toEqual({ chatId, afterSeq: 0 });
  });

  it('does not show a message past a gap before the gap is filled', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    server.holdDeliveries();
    server.post(chatId, agent, 'first');
    const third = { ...server.post(chatId, agent, 'second'), seq: 3, clientId: 'c3', text: 'third' };
    server.faults.latencyMs = 1000;

    transport.emit('chat:message', third);

    expect(texts(client.getState(), chatId)).toEqual([]);
    expect(client.getState().chats[chatId]?.lastSeq).toBe(0);
  });

  it('fills a gap by asking for everything after lastSeq', async () => {
    const { server, chatId, client, transport, messageEvents } = setup();
    client.connect();
    await settle();
    server.post(chatId, agent, 'one');
    server.faults.dropDeliveries = 1;
    server.post(chatId, agent, 'two (lost on the way)');

    server.post(chatId, agent, 'three');
    await settle();

    expect(sentOf(transport, 'chat:sync').at(-1)).toEqual({ chatId, afterSeq: 1 });
    expect(texts(client.getState(), chatId)).toEqual(['one', 'two (lost on the way)', 'three']);
    expect(client.getState().chats[chatId]?.lastSeq).toBe(3);
    expect(messageEvents.map((m) => m.text)).toEqual(['one', 'two (lost on the way)', 'three']);
  });

  it('announces a live message that waited past a gap while the history was loading, and not the history', async () => {
    const { server, chatId, client, messageEvents } = setup();
    server.post(chatId, agent, 'old 1');
    server.post(chatId, agent, 'old 2');
    server.faults.latencyMs = 50;
    client.connect();
    await vi.advanceTimersByTimeAsync(160); // connected at 50, listed at 150, the sync is on its way

    server.post(chatId, agent, 'live');
    await vi.advanceTimersByTimeAsync(500);

    expect(texts(client.getState(), chatId)).toEqual(['old 1', 'old 2', 'live']);
    expect(messageEvents.map((m) => m.text)).toEqual(['live']);
  });

  it('fills the gap left by a disconnection on reconnect', async () => {
    const { server, chatId, client, transport, messageEvents } = setup();
    client.connect();
    await settle();
    server.post(chatId, agent, 'before');
    transport.drop();
    server.post(chatId, agent, 'during 1');
    server.post(chatId, agent, 'during 2');

    transport.restore();
    await settle();

    expect(sentOf(transport, 'chat:sync').at(-1)).toEqual({ chatId, afterSeq: 1 });
    expect(texts(client.getState(), chatId)).toEqual(['before', 'during 1', 'during 2']);
    expect(messageEvents.map((m) => m.text)).toEqual(['before', 'during 1', 'during 2']);
  });
});

describe('typing', () => {
  it('sends typing at most every 2 s while keys are pressed and stops after typingIdleMs', async () => {
    const { chatId, client, transport } = setup({ typingIdleMs: 4000 });
    client.connect();
    await settle();

    for (let t = 0; t < 5000; t += 250) {
      client.setTyping(chatId);
      await vi.advanceTimersByTimeAsync(250);
    }
    const typingOf = () => sentOf(transport, 'chat:typing').map((p) => (p as { typing: boolean }).typing);
    expect(typingOf()).toEqual([true, true, true]); // at 0, 2 s and 4 s
    await vi.advanceTimersByTimeAsync(3999 - 250);
    expect(typingOf()).toEqual([true, true, true]);
    await vi.advanceTimersByTimeAsync(1);
    expect(typingOf()).toEqual([true, true, true, false]);
  });

  it('says typing stopped when the message is sent', async () => {
    const { chatId, client, transport } = setup();
    client.connect();
    await settle();

    client.setTyping(chatId);
    client.send(chatId, 'done typing');

    expect(transport.sent.map((entry) => entry.event)).toEqual([
      'chat:list',
      'chat:sync',
      'chat:typing',
      'chat:typing',
      'message:send',
    ]);
    expect(sentOf(transport, 'chat:typing')).toEqual([
      { chatId, typing: true },
      { chatId, typing: false },
    ]);
  });

  it('shows the other side typing until the TTL, a typing:false or their message', async () => {
    const { server, chatId, client, transport } = setup({ remoteTypingTtlMs: 6000 });
    client.connect();
    await settle();
    const typing = () => client.getState().chats[chatId]?.typing;

    server.typing(chatId, agent, true);
    await settle();
    expect(typing()).toEqual([agent]);
    await vi.advanceTimersByTimeAsync(5999);
    expect(typing()).toEqual([agent]);
    await vi.advanceTimersByTimeAsync(1);
    expect(typing()).toEqual([]);

    server.typing(chatId, agent, true);
    await settle();
    server.typing(chatId, agent, false);
    await settle();
    expect(typing()).toEqual([]);

    server.typing(chatId, agent, true);
    await settle();
    server.post(chatId, agent, 'here is the answer');
    expect(typing()).toEqual([]);

    transport.emit('chat:typing', { chatId, from: customer, typing: true }); // ourselves, from another tab
    expect(typing()).toEqual([]);
  });
});

describe('connection status', () => {
  it('goes reconnecting on a drop, online again after, and offline when the transport gives up', async () => {
    const { client, transport } = setup();
    client.connect();
    await settle();

    transport.drop({ willReconnect: true });
    expect(client.getState()).toMatchObject({ status: 'reconnecting', lastError: { code: 'DISCONNECTED' } });
    transport.restore();
    expect(client.getState()).toMatchObject({ status: 'online', lastError: null });
    transport.drop({ reason: 'reconnect failed', willReconnect: false });
    expect(client.getState().status).toBe('offline');
  });

  it('goes offline with the server code when the handshake is refused, and connects when asked again', async () => {
    const { client, transport } = setup();
    transport.refuse(new HybridChatError('UNAUTHORIZED', 'UNAUTHORIZED: expired token'));

    client.connect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.getState()).toMatchObject({ status: 'offline', lastError: { code: 'UNAUTHORIZED' } });
    expect(transport.connectCalls).toBe(1); // no retry loop against a refusal

    transport.refuse(null);
    client.connect();
    await settle();
    expect(client.getState().status).toBe('online');
  });

  it('reconnects by itself with backoff after a retryable refusal', async () => {
    const { client, transport } = setup({ retry: { baseMs: 1000, maxMs: 10_000 } });
    transport.refuse(new HybridChatError('RATE_LIMITED', 'slow down'));
    client.connect();
    await settle();
    expect(client.getState().status).toBe('connecting');

    transport.refuse(null);
    await vi.advanceTimersByTimeAsync(499); // 0.5 · 1000 ms
    expect(transport.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(transport.connectCalls).toBe(2);
    expect(client.getState().status).toBe('online');
  });

  it('shows offline while the network is down and reconnects when it is back', async () => {
    const listeners = new Set<(online: boolean) => void>();
    let online = true;
    const network: NetworkStatus & { set(online: boolean): void } = {
      get online() {
        return online;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      set(next) {
        online = next;
        for (const listener of listeners) listener(next);
      },
    };
    const { client, transport } = setup({ network });
    client.connect();
    await settle();

    network.set(false);
    transport.drop({ willReconnect: false });
    expect(client.getState().status).toBe('offline');
    network.set(true);
    await settle();

    expect(client.getState().status).toBe('online');
  });

  it('clears every timer and closes the transport on close()', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    server.faults.dropRequests = 1;
    client.send(chatId, 'in flight');
    client.setTyping(chatId);
    server.typing(chatId, agent, true);
    await settle();
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    client.close();

    expect(client.getState().status).toBe('closed');
    expect(transport.active).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('snapshots and chats', () => {
  it('publishes a new immutable snapshot on each change and none when nothing changed', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    const calls: Array<[ChatClientState, ChatClientState]> = [];
    client.subscribe((state, prev) => calls.push([state, prev]));
    const before = client.getState();

    client.send(chatId, 'change');

    const after = client.getState();
    expect(after).not.toBe(before);
    expect(calls.at(-1)).toEqual([after, before]);
    expect(before.chats[chatId]?.messages).toEqual([]); // the old snapshot is untouched
    await settle();
    const count = calls.length;
    const stored = server.messages(chatId)[0] as ChatMessage;

    transport.emit('chat:message', stored); // a duplicate changes nothing

    expect(calls).toHaveLength(count);
    expect(client.getState()).toBe(calls.at(-1)?.[0]);
  });

  it('ends a chat and resolves with the ended summary', async () => {
    const { chatId, client } = setup();
    client.connect();
    await settle();

    const ending = client.end(chatId);
    await settle();

    await expect(ending).resolves.toMatchObject({ id: chatId, status: 'ended', endedBy: 'customer' });
    expect(client.getState().chats[chatId]?.chat.status).toBe('ended');
  });

  it('forgets a chat with its unsent messages', async () => {
    const { chatId, client, transport } = setup();
    client.connect();
    await settle();
    transport.drop();
    client.send(chatId, 'never mind');

    client.forget(chatId);
    transport.restore();
    await settle();

    expect(sentOf(transport, 'message:send')).toEqual([]);
  });
});
