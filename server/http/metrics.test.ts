import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ChatOffer } from '../../sdk/core/protocol.ts';
import { readyAndAccept, signedInAgent, signedInCustomer, startChat } from '../testing/participants.ts';
import {
  askAgent,
  askCustomer,
  next,
  startTestServer,
  unwrap,
  useTestServer,
} from '../testing/testServer.ts';
import { metricsRefusal } from './metricsRoute.ts';

const getServer = useTestServer({ offerTimeoutMs: 300 });

async function scrape(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample: `name{labels} value` (labels exactly as prom-client writes them). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts sockets, chats, messages, ack latency and routing decisions', async () => {
    const { url } = getServer();
    const customer = await signedInCustomer(url);
    const agent = await signedInAgent(url, 0);
    const chat = await startChat(customer.socket);
    await readyAndAccept(agent.socket);
    unwrap(
      await askCustomer(customer.socket, 'message:send', { chatId: chat.id, clientId: 'm1', text: 'Hello' }),
    );

    // A second chat the agent declines, then lets time out at a second agent.
    const other = await signedInCustomer(url, 'Lee');
    const declined = next<ChatOffer>(agent.socket, 'offer:new');
    await startChat(other.socket);
    unwrap(await askAgent(agent.socket, 'offer:decline', { chatId: (await declined).chatId }));
    const second = await signedInAgent(url, 1);
    const missed = next(second.socket, 'offer:revoked', 3000);
    unwrap(await askAgent(second.socket, 'agent:setState', { state: 'READY' }));
    await missed;

    const text = await scrape(url);
    expect(sample(text, 'hybridchat_sockets{namespace="customer"}')).toBe(2);
    expect(sample(text, 'hybridchat_sockets{namespace="agent"}')).toBe(2);
    expect(sample(text, 'hybridchat_chats{state="active"}')).toBe(1);
    expect(sample(text, 'hybridchat_chats{state="waiting"}')).toBe(1);
    expect(sample(text, 'hybridchat_chats{state="offered"}')).toBe(0);
    expect(sample(text, 'hybridchat_messages_stored_total{kind="text"}')).toBe(1);
    // System lines ("agent joined"…) count too, under their own kind.
    expect(sample(text, 'hybridchat_messages_stored_total{kind="event"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hybridchat_message_ack_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(text, 'hybridchat_routing_decisions_total{decision="offered"}')).toBe(3);
    expect(sample(text, 'hybridchat_routing_decisions_total{decision="accepted"}')).toBe(1);
    expect(sample(text, 'hybridchat_routing_decisions_total{decision="declined"}')).toBe(1);
    expect(sample(text, 'hybridchat_routing_decisions_total{decision="timeout"}')).toBe(1);
    expect(sample(text, 'hybridchat_offers_timed_out_total')).toBe(1);
    expect(sample(text, 'hybridchat_storage_up')).toBe(1);
    expect(sample(text, 'hybridchat_limit_refusals_total{limit="messages"}')).toBe(0);
    expect(text).toMatch(/^hybridchat_finesse_node\{node="primary"\} [01]$/m);
    expect(text).toMatch(/^hybridchat_finesse_node\{node="secondary"\} 0$/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers loopback clients without a token, but not what a proxy forwarded', async () => {
    const { url } = getServer();
    await scrape(url);
    const forwarded = await fetch(`${url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(forwarded.status).toBe(403);
  });

  it('answers only the METRICS_TOKEN bearer when one is set (a second server in the same process)', async () => {
    const token = 'metrics-token-0123456789';
    const server = await startTestServer({ metricsToken: token });
    try {
      const without = await fetch(`${server.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const text = await scrape(server.url, { Authorization: `Bearer ${token}` });
      expect(sample(text, 'hybridchat_sockets{namespace="customer"}')).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('metricsRefusal', () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it('lets loopback peers in when no token is set, and nobody else', () => {
    expect(metricsRefusal(request('127.0.0.1'), undefined)).toBeNull();
    expect(metricsRefusal(request('::1'), undefined)).toBeNull();
    expect(metricsRefusal(request('::ffff:127.0.0.1'), undefined)).toBeNull();
    expect(metricsRefusal(request('10.0.0.7'), undefined)?.code).toBe('FORBIDDEN');
    expect(metricsRefusal(request('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('wants the token from everyone, loopback too, when one is set', () => {
    const token = 'metrics-token-0123456789';
    expect(metricsRefusal(request('127.0.0.1'), token)?.code).toBe('UNAUTHORIZED');
    expect(metricsRefusal(request('10.0.0.7', { authorization: `Bearer ${token}` }), token)).toBeNull();
    expect(metricsRefusal(request('10.0.0.7', { authorization: `Bearer ${token}x` }), token)?.code).toBe(
      'UNAUTHORIZED',
    );
  });
});
