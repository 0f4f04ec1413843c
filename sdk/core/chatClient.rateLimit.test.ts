/** Chat client tests: RATE_LIMITED answers and handshake refusals are waited out, nothing lost, order kept. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sentOf, settle, setup, texts } from '../testing/chatClientHarness.ts';
import { HybridChatError } from './errors.ts';
import { MAX_IN_FLIGHT } from './outbox.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the outbox under RATE_LIMITED', () => {
  it('waits the retryAfterMs the server asked for, then sends everything once, in order', async () => {
    const { server, chatId, client, transport } = setup({ retry: { baseMs: 100, maxMs: 100 } });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    client.connect();
    await settle();
    server.faults.rateLimitedUntil = Date.now() + 3000;

    for (const text of ['one', 'two', 'three']) client.send(chatId, text);
    await vi.advanceTimersByTimeAsync(2999);
    // Refused once each; no retry before the wait is over (the backoff alone would be 50 ms).
    expect(sentOf(transport, 'message:send')).toHaveLength(3);
    expect(server.messages(chatId)).toEqual([]);
    expect(client.getState().chats[chatId]?.messages.map((m) => m.delivery)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);

    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.messages(chatId).map((m) => m.text)).toEqual(['one']);
    // Then one at a time, paced by that wait: the bucket refills at the server's pace.
    await vi.advanceTimersByTimeAsync(2 * 3000);

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(texts(client.getState(), chatId)).toEqual(['one', 'two', 'three']);
    expect(client.getState().chats[chatId]?.messages.map((m) => m.delivery)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    expect(sentOf(transport, 'message:send')).toHaveLength(6);
    expect(errors).toEqual([]); // a wait, not a failure
  });

  it('goes on one message at a time, paced by the server’s wait, so none overtakes another or is refused again', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    server.faults.rateLimitedUntil = Date.now() + 1000;
    server.faults.latencyMs = 10;

    for (const text of ['a', 'b', 'c']) client.send(chatId, text);
    await vi.advanceTimersByTimeAsync(1000 + 15); // refused, waited; 'a' goes alone
    const sends = () => (sentOf(transport, 'message:send') as Array<{ text: string }>).map((p) => p.text);
    expect(sends()).toEqual(['a', 'b', 'c', 'a']);
    client.send(chatId, 'd'); // written meanwhile: behind the others
    // 'a' is stored at 1,020 ms; 'b' goes the server's 990 ms later, not at once.
    await vi.advanceTimersByTimeAsync(2000 - 1015);
    expect(sends()).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(20);
    expect(sends()).toEqual(['a', 'b', 'c', 'a', 'b']);
    await vi.advanceTimersByTimeAsync(5000);

    expect(sends()).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'd']); // none refused twice
    expect(server.messages(chatId).map((m) => m.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('pipelines at most MAX_IN_FLIGHT messages, so a long queue cannot flood the server', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    server.faults.latencyMs = 10;

    for (let i = 0; i < 40; i++) client.send(chatId, `m${i}`);
    expect(sentOf(transport, 'message:send')).toHaveLength(MAX_IN_FLIGHT);
    await vi.advanceTimersByTimeAsync(1000);

    expect(server.messages(chatId).map((m) => m.text)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    expect(sentOf(transport, 'message:send')).toHaveLength(40);
  });

  it('backs off when the server does not say how long to wait', async () => {
    const { server, chatId, client, transport } = setup({ retry: { baseMs: 2000, maxMs: 8000 } });
    client.connect();
    await settle();
    server.faults.rateLimitSaysWait = false;
    server.faults.rateLimitedUntil = Date.now() + 500;

    client.send(chatId, 'patient');
    await vi.advanceTimersByTimeAsync(999); // backoff 0.5 · 2000 ms
    expect(sentOf(transport, 'message:send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(server.messages(chatId).map((m) => m.text)).toEqual(['patient']);
  });
});

describe('handshake refusals with retryAfterMs', () => {
  it('reconnects no sooner than the retryAfterMs of a RATE_LIMITED refusal, even when the network comes back', async () => {
    const listeners = new Set<(online: boolean) => void>();
    const network = {
      online: true,
      subscribe(listener: (online: boolean) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { client, transport } = setup({ retry: { baseMs: 1000, maxMs: 10_000 }, network });
    transport.refuse(new HybridChatError('RATE_LIMITED', 'cut off for flooding', { retryAfterMs: 30_000 }));
    client.connect();
    await settle();
    transport.refuse(null);

    for (const listener of listeners) listener(true);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(transport.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(transport.connectCalls).toBe(2);
    expect(client.getState().status).toBe('online');
  });

  it('comes back after the server cut the socket off, waiting out the cool-down it then announces', async () => {
    const { server, chatId, client, transport } = setup({ retry: { baseMs: 1000, maxMs: 1000 } });
    client.connect();
    await settle();
    transport.refuse(new HybridChatError('RATE_LIMITED', 'cool-down', { retryAfterMs: 20_000 }));
    transport.drop({ reason: 'io server disconnect', willReconnect: false });
    client.send(chatId, 'kept');
    expect(client.getState().status).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(500); // backoff 0.5 · 1000 ms: refused, 20 s cool-down
    expect(transport.connectCalls).toBe(2);
    transport.refuse(null);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(transport.connectCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();

    expect(client.getState().status).toBe('online');
    expect(server.messages(chatId).map((m) => m.text)).toEqual(['kept']);
  });
});
