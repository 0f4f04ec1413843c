/**
 * The customer client over fake ports: the SDK's in-memory chat server as the socket, a fake
 * session endpoint and a fake conversation API. What the widget's tests covered in the app — the
 * queue's config and availability, the form's checks, starting and resuming, renewing the session,
 * leaving a message, the transcript, its email and the rating — now holds for any UI.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient } from '../core/chatClient.ts';
import { HybridChatError } from '../core/errors.ts';
import type { ParticipantRef, WidgetConfigResponse } from '../core/protocol.ts';
import { createFakeChatServer, type FakeTransport } from '../testing/fakeTransport.ts';
import type { ConversationApi } from '../transport/conversationApi.ts';
import { ChatGoneError, createCustomerClient } from './customerClient.ts';
import type { CustomerClient, CustomerClientOptions, CustomerState } from './customerTypes.ts';

const OPEN: WidgetConfigResponse = {
  queue: 'sales',
  prechat: {
    fields: [
      { name: 'name', required: true, maxLength: 80 },
      { name: 'email', required: true, maxLength: 254 },
    ],
  },
  availability: 'open',
  nextOpenAt: null,
  transcriptEmail: true,
};

const clients: CustomerClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function setup(
  options: Partial<CustomerClientOptions> = {},
  config: () => Promise<WidgetConfigResponse> = async () => OPEN,
) {
  const server = createFakeChatServer();
  let tokens = 0;
  const api = {
    config: vi.fn(config),
    leaveMessage: vi.fn(async () => ({ id: 'm-1', createdAt: 1 })),
    transcript: vi.fn(async () => ({ blob: new Blob(['x']), fileName: 'chat.txt' })),
    emailTranscript: vi.fn(async () => ({ sent: true as const })),
    rate: vi.fn(async (_token: string, _chatId: string, body: { score: number }) => ({
      rating: { score: body.score as 1, comment: null, ratedAt: 1 },
    })),
  } satisfies ConversationApi;
  const createSession = vi.fn(async ({ name, token }: { name: string; token?: string }) => ({
    token: `t-${++tokens}`,
    expiresAt: Date.now() + 3600_000,
    // A known token keeps the customer; without one the server makes a new customer.
    customer: { id: token ? 'c-1' : `c-${tokens}`, name },
  }));
  const transports: FakeTransport[] = [];
  const connect = vi.fn(async ({ self }: { self: ParticipantRef }) => {
    const transport = server.transport(self);
    transports.push(transport);
    return { transport, client: createChatClient({ transport, self }) };
  });
  const onError = vi.fn();
  const customer = createCustomerClient({
    serverUrl: 'https://chat.example.com',
    queue: 'sales',
    locale: 'de',
    onError,
    ...options,
    ports: { api, createSession, connect },
  });
  clients.push(customer);
  const statuses: CustomerState['status'][] = [];
  customer.subscribe((state, prev) => {
    if (state.status !== prev.status) statuses.push(state.status);
  });
  return { server, transports, api, createSession, connect, customer, onError, statuses };
}

describe('the customer client: the queue', () => {
  it('asks for the queue’s config in its language, and again in another', async () => {
    const { api, customer } = setup();
    expect(customer.getState().config).toBeNull();
    await customer.refreshConfig();
    expect(customer.getState()).toMatchObject({ config: OPEN, configFallback: false });
    await customer.refreshConfig('fr');
    expect(api.config.mock.calls).toEqual([
      [{ queue: 'sales', locale: 'de' }],
      [{ queue: 'sales', locale: 'fr' }],
    ]);
  });

  it('falls back to asking the name when the server cannot say, and reports why', async () => {
    const { customer, onError } = setup({}, async () =>
      Promise.reject(new HybridChatError('DISCONNECTED', 'down')),
    );
    const config = await customer.refreshConfig();
    expect(config).toMatchObject({
      queue: 'sales',
      availability: 'open',
      prechat: { fields: [{ name: 'name' }] },
    });
    expect(customer.getState().configFallback).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'DISCONNECTED' }));
  });

  it('says when a closed queue opens again (business hours)', async () => {
    const nextOpenAt = Date.now() + 3600_000;
    const { customer } = setup({}, async () => ({ ...OPEN, availability: 'closed', nextOpenAt }));
    await customer.refreshConfig();
    expect(customer.getState().config).toMatchObject({ availability: 'closed', nextOpenAt });
  });

  it('checks the pre-chat form against the queue’s fields', async () => {
    const { customer } = setup();
    // Before the config: the name only.
    expect(customer.checkPrechat({})).toEqual({ name: 'required' });
    await customer.refreshConfig();
    expect(customer.checkPrechat({ name: 'Ada' })).toEqual({ email: 'required' });
    expect(customer.checkPrechat({ name: 'Ada', email: 'ada@' })).toEqual({ email: 'email' });
    expect(customer.checkPrechat({ name: 'Ada', email: 'ada@example.com' })).toEqual({});
  });
});

describe('the customer client: a chat', () => {
  it('starts a chat in its queue with the form’s values, connected and tracked', async () => {
    const { transports, createSession, customer, statuses } = setup();
    const chat = await customer.start({ name: 'Ada', preChat: { name: 'Ada', email: 'ada@example.com' } });
    expect(statuses).toEqual(['starting', 'chat']);
    expect(createSession).toHaveBeenCalledWith({ name: 'Ada' });
    expect(transports[0]!.sent).toContainEqual({
      event: 'chat:start',
      payload: expect.objectContaining({
        queue: 'sales',
        preChat: { name: 'Ada', email: 'ada@example.com' },
      }),
    });
    expect(chat.client.getState().status).toBe('online');
    expect(chat.client.getState().chats[chat.chatId]).toBeDefined();
    expect(chat.saved).toEqual({ token: 't-1', customerId: 'c-1', chatId: chat.chatId, name: 'Ada' });
    expect(customer.getState().chat).toBe(chat);
  });

  it('a new chat after the first keeps the same customer (its last token)', async () => {
    const { createSession, customer } = setup();
    const first = await customer.start({ name: 'Ada' });
    customer.leave();
    expect(customer.getState()).toMatchObject({ status: 'idle', chat: null });
    expect(first.client.getState().status).not.toBe('online');
    const second = await customer.start({ name: 'Ada' });
    expect(createSession).toHaveBeenLastCalledWith({ name: 'Ada', token: 't-1' });
    expect(second.saved.customerId).toBe('c-1');
  });

  it('a refused start says why, and asks for the config again (the queue may have closed)', async () => {
    const { server, api, customer, statuses } = setup();
    server.failNext('chat:start', 'CONFLICT', 'queue-closed');
    await expect(customer.start({ name: 'Ada' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(statuses).toEqual(['starting', 'idle']);
    expect(customer.getState().error).toMatchObject({ code: 'CONFLICT' });
    expect(api.config).toHaveBeenCalledTimes(1);
  });

  it('resumes a saved chat with its history, also one that has ended', async () => {
    const { server, customer } = setup();
    const started = await customer.start({ name: 'Ada' });
    started.client.send(started.chatId, 'Hello');
    await vi.waitFor(() => expect(server.chat(started.chatId)).toBeDefined());
    await vi.waitFor(() =>
      expect(started.client.getState().chats[started.chatId]?.messages.at(-1)?.delivery).toBe('sent'),
    );
    server.update(started.chatId, { status: 'ended' });
    customer.leave();

    const resumed = await customer.resume(started.saved);
    expect(resumed.chatId).toBe(started.chatId);
    const view = resumed.client.getState().chats[started.chatId];
    expect(view?.chat.status).toBe('ended');
    expect(view?.messages.map((message) => message.text)).toContain('Hello');
  });

  it('a saved chat that cannot come back is ChatGoneError: another customer, or the chat is gone', async () => {
    const { server, customer } = setup();
    const gone = { token: 'old', customerId: 'c-9', chatId: 'x', name: 'Ada' };
    await expect(customer.resume(gone)).rejects.toBeInstanceOf(ChatGoneError);
    server.failNext('chat:sync', 'NOT_FOUND');
    await expect(customer.resume({ ...gone, customerId: 'c-1' })).rejects.toBeInstanceOf(ChatGoneError);
    expect(customer.getState()).toMatchObject({ status: 'idle', chat: null });
  });

  it('a start let go meanwhile (a new start, close) leaves no connection behind', async () => {
    const { customer, connect } = setup();
    const first = customer.start({ name: 'Ada' });
    customer.leave();
    await expect(first).rejects.toMatchObject({ code: 'CONFLICT' });
    await vi.waitFor(() => expect(connect).toHaveBeenCalled());
    const { client } = await connect.mock.results[0]!.value;
    expect(client.getState().status).not.toBe('online');
    expect(customer.getState().chat).toBeNull();
  });
});

describe('the customer client: the session', () => {
  it('renews the token before it expires, as the same customer', async () => {
    const { createSession, customer } = setup();
    createSession.mockImplementationOnce(async ({ name }) => ({
      token: 't-short',
      expiresAt: Date.now() + 1500,
      customer: { id: 'c-1', name },
    }));
    const chat = await customer.start({ name: 'Ada' });
    expect(chat.token()).toBe('t-short');
    await vi.waitFor(() => expect(chat.token()).not.toBe('t-short'), { timeout: 3000 });
    expect(createSession).toHaveBeenLastCalledWith({ name: 'Ada', token: 't-short' });
  });

  it('a refused handshake renews the token, then connects again', async () => {
    const { server, transports, createSession, customer } = setup();
    const chat = await customer.start({ name: 'Ada' });
    const transport = transports[0]!;
    // The server refuses the token (it expired while the page slept) until a new one is there.
    transport.refuse(new HybridChatError('UNAUTHORIZED', 'token expired'));
    createSession.mockImplementationOnce(async ({ name }) => {
      transport.refuse(null);
      return { token: 't-new', expiresAt: Date.now() + 3600_000, customer: { id: 'c-1', name } };
    });
    // The server ends the socket (as it does when the token it connected with expires).
    transport.drop({ reason: 'io server disconnect', willReconnect: false });
    await vi.waitFor(() => expect(chat.client.getState().status).toBe('online'), { timeout: 8000 });
    expect(createSession).toHaveBeenLastCalledWith({ name: 'Ada', token: 't-1' });
    expect(chat.token()).toBe('t-new');
    expect(server.chat(chat.chatId)).toBeDefined();
  });
});

describe('the customer client: the conversation over HTTP', () => {
  it('leaves a message for the queue in the customer’s language, with an id for retries', async () => {
    const { api, customer } = setup();
    await customer.refreshConfig();
    await customer.leaveMessage({ name: 'Ada', email: 'ada@example.com', message: 'Call me' });
    expect(api.leaveMessage).toHaveBeenCalledWith({
      clientId: expect.any(String),
      queue: 'sales',
      locale: 'de',
      name: 'Ada',
      email: 'ada@example.com',
      message: 'Call me',
    });
    await customer.leaveMessage({
      clientId: 'same',
      name: 'Ada',
      email: 'a@b.cd',
      message: 'x',
      reason: 'max-wait',
    });
    expect(api.leaveMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ clientId: 'same', reason: 'max-wait' }),
    );
  });

  it('rates the chat, gets and emails its transcript with the session token', async () => {
    const { api, customer } = setup();
    const chat = await customer.start({ name: 'Ada' });
    await customer.rate({ score: 5 });
    expect(api.rate).toHaveBeenCalledWith('t-1', chat.chatId, { score: 5 });
    expect((await customer.transcript({ format: 'html' })).fileName).toBe('chat.txt');
    expect(api.transcript).toHaveBeenCalledWith('t-1', chat.chatId, { locale: 'de', format: 'html' });
    await customer.emailTranscript({ email: 'ada@example.com' }, 'other-chat');
    expect(api.emailTranscript).toHaveBeenCalledWith('t-1', 'other-chat', { email: 'ada@example.com' });
  });

  it('a call refused with UNAUTHORIZED renews the token once and is tried again', async () => {
    const { api, createSession, customer } = setup();
    const chat = await customer.start({ name: 'Ada' });
    api.rate.mockRejectedValueOnce(new HybridChatError('UNAUTHORIZED', 'expired'));
    await customer.rate({ score: 4 });
    expect(createSession).toHaveBeenLastCalledWith({ name: 'Ada', token: 't-1' });
    expect(api.rate.mock.calls.map(([token]) => token)).toEqual(['t-1', 't-2']);
    expect(chat.token()).toBe('t-2');
  });

  it('without a chat, the chat’s calls say so and reach no server', async () => {
    const { api, customer } = setup();
    await expect(customer.rate({ score: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(customer.rate({ score: 5 }, 'c')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(api.rate).not.toHaveBeenCalled();
  });
});
