/**
 * Two chat-server nodes on one PostgreSQL and one Redis (both real, started here): a customer on one
 * node and an agent on the other chat both ways, and routing survives the leader's stop.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatOffer, ReceiptNotice, TypingNotice } from '../../sdk/core/protocol.ts';
import { signedInAgent, signedInCustomer, startChat } from '../testing/participants.ts';
import { startPostgres, type PostgresServer } from '../testing/postgresServer.ts';
import { startRedis, type RedisServer } from '../testing/redisServer.ts';
import {
  FINESSE_URL,
  askAgent,
  askCustomer,
  closeSockets,
  finesseHandlersFor,
  next,
  startTestServer,
  unwrap,
  type TestServer,
} from '../testing/testServer.ts';

const finesse = setupServer(...finesseHandlersFor(FINESSE_URL));
let postgres: PostgresServer;
let redis: RedisServer;
const running: TestServer[] = [];

beforeAll(async () => {
  finesse.listen({ onUnhandledRequest: 'bypass' });
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  finesse.close();
  await Promise.all([postgres?.stop(), redis?.stop()]);
}, 30_000);
afterEach(async () => {
  closeSockets();
  for (const node of running.splice(0)) await node.close();
});

/** Two nodes sharing a new database and the Redis; `a` starts first, so it leads routing. */
async function twoNodes(): Promise<[TestServer, TestServer]> {
  const shared = {
    databaseUrl: await postgres.createDatabase(),
    redisUrl: redis.url,
    tokenSecret: 'two-nodes-share-this-secret-of-32-chars!',
  };
  const a = await startTestServer({ ...shared, nodeId: 'node-a' });
  running.push(a);
  await until(() => a.server.routingLeader());
  const b = await startTestServer({ ...shared, nodeId: 'node-b' });
  running.push(b);
  return [a, b];
}

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
});
