/**
 * A chat server on PostgreSQL while its database goes away and comes back: a message sent meanwhile
 * is answered with the retryable UNAVAILABLE, the server keeps running (no unhandled rejection ends
 * the process), and the same message sent again once the database is back is stored once, in order.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatOffer } from '../sdk/core/protocol.ts';
import { startPostgres, type PostgresServer } from './testing/postgresServer.ts';
import {
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  customerSession,
  finesseHandlers,
  next,
  startTestServer,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
  type TestServer,
} from './testing/testServer.ts';

const finesse = setupServer(...finesseHandlers);
let postgres: PostgresServer;
let server: TestServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  finesse.listen({ onUnhandledRequest: 'bypass' });
  postgres = await startPostgres();
  server = await startTestServer({ databaseUrl: await postgres.createDatabase() });
  process.on('unhandledRejection', onUnhandled);
}, 60_000);
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  closeSockets();
  await server?.close();
  await postgres?.stop();
  finesse.close();
});

describe('chat server on PostgreSQL', () => {
  it('answers UNAVAILABLE while the database is down and stores the retry once it is back', async () => {
    const customer = await customerSession(server.url, 'Dana');
    const c = await connectSocket<CustomerSocket>(server.url, '/customer', customer.token);
    const chat = unwrap(await askCustomer(c, 'chat:start', { clientId: 'start-1' })).chat;
    const agent = await agentSession(server.url, TEST_AGENTS[0]!);
    const a = await connectSocket<AgentSocket>(server.url, '/agent', agent.token);
    const offered = next<ChatOffer>(a, 'offer:new');
    unwrap(await askAgent(a, 'agent:setState', { state: 'READY' }));
    unwrap(await askAgent(a, 'offer:accept', { chatId: (await offered).chatId }));
    const first = unwrap(
      await askCustomer(c, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'one' }),
    );

    await postgres.down();
    const failed = await askCustomer(c, 'message:send', { chatId: chat.id, clientId: 'm2', text: 'two' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const health = await fetch(`${server.url}/health`);
    expect(health.ok).toBe(false);

    await postgres.restart();
    const toAgent = next<ChatMessage>(a, 'chat:message');
    const retried = unwrap(
      await askCustomer(c, 'message:send', { chatId: chat.id, clientId: 'm2', text: 'two' }),
    );
    expect(retried.message.seq).toBe(first.message.seq + 1);
    expect(await toAgent).toEqual(retried.message);
    const synced = unwrap(await askCustomer(c, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.map((message) => message.clientId).filter((id) => id.startsWith('m'))).toEqual([
      'm1',
      'm2',
    ]);
    expect(unhandled).toEqual([]);
  }, 30_000);
});
