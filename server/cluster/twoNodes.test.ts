/**
 * Two chat-server nodes on one PostgreSQL and one Redis (both real, started here): a customer on one
 * node and an agent on the other chat both ways, and routing survives the leader's stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ChatMessage,
  ChatOffer,
  ChatSummary,
  ReceiptNotice,
  TypingNotice,
} from '../../sdk/core/protocol.ts';
import type { ServerConfig } from '../config.ts';
import { signedInAgent, signedInCustomer, startChat } from '../testing/participants.ts';
import { useClusterServices } from '../testing/clusterServices.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  next,
  nextWhere,
  startTestServer,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
  type TestServer,
} from '../testing/testServer.ts';

const services = useClusterServices();
const running: TestServer[] = [];
afterEach(async () => {
  closeSockets();
  for (const node of running.splice(0)) await node.close();
});

/** Two nodes sharing a new database and the Redis; `a` starts first, so it leads routing. */
async function twoNodes(more: Partial<ServerConfig> = {}): Promise<[TestServer, TestServer]> {
  const shared = {
    ...more,
    databaseUrl: await services.postgres.createDatabase(),
    redisUrl: services.redis.url,
    tokenSecret: 'two-nodes-share-this-secret-of-32-chars!',
  };
  const a = await startTestServer({ ...shared, nodeId: 'node-a' });
  sharedConfig.set(a, shared);
  running.push(a);
  await until(() => a.server.routingLeader());
  const b = await startTestServer({ ...shared, nodeId: 'node-b' });
  running.push(b);
  return [a, b];
}

const sharedConfig = new Map<TestServer, Partial<ServerConfig>>();
const sharedOf = (node: TestServer) => sharedConfig.get(node) ?? {};

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two nodes on PostgreSQL and Redis', () => {
  it('a customer on one node and an agent on the other chat both ways, with typing and receipts', async () => {
    const [a, b] = await twoNodes();
    expect(a.server.routingLeader()).toBe(true);
    expect(b.server.routingLeader()).toBe(false);
    const customer = await signedInCustomer(a.url);
    const agent = await signedInAgent(b.url);

    const offered = next<ChatOffer>(agent.socket, 'offer:new', 5000);
    unwrap(await askAgent(agent.socket, 'agent:setState', { state: 'READY' }));
    const chat = await startChat(customer.socket);
    const offer = await offered;
    expect(offer.chatId).toBe(chat.id);
    unwrap(await askAgent(agent.socket, 'offer:accept', { chatId: chat.id }));

    // Customer → agent, across nodes.
    const atAgent = next<ChatMessage>(agent.socket, 'chat:message', 5000);
    const sent = unwrap(
      await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'c1',
        text: 'Hello from A',
      }),
    ).message;
    expect((await atAgent).seq).toBe(sent.seq);

    // Agent → customer, with typing first.
    const typing = next<TypingNotice>(customer.socket, 'chat:typing', 5000);
    agent.socket.emit('chat:typing', { chatId: chat.id, typing: true });
    expect((await typing).typing).toBe(true);
    const atCustomer = next<ChatMessage>(customer.socket, 'chat:message', 5000);
    unwrap(
      await askAgent(agent.socket, 'message:send', { chatId: chat.id, clientId: 'g1', text: 'Hi from B' }),
    );
    const reply = await atCustomer;
    expect(reply.text).toBe('Hi from B');

    // The customer's read receipt reaches the agent on the other node.
    const receipt = next<ReceiptNotice>(agent.socket, 'chat:receipt', 5000);
    unwrap(await askCustomer(customer.socket, 'chat:receipt', { chatId: chat.id, read: reply.seq }));
    expect((await receipt).chatId).toBe(chat.id);
  }, 60_000);

  it('when the routing leader stops, the other node leads and offers the chats that wait', async () => {
    const [a, b] = await twoNodes();
    const agent = await signedInAgent(b.url);
    unwrap(await askAgent(agent.socket, 'agent:setState', { state: 'NOT_READY' }));
    const customer = await signedInCustomer(b.url);
    const chat = await startChat(customer.socket);

    await a.stop();
    running.splice(running.indexOf(a), 1);
    await until(() => b.server.routingLeader());

    const offered = next<ChatOffer>(agent.socket, 'offer:new', 10_000);
    unwrap(await askAgent(agent.socket, 'agent:setState', { state: 'READY' }));
    expect((await offered).chatId).toBe(chat.id);
  }, 60_000);

  it('Redis restarted mid-chat: the chat goes on, and what pub/sub lost is filled from storage', async () => {
    const [a, b] = await twoNodes();
    const customer = await signedInCustomer(a.url);
    const agent = await signedInAgent(b.url);
    const chat = await acceptedChat(customer.socket, agent.socket);

    await services.redis.down();
    // Stored and acknowledged on the customer's node while the other node cannot hear of them.
    for (const text of ['during one', 'during two']) {
      unwrap(await askCustomer(customer.socket, 'message:send', { chatId: chat.id, clientId: text, text }));
    }
    const told = nextWhere<ChatSummary>(
      agent.socket,
      'chat:update',
      (summary) => summary.lastSeq >= 2,
      20_000,
    );
    await services.redis.restart();
    // Redis back: the agent's node tells its socket how far the chat is, and the gap is filled.
    const summary = await told;
    const synced = unwrap(await askAgent(agent.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.filter((message) => message.from.role === 'customer').map((m) => m.text)).toEqual([
      'during one',
      'during two',
    ]);
    expect(summary.lastSeq).toBe(synced.chat.lastSeq);

    // Routing goes on: a new chat reaches the agent (a leader holds the lease again).
    const second = await signedInCustomer(b.url, 'Second Customer');
    const offered = next<ChatOffer>(agent.socket, 'offer:new', 20_000);
    const next_ = await startChat(second.socket);
    expect((await offered).chatId).toBe(next_.id);
  }, 90_000);

  it('PostgreSQL restarted: a send fails as retryable while it is down, then succeeds once; nothing acked is lost', async () => {
    const [a, b] = await twoNodes();
    const customer = await signedInCustomer(a.url);
    const agent = await signedInAgent(b.url);
    const chat = await acceptedChat(customer.socket, agent.socket);
    unwrap(
      await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'before',
        text: 'before',
      }),
    );

    await services.postgres.down();
    const refused = await askCustomer(customer.socket, 'message:send', {
      chatId: chat.id,
      clientId: 'while-down',
      text: 'while down',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('UNAVAILABLE');

    await services.postgres.restart();
    // The client sends the same message again (its outbox does), until it is stored once.
    let stored = await askCustomer(customer.socket, 'message:send', {
      chatId: chat.id,
      clientId: 'while-down',
      text: 'while down',
    });
    for (let attempt = 0; !stored.ok && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stored = await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'while-down',
        text: 'while down',
      });
    }
    expect(stored.ok).toBe(true);
    const again = unwrap(
      await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'while-down',
        text: 'while down',
      }),
    );
    const synced = unwrap(await askAgent(agent.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    const texts = synced.messages.filter((message) => message.from.role === 'customer').map((m) => m.text);
    expect(texts).toEqual(['before', 'while down']);
    if (stored.ok) expect(again.message.seq).toBe(stored.data.message.seq);
  }, 90_000);
});

describe('abandoned chats across nodes', () => {
  it('a waiting customer whose node is gone, and who is not back anywhere, is abandoned by the other node', async () => {
    const shared = {
      databaseUrl: await services.postgres.createDatabase(),
      redisUrl: services.redis.url,
      tokenSecret: 'two-nodes-share-this-secret-of-32-chars!',
      waitingAbandonS: 1,
    };
    const a = await startTestServer({ ...shared, nodeId: 'node-a' });
    running.push(a);
    const b = await startTestServer({ ...shared, nodeId: 'node-b' }, undefined, { abandonSweepMs: 300 });
    running.push(b);
    const customer = await signedInCustomer(a.url);
    const chat = await startChat(customer.socket);

    // Node A goes, and the customer with it (their tab closed meanwhile).
    customer.socket.close();
    await a.stop();
    // Node B leads now, and the chat is not in its line: ended as abandoned (or never restored, being ended).
    const waitsOnB = () => b.server.routingInspect()?.waiting.some((entry) => entry.chatId === chat.id);
    await until(() => b.server.routingLeader() && waitsOnB() === false, 15_000);
    // The customer's own view, from node B: the chat has ended.
    const back = await connectSocket<CustomerSocket>(b.url, '/customer', customer.token);
    const synced = unwrap(await askCustomer(back, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.chat.status).toBe('ended');
  }, 60_000);
});

describe('collaboration across nodes', () => {
  it('a transfer to a named agent on the other node is taken there; a consult declined there is told back', async () => {
    const [a, b] = await twoNodes();
    const customer = await signedInCustomer(a.url);
    const owner = await signedInAgent(a.url, 0);
    const chat = await acceptedChat(customer.socket, owner.socket);
    const colleague = await signedInAgent(b.url, 1);
    unwrap(await askAgent(colleague.socket, 'agent:setState', { state: 'READY' }));

    // A consult, declined on the other node: the owner hears of it.
    const consult = next<ChatOffer>(colleague.socket, 'offer:new', 10_000);
    unwrap(
      await askAgent(owner.socket, 'chat:invite', { chatId: chat.id, agentId: '1002', note: 'a question' }),
    );
    expect((await consult).chatId).toBe(chat.id);
    const result = next<{ outcome: string }>(owner.socket, 'invite:result', 10_000);
    unwrap(await askAgent(colleague.socket, 'invite:decline', { chatId: chat.id }));
    expect((await result).outcome).toBe('declined');

    // A transfer, accepted on the other node: the chat is the colleague's.
    const transfer = next<ChatOffer>(colleague.socket, 'offer:new', 10_000);
    unwrap(
      await askAgent(owner.socket, 'chat:transfer', {
        chatId: chat.id,
        agentId: '1002',
        note: 'over to you',
      }),
    );
    expect((await transfer).chatId).toBe(chat.id);
    const taken = unwrap(await askAgent(colleague.socket, 'invite:accept', { chatId: chat.id }));
    expect(taken.chat.agent?.id).toBe('1002');
    const atColleague = next<ChatMessage>(colleague.socket, 'chat:message', 10_000);
    unwrap(
      await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'after',
        text: 'after the transfer',
      }),
    );
    expect((await atColleague).text).toBe('after the transfer');
  }, 60_000);
});

describe('presence across nodes', () => {
  it('a node that starts while a customer waits on another does not end their chat as abandoned; both nodes see them there', async () => {
    const [a] = await twoNodes({ waitingAbandonS: 1 });
    const customer = await signedInCustomer(a.url);
    const chat = await startChat(customer.socket);
    // A third node starts: it watches every waiting customer, none of whom is connected to it.
    const c = await startTestServer({ ...sharedOf(a), nodeId: 'node-c', waitingAbandonS: 1 });
    running.push(c);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const agent = await signedInAgent(c.url);
    const stored = unwrap(await askCustomer(customer.socket, 'chat:list', {})).chats.find(
      (one) => one.id === chat.id,
    );
    expect(stored?.status).toBe('queued');
    // The summary the other node computes says the customer is there.
    const offered = next<ChatOffer>(agent.socket, 'offer:new', 10_000);
    unwrap(await askAgent(agent.socket, 'agent:setState', { state: 'READY' }));
    expect((await offered).chatId).toBe(chat.id);
    unwrap(await askAgent(agent.socket, 'offer:accept', { chatId: chat.id }));
    const synced = unwrap(await askAgent(agent.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.chat.presence?.customer).toBe(true);
  }, 60_000);
});

/** The customer starts a chat, the agent goes READY and accepts it. */
async function acceptedChat(customer: CustomerSocket, agent: AgentSocket): Promise<ChatSummary> {
  const offered = next<ChatOffer>(agent, 'offer:new', 10_000);
  unwrap(await askAgent(agent, 'agent:setState', { state: 'READY' }));
  const chat = await startChat(customer);
  expect((await offered).chatId).toBe(chat.id);
  unwrap(await askAgent(agent, 'offer:accept', { chatId: chat.id }));
  return chat;
}
