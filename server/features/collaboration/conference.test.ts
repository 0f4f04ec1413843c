import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSummary, Whisper } from '../../../sdk/core/protocol.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  next,
  unwrap,
  useTestServer,
} from '../../testing/testServer.ts';
import type { AgentSocket, CustomerSocket } from '../../testing/testServer.ts';
import { agent, chatWithTwoAgents, offeredTo, pause, recordAll } from './collabTestKit.ts';

const getServer = useTestServer({ offerTimeoutMs: 2000 });

async function conference() {
  const server = getServer();
  const setup = await chatWithTwoAgents(server);
  const { alice, bob, chat } = setup;
  const offer = await offeredTo(bob.socket, () =>
    askAgent(alice.socket, 'chat:invite', { chatId: chat.id, agentId: '1002', note: 'Can you help?' }),
  );
  expect(offer.invite).toMatchObject({ kind: 'consult', via: 'agent', note: 'Can you help?' });
  const joined = unwrap(await askAgent(bob.socket, 'invite:accept', { chatId: chat.id }));
  await pause(); // the "joined" line reaches everyone first
  return { ...setup, server, joined };
}

describe('consult/conference', () => {
  it('both agents read and send; the customer sees who joined; a member leaves and the chat goes on', async () => {
    const { c, alice, bob, chat, joined } = await conference();
    expect(joined.chat.agent?.id).toBe('1001');
    expect(joined.chat.collaborators).toEqual([{ id: '1002', name: 'Bob Okafor' }]);

    const atAlice = next<ChatMessage>(alice.socket, 'chat:message');
    const atCustomer = next<ChatMessage>(c.socket, 'chat:message');
    unwrap(await askAgent(bob.socket, 'message:send', { chatId: chat.id, clientId: 'b1', text: 'Bob here' }));
    expect((await atAlice).text).toBe('Bob here');
    expect((await atCustomer).text).toBe('Bob here');
    const atBob = next<ChatMessage>(bob.socket, 'chat:message');
    unwrap(
      await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'c1', text: 'Thanks both' }),
    );
    expect((await atBob).text).toBe('Thanks both');

    const seen = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 })).messages;
    expect(seen.some((m) => m.event === 'agent-joined' && m.text === 'Bob Okafor')).toBe(true);
    // A reload of Bob's gadget finds the chat.
    expect(unwrap(await askAgent(bob.socket, 'chat:list', {})).chats.map((x) => x.id)).toEqual([chat.id]);

    // Bob cannot end it; he leaves, Alice's chat goes on.
    const ended = await askAgent(bob.socket, 'chat:end', { chatId: chat.id });
    expect(ended).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const left = next<ChatSummary>(bob.socket, 'chat:update');
    unwrap(await askAgent(bob.socket, 'chat:leave', { chatId: chat.id }));
    expect((await left).collaborators ?? []).toEqual([]);
    const after = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(after.chat.status).toBe('active');
    expect(after.messages.some((m) => m.event === 'agent-left' && m.text === 'Bob Okafor')).toBe(true);
    expect(await askAgent(bob.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('the owner ends it for everyone; the member is told and freed', async () => {
    const { alice, bob, chat } = await conference();
    const bobEnded = next<ChatSummary>(bob.socket, 'chat:update');
    unwrap(await askAgent(alice.socket, 'chat:end', { chatId: chat.id }));
    expect((await bobEnded).status).toBe('ended');
    await pause();
    expect(unwrap(await askAgent(bob.socket, 'agent:setState', { state: 'READY' })).status.activeChats).toBe(
      0,
    );
  });

  it('a restart keeps the conference: the member lists the chat and it takes their slot', async () => {
    const { server, bob, chat } = await conference();
    closeSockets();
    await server.restart();
    const again = await connectSocket<AgentSocket>(server.url, '/agent', bob.token);
    expect(unwrap(await askAgent(again, 'chat:list', {})).chats.map((x) => x.id)).toEqual([chat.id]);
    expect(unwrap(await askAgent(again, 'agent:setState', { state: 'READY' })).status.activeChats).toBe(1);
  });

  it('only the owner invites, and nobody leaves a chat they are not in', async () => {
    const server = getServer();
    const { alice, bob, chat } = await chatWithTwoAgents(server);
    const stranger = await askAgent(bob.socket, 'chat:invite', {
      chatId: chat.id,
      agentId: '1001',
      note: '',
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await askAgent(bob.socket, 'chat:leave', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await askAgent(alice.socket, 'chat:leave', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('whisper', () => {
  it('reaches the agents in the chat, and never the customer: not live, not in sync, list or transcript', async () => {
    const { server, c, alice, bob, chat } = await conference();
    const customerEvents = recordAll(c.socket as never);
    const atBob = next<Whisper>(bob.socket, 'chat:whisper');
    const sent = unwrap(
      await askAgent(alice.socket, 'whisper:send', {
        chatId: chat.id,
        clientId: 'w1',
        text: 'SECRET-WHISPER',
      }),
    ).whisper;
    expect(sent).toMatchObject({ chatId: chat.id, text: 'SECRET-WHISPER', from: { id: '1001' } });
    expect((await atBob).id).toBe(sent.id);
    // A retry is stored once.
    const again = unwrap(
      await askAgent(alice.socket, 'whisper:send', {
        chatId: chat.id,
        clientId: 'w1',
        text: 'SECRET-WHISPER',
      }),
    ).whisper;
    expect(again.id).toBe(sent.id);
    // Stored once, after the consult's note (kept as Alice's whisper when she asked Bob in).
    const stored = unwrap(await askAgent(bob.socket, 'whisper:list', { chatId: chat.id })).whispers;
    expect(stored.map((w) => w.text)).toEqual(['Can you help?', 'SECRET-WHISPER']);
    unwrap(await askAgent(alice.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'public' }));
    await pause(300);

    // Neither the whisper nor the consult's note.
    const secret = (value: unknown) =>
      JSON.stringify(value).includes('SECRET-WHISPER') || JSON.stringify(value).includes('Can you help?');
    expect(customerEvents.some((e) => e.event === 'chat:message')).toBe(true);
    expect(customerEvents.filter((e) => secret(e))).toEqual([]);
    const synced = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(secret(synced)).toBe(false);
    // The seq the customer sees has no gap where the whisper was.
    expect(synced.messages.map((m) => m.seq)).toEqual(synced.messages.map((_, i) => i + 1));
    expect(secret(unwrap(await askCustomer(c.socket, 'chat:list', {})))).toBe(false);
    // The customer namespace has no whisper events at all.
    const asked = await askCustomer(c.socket, 'whisper:list' as never, { chatId: chat.id } as never).catch(
      (error: unknown) => error,
    );
    expect(secret(asked)).toBe(false);

    // After a reload (a new socket) and in the transcript, still nothing.
    closeSockets();
    const reloaded = await connectSocket<CustomerSocket>(server.url, '/customer', c.token);
    const resynced = unwrap(await askCustomer(reloaded, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(resynced.messages.some((m) => m.text === 'public')).toBe(true);
    expect(secret(resynced)).toBe(false);
    const transcript = await fetch(`${server.url}/api/customer/chats/${chat.id}/transcript?format=txt`, {
      headers: { authorization: `Bearer ${c.token}` },
    });
    const text = await transcript.text();
    expect(transcript.status).toBe(200);
    expect(text).toContain('public');
    expect(text).not.toContain('SECRET-WHISPER');
    // Agents still have it after their reload.
    const aliceAgain = await connectSocket<AgentSocket>(server.url, '/agent', alice.token);
    const listed = unwrap(await askAgent(aliceAgain, 'whisper:list', { chatId: chat.id })).whispers;
    expect(listed.map((w) => w.text)).toEqual(['Can you help?', 'SECRET-WHISPER']);
  });

  it('an agent outside the chat can neither whisper into it nor read its whispers', async () => {
    const server = getServer();
    const { alice, chat } = await chatWithTwoAgents(server);
    unwrap(await askAgent(alice.socket, 'whisper:send', { chatId: chat.id, clientId: 'w1', text: 'note' }));
    const sam = await agent(server, 2);
    expect(
      await askAgent(sam.socket, 'whisper:send', { chatId: chat.id, clientId: 'w2', text: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await askAgent(sam.socket, 'whisper:list', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
