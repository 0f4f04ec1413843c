/**
 * A supervisor sees the chats of their own teams only, over HTTP as over the socket, and a chat that
 * leaves their teams while they monitor it stops reaching them. Teams as in testKit.ts: 1001 and 1002
 * in team 10, 1003 in team 20, 1005 supervises team 10.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSummary, MonitorEndedNotice } from '../../../sdk/core/protocol.ts';
import { pause, recordAll } from '../collaboration/collabTestKit.ts';
import { askAgent, askCustomer, next, unwrap, type AgentSocket } from '../../testing/testServer.ts';
import { acceptedChat, customer, signIn, useSupervisorServer } from './testKit.ts';

const getServer = useSupervisorServer();
const url = () => getServer().url;

const get = async (path: string, token: string) => {
  const response = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** A chat of `agent` whose customer had an earlier chat (with the same agent), for the previous-chat route. */
async function chatWithHistory(agent: AgentSocket, name: string) {
  const c = await customer(url(), name);
  const first = await acceptedChat(agent, c.socket);
  unwrap(await askAgent(agent, 'chat:end', { chatId: first.id }));
  const chat = await acceptedChat(agent, c.socket);
  return { chat, previousId: first.id };
}

describe('supervisor HTTP reads follow the teams', () => {
  it('answers 200 for a chat of the supervisor’s team and 404 for another team’s, on every agent chat route', async () => {
    const ours = await signIn(url(), '1001');
    const theirs = await signIn(url(), '1003');
    const sup = await signIn(url(), '1005');
    const inside = await chatWithHistory(ours.socket, 'Dana');
    unwrap(await askAgent(ours.socket, 'agent:setState', { state: 'NOT_READY' }));
    const outside = await chatWithHistory(theirs.socket, 'Eli');
    const routes = (chat: { chat: ChatSummary; previousId: string }) => [
      `/api/agent/chats/${chat.chat.id}`,
      `/api/agent/chats/${chat.chat.id}/customer`,
      `/api/agent/chats/${chat.chat.id}/customer/chats/${chat.previousId}`,
    ];

    for (const path of routes(inside)) expect((await get(path, sup.session.token)).status, path).toBe(200);
    for (const path of routes(outside)) {
      const answer = await get(path, sup.session.token);
      expect(answer.status, path).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain('Eli');
    }
    // The socket path says the same about the same chat.
    const monitor = await askAgent(sup.socket, 'supervisor:monitor', { chatId: outside.chat.id });
    expect(monitor).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The chat's own agent still reads it.
    for (const path of routes(outside))
      expect((await get(path, theirs.session.token)).status, path).toBe(200);
  });
});

describe('a monitored chat that leaves the supervisor’s teams', () => {
  it('stops reaching the supervisor, who is told', async () => {
    const a1 = await signIn(url(), '1001');
    const a3 = await signIn(url(), '1003');
    const sup = await signIn(url(), '1005');
    const c = await customer(url(), 'Dana');
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(sup.socket, 'supervisor:monitor', { chatId: chat.id }));
    const live = next<ChatMessage>(sup.socket, 'supervisor:message');
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'Hi' }));
    expect((await live).text).toBe('Hi');

    // Alice hands the chat to Cleo, of team 20.
    unwrap(await askAgent(a3.socket, 'agent:setState', { state: 'READY' }));
    const offered = next(a3.socket, 'offer:new');
    unwrap(await askAgent(a1.socket, 'chat:transfer', { chatId: chat.id, agentId: '1003', note: '' }));
    await offered;
    const ended = next<MonitorEndedNotice>(sup.socket, 'supervisor:monitorEnded');
    unwrap(await askAgent(a3.socket, 'invite:accept', { chatId: chat.id }));
    expect(await ended).toEqual({ chatId: chat.id, reason: 'outOfTeams' });

    const seen = recordAll(sup.socket);
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm2', text: 'Secret' }));
    unwrap(await askAgent(a3.socket, 'message:send', { chatId: chat.id, clientId: 'm3', text: 'Answer' }));
    await pause();
    expect(JSON.stringify(seen)).not.toContain('Secret');
    expect(JSON.stringify(seen)).not.toContain('Answer');
    // Nor can the supervisor start again.
    const again = await askAgent(sup.socket, 'supervisor:monitor', { chatId: chat.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps a supervisor who barged in: a participant, seen by the customer', async () => {
    const a1 = await signIn(url(), '1001');
    const a3 = await signIn(url(), '1003');
    const sup = await signIn(url(), '1005');
    const c = await customer(url(), 'Dana');
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }));

    unwrap(await askAgent(a3.socket, 'agent:setState', { state: 'READY' }));
    const offered = next(a3.socket, 'offer:new');
    unwrap(await askAgent(a1.socket, 'chat:transfer', { chatId: chat.id, agentId: '1003', note: '' }));
    await offered;
    const seen = recordAll(sup.socket);
    unwrap(await askAgent(a3.socket, 'invite:accept', { chatId: chat.id }));
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'Still?' }));
    await pause();
    expect(JSON.stringify(seen)).toContain('Still?');
    expect(seen.map((item) => item.event)).not.toContain('supervisor:monitorEnded');
  });

  it('ends when the supervisor moves it back to a queue, barged in or not', async () => {
    const a1 = await signIn(url(), '1001');
    const sup = await signIn(url(), '1005');
    const c = await customer(url(), 'Dana');
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }));
    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'NOT_READY' }));

    const ended = next<MonitorEndedNotice>(sup.socket, 'supervisor:monitorEnded');
    unwrap(await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'default' } }));
    expect(await ended).toEqual({ chatId: chat.id, reason: 'outOfTeams' });
    const seen = recordAll(sup.socket);
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm2', text: 'Hello?' }));
    await pause();
    expect(JSON.stringify(seen)).not.toContain('Hello?');
  });
});
