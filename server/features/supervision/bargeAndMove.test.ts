/**
 * What a supervisor's barge-in and forced transfer leave behind: a barge-in survives a restart (the
 * supervisor still receives and writes, and the customer sees no second "joined" line), and a forced
 * transfer tells the agent who lost the chat, and nobody else, whose chat it was and where it went.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatMovedNotice, ChatOffer } from '../../../sdk/core/protocol.ts';
import { pause, recordAll } from '../collaboration/collabTestKit.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  next,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
} from '../../testing/testServer.ts';
import { acceptedChat, customer, signIn, useSupervisorServer } from './testKit.ts';

const getServer = useSupervisorServer();
const url = () => getServer().url;

describe('barge-in and a restart', () => {
  it('keeps the supervisor in the chat: they receive and write without barging again, joined once', async () => {
    const a1 = await signIn(url(), '1001');
    const sup = await signIn(url(), '1005');
    const c = await customer(url());
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }));

    closeSockets();
    await getServer().restart();
    const supAgain = await connectSocket<AgentSocket>(url(), '/agent', sup.session.token);
    const customerAgain = await connectSocket<CustomerSocket>(url(), '/customer', c.session.token);

    // Writes at once, even before the agent's gadget is back.
    const atCustomer = next<ChatMessage>(customerAgain, 'chat:message');
    unwrap(
      await askAgent(supAgain, 'supervisor:send', { chatId: chat.id, clientId: 's1', text: 'Still here' }),
    );
    expect(await atCustomer).toMatchObject({ text: 'Still here', from: { id: '1005' } });

    // Receives without asking to monitor again: the socket joined the chat's room on connect.
    const live = next<ChatMessage>(supAgain, 'supervisor:message');
    unwrap(
      await askCustomer(customerAgain, 'message:send', { chatId: chat.id, clientId: 'c1', text: 'Thanks' }),
    );
    expect((await live).text).toBe('Thanks');

    // A gadget that barges again (its own state said so) adds no second line; the team view still names them.
    const agentAgain = await connectSocket<AgentSocket>(url(), '/agent', a1.session.token);
    unwrap(await askAgent(supAgain, 'supervisor:barge', { chatId: chat.id }));
    const history = unwrap(await askCustomer(customerAgain, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    const joined = history.messages.filter((m) => m.event === 'agent-joined' && m.text === 'Sam Rivera');
    expect(joined).toHaveLength(1);
    const team = unwrap(await askAgent(supAgain, 'supervisor:subscribe', {}));
    expect(team.agents.find((agent) => agent.id === '1001')?.chats[0]?.barged).toEqual(['Sam Rivera']);
    expect(unwrap(await askAgent(agentAgain, 'chat:list', {})).chats.map((x) => x.id)).toEqual([chat.id]);
  });
});

describe('forced transfer', () => {
  it('offers a chat moved back to a queue without the note of an earlier transfer someone took', async () => {
    const a1 = await signIn(url(), '1001');
    const a2 = await signIn(url(), '1002');
    const sup = await signIn(url(), '1005');
    const c = await customer(url(), 'Ada Lovelace');
    const chat = await acceptedChat(a1.socket, c.socket);
    const firstOffer = next<ChatOffer>(a2.socket, 'offer:new');
    unwrap(await askAgent(a2.socket, 'agent:setState', { state: 'READY' }));
    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'NOT_READY' }));
    unwrap(
      await askAgent(a1.socket, 'chat:transfer', {
        chatId: chat.id,
        queue: 'default',
        note: 'Needs Spanish',
      }),
    );
    expect((await firstOffer).invite?.note).toBe('Needs Spanish');
    unwrap(await askAgent(a2.socket, 'offer:accept', { chatId: chat.id }));

    const secondOffer = next<ChatOffer>(a1.socket, 'offer:new');
    unwrap(await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'default' } }));
    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'READY' }));
    const offer = await secondOffer;
    expect(offer.chatId).toBe(chat.id);
    expect(offer.invite).toBeUndefined();
  });

  it('tells only the agent who lost the chat: the customer and where it went', async () => {
    const a1 = await signIn(url(), '1001');
    const a2 = await signIn(url(), '1002');
    const sup = await signIn(url(), '1005');
    const c = await customer(url(), 'Ada Lovelace');
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(a2.socket, 'agent:setState', { state: 'READY' }));
    unwrap(await askAgent(sup.socket, 'supervisor:barge', { chatId: chat.id }));
    const seen = { a1: recordAll(a1.socket), a2: recordAll(a2.socket), sup: recordAll(sup.socket) };
    const atCustomer = recordAll(c.socket as never);

    const toAgent = next<ChatMovedNotice>(a1.socket, 'chat:movedBySupervisor');
    unwrap(await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { agentId: '1002' } }));
    expect(await toAgent).toEqual({
      chatId: chat.id,
      customerName: 'Ada Lovelace',
      to: { agent: { id: '1002', name: 'Bob Okafor' } },
      by: 'Sam Rivera',
    });
    // The transfer ended the barge-in: writing needs a new one.
    const afterMove = await askAgent(sup.socket, 'supervisor:send', {
      chatId: chat.id,
      clientId: 'x',
      text: 'x',
    });
    expect(afterMove).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'NOT_READY' }));
    // Only a queue the server knows (TRANSFER_QUEUES, the default queue, the chat's own).
    const unknown = await askAgent(sup.socket, 'supervisor:transfer', {
      chatId: chat.id,
      to: { queue: 'nowhere' },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const toQueue = next<ChatMovedNotice>(a2.socket, 'chat:movedBySupervisor');
    unwrap(await askAgent(sup.socket, 'supervisor:transfer', { chatId: chat.id, to: { queue: 'default' } }));
    expect(await toQueue).toMatchObject({
      chatId: chat.id,
      customerName: 'Ada Lovelace',
      to: { queue: 'default' },
    });

    await pause();
    const moved = (list: Array<{ event: string }>) =>
      list.filter((e) => e.event === 'chat:movedBySupervisor');
    expect(moved(seen.a1)).toHaveLength(1);
    expect(moved(seen.a2)).toHaveLength(1);
    expect(moved(seen.sup)).toHaveLength(0);
    expect(moved(atCustomer)).toHaveLength(0);
  });
});
