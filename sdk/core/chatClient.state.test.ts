/** Chat client tests: immutable snapshots, ending and forgetting chats. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sentOf, settle, setup } from '../testing/chatClientHarness.ts';
import type { ChatClientState } from './chatTypes.ts';
import type { ChatMessage } from './protocol.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
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
