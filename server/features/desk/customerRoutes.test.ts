import { describe, expect, it } from 'vitest';
import type { ChatOffer } from '../../../sdk/core/protocol.ts';
import { agent, customer, http, ready, say, startChat } from '../conversation/testKit.ts';
import { askAgent, next, unwrap, useTestServer } from '../../testing/testServer.ts';

// The queue has a label per language: the panel's earlier chats carry it, as chat summaries do.
const GENERAL = { en: 'General', ar: 'عام' };
const server = useTestServer({
  queuesJson: JSON.stringify({ queues: { default: { label: GENERAL } } }),
});

const profileUrl = (chatId: string) => `${server().url}/api/agent/chats/${chatId}/customer`;
const transcriptUrl = (chatId: string, previousId: string) => `${profileUrl(chatId)}/chats/${previousId}`;

/** One customer's chat taken by the agent (ready, offered, accepted). */
async function chatWith(a: Awaited<ReturnType<typeof agent>>, name: string, preChat: Record<string, string>) {
  const c = await customer(server().url, name);
  const offered = next<ChatOffer>(a.socket, 'offer:new');
  const chat = await startChat(c.socket, { preChat });
  await ready(a.socket);
  await offered;
  unwrap(await askAgent(a.socket, 'offer:accept', { chatId: chat.id }));
  return { c, chat };
}

describe('the customer panel', () => {
  it('shows pre-chat data and the previous chats of the same email, with their transcript', async () => {
    const a = await agent(server().url);
    const first = await chatWith(a, 'Dana', { name: 'Dana', email: 'Dana@Example.com' });
    await say(first.c.socket, first.chat.id, 'My invoice is wrong <b>twice</b>');
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: first.chat.id }));
    // A new browser: another customer id, the same email.
    const second = await chatWith(a, 'Dana W.', {
      name: 'Dana W.',
      email: 'dana@example.com ',
      page: 'https://shop.example/cart',
    });

    const profile = await http(profileUrl(second.chat.id), { token: a.token });
    expect(profile.status).toBe(200);
    expect(profile.json.customer).toEqual({
      id: second.c.session.customer.id,
      name: 'Dana W.',
      email: 'dana@example.com',
    });
    expect(profile.json.channel).toEqual({ kind: 'web', page: 'https://shop.example/cart' });
    expect(profile.json.preChat.name).toBe('Dana W.');
    expect(profile.json.previous).toHaveLength(1);
    expect(profile.json.previous[0]).toMatchObject({
      id: first.chat.id,
      queue: 'default',
      queueLabel: GENERAL,
      status: 'ended',
      agentName: 'Alice Nguyen',
    });

    const transcript = await http(transcriptUrl(second.chat.id, first.chat.id), { token: a.token });
    expect(transcript.status).toBe(200);
    expect(transcript.json.chat).toMatchObject({ id: first.chat.id, queueLabel: GENERAL });
    expect(transcript.json.messages.map((m: { text: string }) => m.text)).toContain(
      'My invoice is wrong <b>twice</b>',
    );
  });

  it('matches by the customer id when no email was given', async () => {
    const a = await agent(server().url);
    const c = await customer(server().url, 'Lee');
    const offered = next<ChatOffer>(a.socket, 'offer:new');
    const first = await startChat(c.socket);
    await ready(a.socket);
    await offered;
    unwrap(await askAgent(a.socket, 'offer:accept', { chatId: first.id }));
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: first.id }));
    const again = next<ChatOffer>(a.socket, 'offer:new');
    const second = await startChat(c.socket);
    await again;
    unwrap(await askAgent(a.socket, 'offer:accept', { chatId: second.id }));
    const profile = await http(profileUrl(second.id), { token: a.token });
    expect(profile.json.customer.email).toBeNull();
    expect(profile.json.previous.map((p: { id: string }) => p.id)).toEqual([first.id]);
  });
});

describe('customer history authorization', () => {
  it('an agent cannot read the history of another agent’s customer, nor a stranger’s chat through their own', async () => {
    const alice = await agent(server().url, 0);
    const stranger = await chatWith(alice, 'Stranger', { email: 'stranger@example.com' });
    await say(stranger.c.socket, stranger.chat.id, 'secret order 4711');
    unwrap(await askAgent(alice.socket, 'chat:end', { chatId: stranger.chat.id }));
    unwrap(await askAgent(alice.socket, 'agent:setState', { state: 'NOT_READY' }));

    const bob = await agent(server().url, 1);
    const own = await chatWith(bob, 'Kim', { email: 'kim@example.com' });

    // Bob is not in the stranger's chat: nothing, not even whether it exists.
    for (const url of [profileUrl(stranger.chat.id), transcriptUrl(stranger.chat.id, stranger.chat.id)]) {
      const answer = await http(url, { token: bob.token });
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('4711');
    }
    // Nor through his own chat: the stranger is not the same customer.
    const through = await http(transcriptUrl(own.chat.id, stranger.chat.id), { token: bob.token });
    expect(through.status).toBe(404);
    expect(through.text).not.toContain('4711');
    // The customer's own token, or none, is not an agent's.
    expect((await http(profileUrl(own.chat.id), { token: own.c.token })).status).toBe(401);
    expect((await http(profileUrl(own.chat.id))).status).toBe(401);
    // His own chat he sees.
    expect((await http(profileUrl(own.chat.id), { token: bob.token })).status).toBe(200);
  });

  it('a supervisor may look at any chat’s customer', async () => {
    const alice = await agent(server().url, 0);
    const { chat } = await chatWith(alice, 'Noor', { email: 'noor@example.com' });
    const supervisor = await agent(server().url, 2);
    const answer = await http(profileUrl(chat.id), { token: supervisor.token });
    expect(answer.status).toBe(200);
    expect(answer.json.customer.name).toBe('Noor');
  });
});
