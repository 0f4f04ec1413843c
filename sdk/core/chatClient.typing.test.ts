/** Chat client tests: typing notices sent, and the other side's shown. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, customer, sentOf, settle, setup } from '../testing/chatClientHarness.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
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
