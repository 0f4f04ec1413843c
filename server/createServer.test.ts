import { describe, expect, it } from 'vitest';
import type { AgentStatus, ChatMessage, ChatOffer, ChatSummary } from '../sdk/core/protocol.ts';
import {
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  customerSession,
  next,
  nextWhere,
  unwrap,
  useTestServer,
  type AgentSocket,
  type CustomerSocket,
} from './testing/testServer.ts';

const getServer = useTestServer({ offerTimeoutMs: 400 });

async function customer(name = 'Dana') {
  const session = await customerSession(getServer().url, name);
  const socket = await connectSocket<CustomerSocket>(getServer().url, '/customer', session.token);
  return { session, socket };
}

async function agent(index = 0) {
  const session = await agentSession(getServer().url, TEST_AGENTS[index]!);
  const socket = await connectSocket<AgentSocket>(getServer().url, '/agent', session.token);
  return { session, socket };
}

async function startChat(
  socket: CustomerSocket,
  clientId: string = crypto.randomUUID(),
): Promise<ChatSummary> {
  return unwrap(await askCustomer(socket, 'chat:start', { clientId })).chat;
}

async function readyAndAccept(socket: AgentSocket): Promise<ChatOffer> {
  const offered = next<ChatOffer>(socket, 'offer:new');
  unwrap(await askAgent(socket, 'agent:setState', { state: 'READY' }));
  const offer = await offered;
  unwrap(await askAgent(socket, 'offer:accept', { chatId: offer.chatId }));
  return offer;
}

describe('chat server', () => {
  it('answers /health and serves gadget.xml with the chat host:port filled in', async () => {
    const health = await fetch(`${getServer().url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    const xml = await (await fetch(`${getServer().url}/gadget.xml`)).text();
    expect(xml).toContain(`default_value="${new URL(getServer().url).host}"`);
    expect(xml).not.toContain('%CHAT_HOST_PORT%');
  });

  it('queues a chat, offers it to a ready agent and relays messages both ways', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    expect(chat).toMatchObject({ status: 'queued', queuePosition: 1, customer: { name: 'Dana' } });

    const a = await agent();
    const joined = next<ChatMessage>(c.socket, 'chat:message');
    const offer = await readyAndAccept(a.socket);
    expect(offer).toMatchObject({ chatId: chat.id, customer: { name: 'Dana' } });
    expect(await joined).toMatchObject({ kind: 'event', event: 'agent-joined', text: 'Alice Nguyen' });

    const toAgent = next<ChatMessage>(a.socket, 'chat:message');
    const sent = unwrap(
      await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'Hello' }),
    ).message;
    expect(sent.seq).toBe(2);
    expect(await toAgent).toEqual(sent);

    const toCustomer = next<ChatMessage>(c.socket, 'chat:message');
    unwrap(await askAgent(a.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'Hi!' }));
    expect(await toCustomer).toMatchObject({ seq: 3, text: 'Hi!', from: { role: 'agent', id: '1001' } });
  });

  it('stores a retried message once and answers with the same seq', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const send = () =>
      askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'same', text: 'once' });
    const first = unwrap(await send()).message;
    const second = unwrap(await send()).message;
    expect(second.seq).toBe(first.seq);
    const synced = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.filter((message) => message.clientId === 'same')).toHaveLength(1);
  });

  it("sends a message to the sender's other tabs but not back to the sending socket", async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const secondTab = await connectSocket<CustomerSocket>(getServer().url, '/customer', c.session.token);
    let echoed = 0;
    c.socket.on('chat:message', () => echoed++);
    const inSecondTab = next<ChatMessage>(secondTab, 'chat:message');
    const sent = unwrap(
      await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 't1', text: 'hi' }),
    );
    expect((await inSecondTab).seq).toBe(sent.message.seq);
    expect(echoed).toBe(0);
  });

  it('makes a start request idempotent by its client id', async () => {
    const c = await customer();
    const first = await startChat(c.socket, 'start-1');
    const again = await startChat(c.socket, 'start-1');
    expect(again.id).toBe(first.id);
  });

  it('refuses invalid payloads with BAD_REQUEST', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const tooLong = await askCustomer(c.socket, 'message:send', {
      chatId: chat.id,
      clientId: 'x',
      text: 'a'.repeat(4001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const extra = await askCustomer(c.socket, 'chat:sync', {
      chatId: chat.id,
      afterSeq: 0,
      evil: true,
    } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('offers a missed chat to the next agent and makes the first NOT_READY', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const first = await agent(0);
    const firstOffer = next<ChatOffer>(first.socket, 'offer:new');
    unwrap(await askAgent(first.socket, 'agent:setState', { state: 'READY' }));
    expect((await firstOffer).chatId).toBe(chat.id);

    const second = await agent(1);
    const secondOffer = next<ChatOffer>(second.socket, 'offer:new');
    const revoked = next<{ chatId: string; reason: string }>(first.socket, 'offer:revoked');
    const firstStatus = next<AgentStatus>(first.socket, 'agent:status');
    unwrap(await askAgent(second.socket, 'agent:setState', { state: 'READY' }));
    expect(await revoked).toEqual({ chatId: chat.id, reason: 'timeout' });
    expect(await firstStatus).toMatchObject({ state: 'NOT_READY', reason: 'offer-missed' });
    expect((await secondOffer).chatId).toBe(chat.id);
  });

  it('offers the longest-idle ready agent first', async () => {
    const a1 = await agent(0);
    const a2 = await agent(1);
    unwrap(await askAgent(a2.socket, 'agent:setState', { state: 'READY' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    unwrap(await askAgent(a1.socket, 'agent:setState', { state: 'READY' }));
    const offered = next<ChatOffer>(a2.socket, 'offer:new');
    const c = await customer();
    const chat = await startChat(c.socket);
    expect((await offered).chatId).toBe(chat.id);
  });

  it('keeps other participants out of a chat', async () => {
    const owner = await customer('Owner');
    const chat = await startChat(owner.socket);
    const stranger = await customer('Stranger');
    for (const attempt of [
      askCustomer(stranger.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }),
      askCustomer(stranger.socket, 'message:send', { chatId: chat.id, clientId: 'x', text: 'hi' }),
      askCustomer(stranger.socket, 'chat:end', { chatId: chat.id }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const a = await agent(0);
    const notOffered = await askAgent(a.socket, 'offer:accept', { chatId: chat.id });
    expect(notOffered).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const read = await askAgent(a.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 });
    expect(read).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses forged and wrong-role tokens at the handshake', async () => {
    const c = await customerSession(getServer().url, 'Eve');
    const forged = `${c.token.slice(0, -4)}AAAA`;
    await expect(connectSocket(getServer().url, '/customer', forged)).rejects.toThrow(/UNAUTHORIZED/);
    await expect(connectSocket(getServer().url, '/agent', c.token)).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('refuses agents whose Finesse credentials are wrong', async () => {
    await expect(agentSession(getServer().url, { ...TEST_AGENTS[0]!, password: 'wrong' })).rejects.toThrow(
      /401/,
    );
  });

  it('refuses socket handshakes from foreign origins', async () => {
    const c = await customerSession(getServer().url, 'Eve');
    await expect(
      connectSocket(getServer().url, '/customer', c.token, {
        extraHeaders: { Origin: 'https://evil.example' },
      }),
    ).rejects.toThrow();
  });

  it('loses nothing across a restart and resumes the chat', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const a = await agent(0);
    await readyAndAccept(a.socket);
    for (const text of ['one', 'two', 'three']) {
      unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: text, text }));
    }
    closeSockets();
    await getServer().restart();

    const again = await connectSocket<CustomerSocket>(getServer().url, '/customer', c.session.token);
    const synced = unwrap(await askCustomer(again, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.chat.status).toBe('active');
    expect(synced.messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual([
      'one',
      'two',
      'three',
    ]);
    const agentAgain = await connectSocket<AgentSocket>(getServer().url, '/agent', a.session.token);
    const listed = unwrap(await askAgent(agentAgain, 'chat:list', {}));
    expect(listed.chats.map((listedChat) => listedChat.id)).toEqual([chat.id]);
  });

  it('ends a chat for both sides and frees the agent', async () => {
    const c = await customer();
    const chat = await startChat(c.socket);
    const a = await agent(0);
    await readyAndAccept(a.socket);
    // The accept's own updates may still be on their way: wait for those of the end.
    const update = nextWhere<ChatSummary>(c.socket, 'chat:update', (summary) => summary.status === 'ended');
    const status = nextWhere<AgentStatus>(a.socket, 'agent:status', (s) => s.activeChats === 0);
    const ended = unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id })).chat;
    expect(ended).toMatchObject({ status: 'ended', endedBy: 'agent' });
    expect(await update).toMatchObject({ id: chat.id, status: 'ended' });
    expect(await status).toMatchObject({ state: 'READY', activeChats: 0 });
    const late = await askCustomer(c.socket, 'message:send', {
      chatId: chat.id,
      clientId: 'late',
      text: 'hi',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
