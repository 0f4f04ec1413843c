/**
 * The agent client against a real chat server (Finesse answered by msw): sign-in, READY, an offer
 * taken and answered, a second copy for the same agent, roles, refused credentials and the
 * sign-out when it closes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  askCustomer,
  basic,
  connectSocket,
  customerSession,
  useTestServer as serverPerTest,
  type CustomerSocket,
} from '../../server/testing/testServer.ts';
import type { ChatMessage } from '../core/protocol.ts';
import { createAgentClient, type AgentClient } from './agentClient.ts';

const getServer = serverPerTest();
const clients: AgentClient[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function signIn(agentId = '1001', password = `pass${agentId}`): Promise<AgentClient> {
  const agent = await createAgentClient({
    serverUrl: getServer().url,
    agentId,
    authorization: basic(agentId, password),
    onWarning: () => {},
  });
  clients.push(agent);
  await expect.poll(() => agent.chats.getState().status).toBe('online');
  return agent;
}

async function customerWaiting(name: string): Promise<{ socket: CustomerSocket; chatId: string }> {
  const session = await customerSession(getServer().url, name);
  const socket = await connectSocket<CustomerSocket>(getServer().url, '/customer', session.token);
  const started = await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID() });
  if (!started.ok) throw new Error(started.error.message);
  return { socket, chatId: started.data.chat.id };
}

describe('createAgentClient', () => {
  it('signs in, goes READY, accepts an offer and chats with the customer', async () => {
    const agent = await signIn();
    expect(agent.agent).toMatchObject({ id: '1001', firstName: 'Alice' });
    expect(agent.supervisor).toBeNull();
    await agent.setAgentState('READY');
    expect(agent.getState().status?.state).toBe('READY');

    const customer = await customerWaiting('Ada');
    const heard: string[] = [];
    customer.socket.on('chat:message', (message: ChatMessage) => void heard.push(message.text));
    await expect.poll(() => agent.getState().offers.map((o) => o.offer.chatId)).toEqual([customer.chatId]);
    const accepted: string[] = [];
    agent.on('accepted', ({ chat }) => void accepted.push(chat.id));
    expect(await agent.acceptOffer(customer.chatId)).toBe(true);
    expect(accepted).toEqual([customer.chatId]);
    expect(agent.chats.getState().chats[customer.chatId]?.chat.status).toBe('active');

    agent.chats.send(customer.chatId, 'Hello Ada');
    await expect.poll(() => heard).toContain('Hello Ada');
    await askCustomer(customer.socket, 'message:send', {
      chatId: customer.chatId,
      clientId: crypto.randomUUID(),
      text: 'Hi!',
    });
    await expect
      .poll(() => agent.chats.getState().chats[customer.chatId]?.messages.map((m) => m.text))
      .toContain('Hi!');
  });

  it('a second copy for the same agent drops the offer quietly when the first accepts it', async () => {
    const first = await signIn();
    const second = await signIn();
    await first.setAgentState('READY');
    const customer = await customerWaiting('Bo');
    await expect.poll(() => second.getState().offers.length).toBe(1);
    expect(await first.acceptOffer(customer.chatId)).toBe(true);
    await expect.poll(() => second.getState().offers).toEqual([]);
    expect(second.getState().notice).toBeNull();
  });

  it('gives a Finesse supervisor the supervisor client, with the team view', async () => {
    const supervisor = await signIn('1005');
    expect(supervisor.supervisor).not.toBeNull();
    const snapshot = await new Promise((resolve, reject) => {
      const stop = supervisor.supervisor?.watchTeam(
        (team) => {
          stop?.();
          resolve(team);
        },
        (code) => reject(new Error(code)),
      );
    });
    expect(snapshot).toMatchObject({ teams: expect.any(Array) });
  });

  it('refuses wrong credentials with UNAUTHORIZED, and its token is refused once it closes', async () => {
    await expect(signIn('1001', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const agent = await signIn();
    expect(await agent.api.canned()).not.toEqual([]);
    agent.close();
    await expect
      .poll(() =>
        agent.api.canned().then(
          () => 'accepted',
          (error: { code?: string }) => error.code,
        ),
      )
      .toBe('UNAUTHORIZED');
  });
});
