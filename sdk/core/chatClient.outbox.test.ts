/** Chat client tests: sending without loss (pending, acks, retries, the outbox across reconnects). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, customer, sentOf, settle, setup, texts } from '../testing/chatClientHarness.ts';
import type { HybridChatError } from './errors.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
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
