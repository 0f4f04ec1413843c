/** Chat client tests: receiving in order (gaps held back and filled by chat:sync). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, sentOf, settle, setup, texts } from '../testing/chatClientHarness.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
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

  it('a summary ahead of the last message that arrived fills the gap, with no later message to show it', async () => {
    const { server, chatId, client, transport } = setup();
    client.connect();
    await settle();
    server.post(chatId, agent, 'one');
    server.faults.dropDeliveries = 2;
    server.post(chatId, agent, 'two (lost on the way)');
    server.post(chatId, agent, 'three (lost on the way)');
    await settle();
    expect(texts(client.getState(), chatId)).toEqual(['one']);

    transport.emit('chat:update', server.chat(chatId));
    await settle();

    expect(sentOf(transport, 'chat:sync').at(-1)).toEqual({ chatId, afterSeq: 1 });
    expect(texts(client.getState(), chatId)).toEqual([
      'one',
      'two (lost on the way)',
      'three (lost on the way)',
    ]);
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
