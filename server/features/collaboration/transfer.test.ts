import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatOffer, ChatSummary, InviteResult } from '../../../sdk/core/protocol.ts';
import { acceptedChat } from '../files/sharingTestKit.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  next,
  unwrap,
  useTestServer,
} from '../../testing/testServer.ts';
import { agent, chatWithTwoAgents, offeredTo, pause, type Whisper } from './collabTestKit.ts';

const getServer = useTestServer({ offerTimeoutMs: 600 });

const events = (messages: ChatMessage[]) =>
  messages.filter((m) => m.kind === 'event').map((m) => `${m.event}:${m.text}`);

describe('transfer to a named agent', () => {
  it('offers the chat with the note and sender; on accept the whole history moves and the first agent is freed', async () => {
    const { c, alice, bob, chat } = await chatWithTwoAgents(getServer());
    unwrap(
      await askAgent(alice.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'Hi Dana' }),
    );
    const targets = unwrap(await askAgent(alice.socket, 'agents:available', {}));
    expect(targets.agents).toEqual([{ id: '1002', name: 'Bob Okafor' }]);
    expect(targets.queues).toContain('default');

    const offer = await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, agentId: '1002', note: 'Billing question' }),
    );
    expect(offer.invite).toEqual({
      kind: 'transfer',
      via: 'agent',
      from: { id: '1001', name: 'Alice Nguyen' },
      note: 'Billing question',
    });

    const aliceUpdate = next<ChatSummary>(alice.socket, 'chat:update');
    const result = next<InviteResult>(alice.socket, 'invite:result');
    const accepted = unwrap(await askAgent(bob.socket, 'invite:accept', { chatId: chat.id }));
    expect(accepted.chat.agent?.id).toBe('1002');
    expect(accepted.messages.some((m) => m.text === 'Hi Dana')).toBe(true);
    expect(events(accepted.messages)).toContain('agent-joined:Bob Okafor');
    expect((await aliceUpdate).agent?.id).toBe('1002');
    expect((await result).outcome).toBe('accepted');

    // The customer sees neutral lines (who left, who joined); never the note.
    const history = unwrap(
      await askAgent(bob.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }),
    ).messages;
    expect(events(history)).toEqual(
      expect.arrayContaining(['agent-left:Alice Nguyen', 'agent-joined:Bob Okafor']),
    );
    const customerSide = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(events(customerSide.messages)).toContain('agent-joined:Bob Okafor');
    expect(JSON.stringify(customerSide)).not.toContain('Billing question');

    // Alice no longer reads or writes the chat; her slot is free.
    const refused = await askAgent(alice.socket, 'message:send', {
      chatId: chat.id,
      clientId: 'a2',
      text: 'x',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(unwrap(await askAgent(alice.socket, 'chat:list', {})).chats).toEqual([]);
    const bobChats = unwrap(await askAgent(bob.socket, 'chat:list', {})).chats.map((x) => x.id);
    expect(bobChats).toEqual([chat.id]);
  });

  it('nobody accepts: the chat goes back to the head of the queue and the first agent is freed', async () => {
    const server = getServer();
    const { alice, bob, chat } = await chatWithTwoAgents(server);
    const offer = await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, agentId: '1002', note: 'VIP' }),
    );
    expect(offer.expiresAt - offer.offeredAt).toBe(600);
    const revoked = next<{ reason: string }>(bob.socket, 'offer:revoked', 2000);
    const result = next<InviteResult>(alice.socket, 'invite:result', 2000);
    expect((await revoked).reason).toBe('timeout');
    expect((await result).outcome).toBe('timeout');
    expect(unwrap(await askAgent(alice.socket, 'chat:list', {})).chats).toEqual([]);

    // A third agent who goes ready gets it, with the note of the transfer.
    const sam = await agent(server, 2);
    const queued = next<{ chatId: string; invite?: { note: string } }>(sam.socket, 'offer:new');
    unwrap(await askAgent(sam.socket, 'agent:setState', { state: 'READY' }));
    expect(await queued).toMatchObject({ chatId: chat.id, invite: { note: 'VIP', via: 'queue' } });
  });

  it('a declined transfer also falls back to the queue', async () => {
    const { alice, bob, chat } = await chatWithTwoAgents(getServer());
    await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, agentId: '1002', note: '' }),
    );
    const result = next<InviteResult>(alice.socket, 'invite:result');
    unwrap(await askAgent(bob.socket, 'invite:decline', { chatId: chat.id }));
    expect((await result).outcome).toBe('declined');
    await pause();
    expect(unwrap(await askAgent(alice.socket, 'chat:list', {})).chats).toEqual([]);
    expect(
      unwrap(await askAgent(alice.socket, 'agent:setState', { state: 'READY' })).status.activeChats,
    ).toBe(0);
  });
});

describe('transfer to a queue', () => {
  it('puts the chat at the head of the queue with the note; another agent gets the offer', async () => {
    const { alice, bob, chat } = await chatWithTwoAgents(getServer());
    const offer = await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, queue: 'default', note: 'Needs Spanish' }),
    );
    expect(offer).toMatchObject({
      chatId: chat.id,
      invite: { kind: 'transfer', via: 'queue', note: 'Needs Spanish' },
    });
    const accepted = unwrap(await askAgent(bob.socket, 'offer:accept', { chatId: chat.id }));
    expect(accepted.chat.agent?.id).toBe('1002');
  });

  it('keeps the note with the chat as a whisper from its sender, which the customer never gets', async () => {
    const { c, alice, bob, chat } = await chatWithTwoAgents(getServer());
    const atAlice = next<Whisper>(alice.socket, 'chat:whisper');
    await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, queue: 'default', note: 'Needs Spanish' }),
    );
    expect(await atAlice).toMatchObject({ chatId: chat.id, text: 'Needs Spanish', from: { id: '1001' } });
    unwrap(await askAgent(bob.socket, 'offer:accept', { chatId: chat.id }));
    // Bob took the chat: the offer card is gone, the note is among the chat's agent-only notes.
    const { whispers } = unwrap(await askAgent(bob.socket, 'whisper:list', { chatId: chat.id }));
    expect(whispers.map((w) => [w.from.name, w.text])).toEqual([['Alice Nguyen', 'Needs Spanish']]);
    const customerSide = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(JSON.stringify(customerSide)).not.toContain('Needs Spanish');
  });

  it('keeps no empty note', async () => {
    const { alice, bob, chat } = await chatWithTwoAgents(getServer());
    await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, queue: 'default', note: '  ' }),
    );
    unwrap(await askAgent(bob.socket, 'offer:accept', { chatId: chat.id }));
    expect(unwrap(await askAgent(bob.socket, 'whisper:list', { chatId: chat.id })).whispers).toEqual([]);
  });

  it('keeps the note through a restart: the next agent offered the chat still sees it', async () => {
    const server = getServer();
    const { a: alice, chat } = await acceptedChat(server);
    unwrap(
      await askAgent(alice.socket, 'chat:transfer', {
        chatId: chat.id,
        queue: 'default',
        note: 'Needs Spanish',
      }),
    );
    closeSockets();
    await server.restart();
    const bob = await agent(server, 1);
    const offered = next<ChatOffer>(bob.socket, 'offer:new');
    unwrap(await askAgent(bob.socket, 'agent:setState', { state: 'READY' }));
    expect(await offered).toMatchObject({
      chatId: chat.id,
      invite: {
        kind: 'transfer',
        via: 'queue',
        from: { id: '1001', name: 'Alice Nguyen' },
        note: 'Needs Spanish',
      },
    });
  });

  it('refuses an unknown queue', async () => {
    const { alice, chat } = await chatWithTwoAgents(getServer());
    const refused = await askAgent(alice.socket, 'chat:transfer', {
      chatId: chat.id,
      queue: 'nowhere',
      note: '',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('transfer authorization', () => {
  it('only the owner transfers: a stranger gets NOT_FOUND, a busy or unknown target CONFLICT', async () => {
    const { alice, bob, chat } = await chatWithTwoAgents(getServer());
    const stranger = await askAgent(bob.socket, 'chat:transfer', {
      chatId: chat.id,
      queue: 'default',
      note: '',
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const toSelf = await askAgent(alice.socket, 'chat:transfer', {
      chatId: chat.id,
      agentId: '1001',
      note: '',
    });
    expect(toSelf).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const nobody = await askAgent(alice.socket, 'chat:transfer', {
      chatId: chat.id,
      agentId: '9999',
      note: '',
    });
    expect(nobody).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const both = await askAgent(alice.socket, 'chat:transfer', {
      chatId: chat.id,
      agentId: '1002',
      queue: 'default',
      note: '',
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Only the agent it was offered to may answer.
    await offeredTo(bob.socket, () =>
      askAgent(alice.socket, 'chat:transfer', { chatId: chat.id, agentId: '1002', note: '' }),
    );
    const hijack = await askAgent(alice.socket, 'invite:accept', { chatId: chat.id });
    expect(hijack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
