/**
 * Supervisor features against a real chat server and a Finesse (msw) with teams: the role and the
 * teams come from Finesse at sign-in; the team view is pushed; monitoring is silent; barge-in is
 * announced; forced transfer; and everything refused to those who may not.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSummary, TeamSnapshot } from '../../../sdk/core/protocol.ts';
import { askAgent, askCustomer, next, nextWhere, unwrap } from '../../testing/testServer.ts';
import { acceptedChat, customer, signIn, useSupervisorServer } from './testKit.ts';

const getServer = useSupervisorServer();
const url = () => getServer().url;

/** Waits for the pushed snapshot that satisfies `test`. */
function snapshotWhere(
  socket: Parameters<typeof next>[0],
  test: (snapshot: TeamSnapshot) => boolean,
  ms = 3000,
): Promise<TeamSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching supervisor:team')), ms);
    const listener = (snapshot: TeamSnapshot) => {
      if (!test(snapshot)) return;
      clearTimeout(timer);
      socket.off('supervisor:team', listener);
      resolve(snapshot);
    };
    socket.on('supervisor:team', listener);
  });
}

describe('supervisor', () => {
  it('takes the role and teams from Finesse at sign-in', async () => {
    const sup = await signIn(url(), '1005');
    expect(sup.session.agent.roles).toEqual(['Agent', 'Supervisor']);
    const agent = await signIn(url(), '1001');
    expect(agent.session.agent.roles).toEqual(['Agent']);
  });

  it("pushes the team's agents, chats, waits and queues live; other teams stay out", async () => {
    const a1 = await signIn(url(), '1001');
    await signIn(url(), '1002');
    await signIn(url(), '1003');
    const sup = await signIn(url(), '1005');
    const first = unwrap(await askAgent(sup.socket, 'supervisor:subscribe', {}));
    expect(first.teams).toEqual([{ id: '10', name: 'Team 10' }]);
    expect(first.agents.map((agent) => agent.id)).toEqual(['1001', '1002', '1005']);
    expect(first.agents.find((agent) => agent.id === '1001')).toMatchObject({
      state: 'NOT_READY',
      chats: [],
    });

    const c = await customer(url(), 'Dana');
    const chat = await acceptedChat(a1.socket, c.socket);
    const withChat = await snapshotWhere(sup.socket, (s) => s.agents.some((a) => a.chats.length === 1));
    expect(withChat.agents.find((a) => a.id === '1001')).toMatchObject({
      state: 'ACTIVE',
      activeChats: 1,
      chats: [{ chatId: chat.id, customerName: 'Dana', waitingSince: null }],
    });

    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'Hello?' }));
    const waiting = await snapshotWhere(sup.socket, (s) =>
      s.agents.some((a) => a.chats[0]?.waitingSince !== null && a.chats.length > 0),
    );
    expect(waiting.agents.find((a) => a.id === '1001')?.chats[0]?.waitingSince).toBeGreaterThan(0);

    // A chat nobody can take waits in its queue.
    const c2 = await customer(url(), 'Eli');
    unwrap(await askCustomer(c2.socket, 'chat:start', { clientId: 'q1', queue: 'cards' }));
    const queued = await snapshotWhere(sup.socket, (s) => s.queues.length > 0);
    expect(queued.queues).toEqual([
      {
        queue: 'cards',
        label: 'cards',
        waiting: 1,
        longestWaitSince: expect.any(Number),
        // Alice is READY and serves every queue (no queues file); nothing answered in 24 h yet.
        staffed: 1,
        serviceLevel: { thresholdS: 30, percent: null },
      },
    ]);
  });

  it('monitors silently: history and live messages, and nobody in the chat is told', async () => {
    const a1 = await signIn(url(), '1001');
    const sup = await signIn(url(), '1005');
    const c = await customer(url());
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'first' }));

    const seenByCustomer: ChatMessage[] = [];
    const seenByAgent: ChatMessage[] = [];
    c.socket.on('chat:message', (m) => seenByCustomer.push(m));
    a1.socket.on('chat:message', (m) => seenByAgent.push(m));
    const history = unwrap(await askAgent(sup.socket, 'supervisor:monitor', { chatId: chat.id }));
    expect(history.messages.map((m) => m.text)).toContain('first');

    const live = next<ChatMessage>(sup.socket, 'supervisor:message');
    unwrap(await askAgent(a1.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'hi there' }));
    expect((await live).text).toBe('hi there');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The customer got the agent's message and nothing else: no join, no notice of the monitor.
    expect(seenByCustomer.map((m) => m.text)).toEqual(['hi there']);
    expect(seenByAgent).toEqual([]);
  });

  it('barges in: the customer sees a second agent join and gets the supervisor’s message', async () => {
    const a1 = await signIn(url(), '1001');
    const sup = await signIn(url(), '1005');
    const c = await customer(url());
    const chat = await acceptedChat(a1.socket, c.socket);
    const notYet = await askAgent(sup.socket, 'supervisor:send', {
      chatId: chat.id,
      clientId: 's0',
      text: 'x',
    });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const joined = next<ChatMessage>(c.socket, 'chat:message');
    const agentSees = next<ChatMessage>(a1.socket, 'chat:message');
    unwrap(await askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }));
    expect(await joined).toMatchObject({ kind: 'event', event: 'agent-joined', text: 'Sam Rivera' });
    expect(await agentSees).toMatchObject({ event: 'agent-joined' });

    const message = next<ChatMessage>(c.socket, 'chat:message');
    const sent = unwrap(
      await askAgent(sup.socket, 'supervisor:send', {
        chatId: chat.id,
        clientId: 's1',
        text: 'Supervisor here',
      }),
    );
    expect(await message).toMatchObject({ text: 'Supervisor here', from: { role: 'agent', id: '1005' } });
    expect(sent.message.seq).toBeGreaterThan(0);
  });

  it('forces a transfer to another agent of the team, or back to a queue', async () => {
    const a1 = await signIn(url(), '1001');
    const a2 = await signIn(url(), '1002');
    const sup = await signIn(url(), '1005');
    const c = await customer(url());
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(a2.socket, 'agent:setState', { state: 'READY' }));

    // Updates of the accept may still be on their way: wait for those naming the new owner.
    const toFormer = nextWhere<ChatSummary>(
      a1.socket,
      'chat:update',
      (update) => update.agent?.id === '1002',
    );
    const toNew = nextWhere<ChatSummary>(a2.socket, 'chat:update', (update) => update.agent?.id === '1002');
    const moved = unwrap(
      await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { agentId: '1002' } }),
    );
    expect(moved.chat.agent?.id).toBe('1002');
    expect((await toFormer).agent?.id).toBe('1002');
    expect((await toNew).status).toBe('active');
    // The new agent now owns it; the former one no longer reads it.
    unwrap(await askAgent(a2.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    const former = await askAgent(a1.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 });
    expect(former).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'NOT_READY' }));
    unwrap(await askAgent(a2.socket, 'agent:setState', { state: 'NOT_READY' }));
    const queued = unwrap(
      await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'billing' } }),
    );
    expect(queued.chat).toMatchObject({ status: 'queued', queue: 'billing', agent: null });
  });
});

describe('supervisor authorization', () => {
  it('refuses every supervisor request to an agent without the role', async () => {
    const a1 = await signIn(url(), '1001');
    const a2 = await signIn(url(), '1002');
    const c = await customer(url());
    const chat = await acceptedChat(a2.socket, c.socket);
    for (const attempt of [
      askAgent(a1.socket, 'supervisor:subscribe', {}),
      askAgent(a1.socket, 'supervisor:monitor', { chatId: chat.id }),
      askAgent(a1.socket, 'supervisor:barge', { chatId: chat.id }),
      askAgent(a1.socket, 'supervisor:send', { chatId: chat.id, clientId: 'x', text: 'hi' }),
      askAgent(a1.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'main' } }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it("keeps a supervisor out of the chats of other teams' agents", async () => {
    const outsider = await signIn(url(), '1003');
    const sup = await signIn(url(), '1005');
    const c = await customer(url());
    const chat = await acceptedChat(outsider.socket, c.socket);
    for (const attempt of [
      askAgent(sup.socket, 'supervisor:monitor', { chatId: chat.id }),
      askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }),
      askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'main' } }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Nor can a transfer hand a chat of the team to an agent outside it.
    unwrap(await askAgent(outsider.socket, 'agent:setState', { state: 'NOT_READY' }));
    const a1 = await signIn(url(), '1001');
    const c2 = await customer(url(), 'Finn');
    const own = await acceptedChat(a1.socket, c2.socket);
    const away = await askAgent(sup.socket, 'supervisor:transfer', {
      chatId: own.id,
      to: { agentId: '1003' },
    });
    expect(away).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("lets no agent read, write to or end another agent's chat", async () => {
    const a1 = await signIn(url(), '1001');
    const a2 = await signIn(url(), '1002');
    const c = await customer(url());
    const chat = await acceptedChat(a1.socket, c.socket);
    for (const attempt of [
      askAgent(a2.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }),
      askAgent(a2.socket, 'message:send', { chatId: chat.id, clientId: 'x', text: 'hi' }),
      askAgent(a2.socket, 'chat:end', { chatId: chat.id }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const { chats } = unwrap(await askAgent(a2.socket, 'chat:list', {}));
    expect(chats.map((listed) => listed.id)).not.toContain(chat.id);
  });
});
