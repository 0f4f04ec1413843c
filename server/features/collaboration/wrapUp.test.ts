import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { ChatOffer, WrapUp } from '../../../sdk/core/protocol.ts';
import { acceptedChat } from '../files/sharingTestKit.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  next,
  unwrap,
  useTestServer,
} from '../../testing/testServer.ts';
import type { AgentSocket } from '../../testing/testServer.ts';
import { agent, customer, pause } from './collabTestKit.ts';

// One chat per agent, so a slot in wrap-up is the only slot.
const getServer = useTestServer({
  maxChatsPerAgent: 1,
  wrapUpSeconds: 1,
  wrapUpReasons: ['Resolved', 'Escalated'],
  wrapUpReasonLabels: { Resolved: { en: 'Resolved', ar: 'تم الحل' } },
  offerTimeoutMs: 5000,
});

async function waitingCustomer(server: ReturnType<typeof getServer>, name: string) {
  const c = await customer(server, name);
  unwrap(await askCustomer(c.socket, 'chat:start', { clientId: crypto.randomUUID() }));
  return c;
}

describe('wrap-up', () => {
  it('ending a chat starts a timed wrap-up; no offer until it times out, then the slot frees', async () => {
    const server = getServer();
    const { a, chat } = await acceptedChat(server);
    await waitingCustomer(server, 'Eve');
    const update = next<WrapUp>(a.socket, 'wrapup:update');
    const offers: ChatOffer[] = [];
    a.socket.on('offer:new', (offer) => offers.push(offer));
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    const started = await update;
    expect(started).toMatchObject({ chatId: chat.id, state: 'running', customerName: 'Dana' });
    expect((started.dueAt ?? 0) - (started.startedAt ?? 0)).toBe(1000);
    const listed = unwrap(await askAgent(a.socket, 'wrapup:list', {}));
    expect(listed).toMatchObject({ reasons: ['Resolved', 'Escalated'], seconds: 1 });
    // The gadget shows each reason in the agent's language; the code is what is stored.
    expect(listed.reasonLabels).toEqual({ Resolved: { en: 'Resolved', ar: 'تم الحل' } });
    expect(listed.wrapUps.map((w) => w.chatId)).toEqual([chat.id]);
    await pause(500);
    expect(offers).toEqual([]);

    const done = next<WrapUp>(a.socket, 'wrapup:update', 3000);
    const offered = next<ChatOffer>(a.socket, 'offer:new', 3000);
    expect(await done).toMatchObject({ state: 'done', timedOut: true });
    expect((await offered).customer.name).toBe('Eve');
  });

  it('submitting reasons and notes frees the slot at once and is stored with the chat', async () => {
    const server = getServer();
    const { a, chat } = await acceptedChat(server);
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    const none = await askAgent(a.socket, 'wrapup:submit', { chatId: chat.id, reasons: [], notes: '' });
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await askAgent(a.socket, 'wrapup:submit', {
      chatId: chat.id,
      reasons: ['Nope'],
      notes: '',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    await waitingCustomer(server, 'Finn');
    const offered = next<ChatOffer>(a.socket, 'offer:new', 1000);
    const { wrapUp } = unwrap(
      await askAgent(a.socket, 'wrapup:submit', {
        chatId: chat.id,
        reasons: ['Resolved'],
        notes: 'Refund sent',
      }),
    );
    expect(wrapUp).toMatchObject({
      state: 'done',
      reasons: ['Resolved'],
      notes: 'Refund sent',
      timedOut: false,
    });
    expect((await offered).customer.name).toBe('Finn');
    const twice = await askAgent(a.socket, 'wrapup:submit', {
      chatId: chat.id,
      reasons: ['Resolved'],
      notes: '',
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Stored: a restart keeps it (and nothing is left open).
    closeSockets();
    await server.restart();
    const again = await connectSocket<AgentSocket>(server.url, '/agent', a.token);
    expect(unwrap(await askAgent(again, 'wrapup:list', {})).wrapUps).toEqual([]);
  });

  it('a chat the customer left waits for the agent to close it before its timer starts', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const waiting = next<WrapUp>(a.socket, 'wrapup:update');
    unwrap(await askCustomer(c.socket, 'chat:end', { chatId: chat.id }));
    expect(await waiting).toMatchObject({ state: 'waiting', startedAt: null, dueAt: null });
    await pause(1300);
    expect(unwrap(await askAgent(a.socket, 'wrapup:list', {})).wrapUps[0]?.state).toBe('waiting');
    const started = unwrap(await askAgent(a.socket, 'wrapup:start', { chatId: chat.id })).wrapUp;
    expect(started.state).toBe('running');
    expect(started.dueAt).not.toBeNull();
  });

  it('an agent cannot see, start or submit another agent’s wrap-up', async () => {
    const server = getServer();
    const { a, chat } = await acceptedChat(server);
    unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
    const bob = await agent(server, 1);
    expect(unwrap(await askAgent(bob.socket, 'wrapup:list', {})).wrapUps).toEqual([]);
    expect(await askAgent(bob.socket, 'wrapup:start', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const submitted = await askAgent(bob.socket, 'wrapup:submit', {
      chatId: chat.id,
      reasons: ['Resolved'],
      notes: '',
    });
    expect(submitted).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('wrap-up reason labels', () => {
  it('reads WRAP_UP_REASONS as codes separated by commas, or as JSON with labels per language', () => {
    expect(loadConfig({ WRAP_UP_REASONS: 'Resolved, Escalated' })).toMatchObject({
      wrapUpReasons: ['Resolved', 'Escalated'],
      wrapUpReasonLabels: {},
    });
    const json = JSON.stringify(['Other', { code: 'Resolved', label: { en: 'Resolved', ar: 'تم الحل' } }]);
    expect(loadConfig({ WRAP_UP_REASONS: json })).toMatchObject({
      wrapUpReasons: ['Other', 'Resolved'],
      wrapUpReasonLabels: { Resolved: { en: 'Resolved', ar: 'تم الحل' } },
    });
  });

  it.each([
    ['not JSON', '[{"code"'],
    ['a label with a bad language tag', '[{"code":"Resolved","label":{"arabic":"x"}}]'],
    ['a reason twice', '["Resolved","Resolved"]'],
  ])('refuses %s', (_name, value) => {
    expect(() => loadConfig({ WRAP_UP_REASONS: value })).toThrow(/WRAP_UP_REASONS/);
  });
});
