import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChatServer, type FakeTransport } from '../testing/index.ts';
import { createChatClient } from './chatClient.ts';
import type { ParticipantRef } from './protocol.ts';
import { mergeReceipts, NO_RECEIPTS, receiptStatus } from './receipts.ts';

const customer: ParticipantRef = { role: 'customer', id: 'cust-1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'agent-1', name: 'Bob' };

function setup() {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent });
  const customerTransport = server.transport(customer);
  const agentTransport = server.transport(agent);
  const customerClient = createChatClient({ transport: customerTransport, self: customer });
  const agentClient = createChatClient({ transport: agentTransport, self: agent });
  return { server, chatId: chat.id, customerTransport, agentTransport, customerClient, agentClient };
}

const settle = () => vi.advanceTimersByTimeAsync(0);
const receiptsSent = (transport: FakeTransport) =>
  transport.sent.filter((entry) => entry.event === 'chat:receipt').map((entry) => entry.payload);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('receipt watermarks', () => {
  it('merge by maximum, read implying delivered, and keep the same object when nothing grows', () => {
    const a = mergeReceipts(NO_RECEIPTS, { agent: { delivered: 3, read: 5 } });
    expect(a.agent).toEqual({ delivered: 5, read: 5 });
    expect(mergeReceipts(a, { agent: { delivered: 2, read: 1 } })).toBe(a);
    expect(mergeReceipts(a, { customer: { delivered: 1, read: 0 } }).customer).toEqual({
      delivered: 1,
      read: 0,
    });
    expect([1, 5, 6].map((seq) => receiptStatus(seq, { delivered: 5, read: 1 }))).toEqual([
      'read',
      'delivered',
      'sent',
    ]);
  });
});

describe('chat client receipts', () => {
  it('reports delivery when messages arrive and reading when told, and the sender sees both', async () => {
    const { chatId, customerClient, agentClient, customerTransport } = setup();
    customerClient.connect();
    agentClient.connect();
    await settle();

    const sent = agentClient.send(chatId, 'Hello Ada');
    await settle();
    const seq = agentClient.getState().chats[chatId]?.messages.find((m) => m.clientId === sent.clientId)?.seq;
    expect(seq).toBe(1);
    expect(receiptsSent(customerTransport)).toEqual([{ chatId, delivered: 1 }]);
    expect(agentClient.getState().chats[chatId]?.receipts.customer).toEqual({ delivered: 1, read: 0 });

    customerClient.markRead(chatId);
    await settle();
    expect(agentClient.getState().chats[chatId]?.receipts.customer).toEqual({ delivered: 1, read: 1 });

    // Marking again, or reading one's own messages, sends nothing new.
    customerClient.send(chatId, 'Hi Bob');
    await settle();
    customerClient.markRead(chatId);
    customerClient.markRead(chatId);
    await settle();
    expect(receiptsSent(customerTransport)).toEqual([
      { chatId, delivered: 1 },
      { chatId, read: 1 },
    ]);
  });

  it('keeps a read marked while offline and sends it after the reconnect', async () => {
    const { chatId, server, customerClient, agentClient, customerTransport } = setup();
    customerClient.connect();
    agentClient.connect();
    await settle();
    server.post(chatId, agent, 'Are you there?');
    await settle();

    customerTransport.drop();
    customerClient.markRead(chatId);
    await settle();
    expect(agentClient.getState().chats[chatId]?.receipts.customer.read).toBe(0);

    customerTransport.restore();
    await settle();
    expect(agentClient.getState().chats[chatId]?.receipts.customer).toEqual({ delivered: 1, read: 1 });
  });

  it('rehydrates receipts with the chat after a reload, and a stale summary never lowers them', async () => {
    const { chatId, server, customerClient, agentClient } = setup();
    customerClient.connect();
    agentClient.connect();
    await settle();
    server.post(chatId, agent, 'One');
    server.post(chatId, agent, 'Two');
    await settle();
    customerClient.markRead(chatId);
    await settle();

    // The agent's gadget reloads: a new client learns the receipts from chat:list / chat:sync.
    agentClient.close();
    const reloaded = createChatClient({ transport: server.transport(agent), self: agent });
    reloaded.connect();
    await settle();
    expect(reloaded.getState().chats[chatId]?.receipts.customer).toEqual({ delivered: 2, read: 2 });

    const old = { ...server.chat(chatId), receipts: NO_RECEIPTS };
    reloaded.track(old);
    expect(reloaded.getState().chats[chatId]?.receipts.customer).toEqual({ delivered: 2, read: 2 });
  });

  it('never reports more than the chat holds', async () => {
    const { chatId, server, customerClient, customerTransport, agentClient } = setup();
    customerClient.connect();
    agentClient.connect();
    await settle();
    server.post(chatId, agent, 'Only one');
    await settle();
    customerClient.markRead(chatId, 99);
    await settle();
    expect(receiptsSent(customerTransport).at(-1)).toEqual({ chatId, read: 1 });
    // A forged notice above lastSeq is clamped by the server.
    const answer = await customerTransport.request('chat:receipt', { chatId, read: 50 });
    expect(answer.receipts.customer).toEqual({ delivered: 1, read: 1 });
    await settle();
    expect(agentClient.getState().chats[chatId]?.receipts.customer.read).toBe(1);
  });
});
