import { describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../../sdk/core/protocol.ts';
import { askAgent, next, unwrap, useTestServer } from '../../testing/testServer.ts';
import { agent, customer, http, readyAndAccept, startChat } from './testKit.ts';

const server = useTestServer();

async function chatWithAgent() {
  const c = await customer(server().url, 'Dana Whitfield');
  const chat = await startChat(c.socket);
  const a = await agent(server().url);
  await readyAndAccept(a.socket);
  return { c, a, chat };
}

const rate = (chatId: string, token: string, body: unknown) =>
  http(`${server().url}/api/customer/chats/${chatId}/rating`, { token, body });

describe('CSAT rating', () => {
  it('is given to an ended chat, once; a repeat answers with the stored rating', async () => {
    const { c, a, chat } = await chatWithAgent();
    expect((await rate(chat.id, c.token, { score: 5 })).status).toBe(409);
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));

    const update = next<ChatSummary>(a.socket, 'chat:update');
    const first = await rate(chat.id, c.token, { score: 4, comment: '  Quick and kind <3  ' });
    expect(first.status).toBe(201);
    expect(first.json.rating).toMatchObject({ score: 4, comment: 'Quick and kind <3' });
    // The agent's gadget hears of it with the chat.
    expect((await update).rating).toEqual(first.json.rating);

    const again = await rate(chat.id, c.token, { score: 1 });
    expect(again.status).toBe(200);
    expect(again.json.rating).toEqual(first.json.rating);
  });

  it('refuses scores outside 1…5 and long comments', async () => {
    const { c, a, chat } = await chatWithAgent();
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '5' },
      { score: 3, comment: 'x'.repeat(1001) },
    ]) {
      expect((await rate(chat.id, c.token, body)).status).toBe(400);
    }
  });

  it('is only for the chat’s customer', async () => {
    const { a, chat } = await chatWithAgent();
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    const stranger = await customer(server().url, 'Eve');
    expect((await rate(chat.id, stranger.token, { score: 1 })).status).toBe(404);
    expect((await rate(chat.id, a.token, { score: 1 })).status).toBe(401);
  });

  it('shows in the chat record for the chat’s agent and supervisors, not other agents', async () => {
    const { c, a, chat } = await chatWithAgent();
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    await rate(chat.id, c.token, { score: 2, comment: 'Too slow' });

    const record = await http(`${server().url}/api/agent/chats/${chat.id}`, { token: a.token });
    expect(record.status).toBe(200);
    expect(record.json.chat).toMatchObject({
      id: chat.id,
      status: 'ended',
      agent: { id: '1001' },
      rating: { score: 2, comment: 'Too slow' },
    });
    const other = await agent(server().url, 1);
    expect((await http(`${server().url}/api/agent/chats/${chat.id}`, { token: other.token })).status).toBe(
      404,
    );
    const supervisor = await agent(server().url, 2);
    const seen = await http(`${server().url}/api/agent/chats/${chat.id}`, { token: supervisor.token });
    expect(seen.json.chat.rating.score).toBe(2);
    expect((await http(`${server().url}/api/agent/chats/${chat.id}`, { token: c.token })).status).toBe(401);
  });
});
