import { describe, expect, it } from 'vitest';
import type { ChatOffer, ChatSummary } from '../../../sdk/core/protocol.ts';
import { askAgent, askCustomer, next, unwrap, useTestServer } from '../../testing/testServer.ts';
import { agent, customer, readyAndAccept, startChat } from './testKit.ts';

/** One chat per agent: the second customer waits behind a busy agent. */
const server = useTestServer({ maxChatsPerAgent: 1 }, { waitRefreshMs: 100 });

/** The next `chat:update` that satisfies `test`. */
function nextUpdate(
  socket: Parameters<typeof next>[0],
  test: (chat: ChatSummary) => boolean,
  label = '',
  ms = 3000,
) {
  const seen: unknown[] = [];
  return new Promise<ChatSummary>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no matching chat:update (${label}) in ${JSON.stringify(seen)}`)),
      ms,
    );
    const listener = (chat: ChatSummary) => {
      seen.push({ q: chat.queuePosition, w: chat.estimatedWait, s: chat.status });
      if (!test(chat)) return;
      clearTimeout(timer);
      socket.off('chat:update', listener);
      resolve(chat);
    };
    socket.on('chat:update', listener);
  });
}

describe('estimated wait', () => {
  it('has none while nobody can take chats', async () => {
    const c = await customer(server().url);
    const chat = await startChat(c.socket);
    expect(chat.queuePosition).toBe(1);
    expect(chat.estimatedWait).toBeUndefined();
  });

  it('is a range that grows with the place in the queue and follows the agents live', async () => {
    const first = await customer(server().url, 'First');
    await startChat(first.socket);
    const a = await agent(server().url);
    await readyAndAccept(a.socket);

    const second = await customer(server().url, 'Second');
    const third = await customer(server().url, 'Third');
    const chat2 = await startChat(second.socket);
    const chat3 = await startChat(third.socket);
    expect(chat2).toMatchObject({ queuePosition: 1 });
    expect(chat3).toMatchObject({ queuePosition: 2 });
    // Defaults without history: 45 s to answer, 6 min a chat, one slot → 45 + 360 s for the first.
    expect(chat2.estimatedWait).toEqual({ minS: 240, maxS: 540 });
    expect(chat3.estimatedWait!.minS).toBeGreaterThan(chat2.estimatedWait!.minS);
    expect(chat3.estimatedWait!.maxS).toBeGreaterThan(chat2.estimatedWait!.maxS);

    // The agent steps away: nobody can estimate the wait any more, and the customer hears so.
    const gone = nextUpdate(second.socket, (chat) => chat.id === chat2.id && !chat.estimatedWait, 'gone');
    unwrap(await askAgent(a.socket, 'agent:setState', { state: 'NOT_READY' }));
    expect((await gone).queuePosition).toBe(1);

    // Back: the estimate returns without any change of position.
    const back = nextUpdate(second.socket, (chat) => chat.id === chat2.id && !!chat.estimatedWait, 'back');
    unwrap(await askAgent(a.socket, 'agent:setState', { state: 'READY' }));
    expect((await back).estimatedWait).toEqual({ minS: 240, maxS: 540 });

    // The first chat ends and the agent takes the second: the third moves up, with a shorter wait.
    const moved = nextUpdate(
      third.socket,
      (chat) => chat.id === chat3.id && chat.queuePosition === 1,
      'moved',
    );
    const offered = next<ChatOffer>(a.socket, 'offer:new');
    unwrap(await askCustomer(first.socket, 'chat:end', { chatId: (await startedChatOf(first.socket)).id }));
    unwrap(await askAgent(a.socket, 'offer:accept', { chatId: (await offered).chatId }));
    const update = await moved;
    expect(update.estimatedWait!.maxS).toBeLessThanOrEqual(chat3.estimatedWait!.maxS);
  });
});

async function startedChatOf(socket: Parameters<typeof askCustomer>[0]): Promise<ChatSummary> {
  const { chats } = unwrap(await askCustomer(socket, 'chat:list', {}));
  return chats[0]!;
}
