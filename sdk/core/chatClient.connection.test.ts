/** Chat client tests: connecting, rehydrating open chats and the connection status. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, setup, settle, texts, customer } from '../testing/chatClientHarness.ts';
import type { NetworkStatus } from './chatClient.ts';
import { HybridChatError } from './errors.ts';

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
