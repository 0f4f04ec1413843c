import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, ChatOffer } from '../../sdk/core/protocol.ts';
import {
  FINESSE_URL,
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  customerSession,
  finesseHandlersFor,
  startTestServer,
  type AgentSocket,
  type CustomerSocket,
  type TestServer,
} from '../testing/testServer.ts';

const SECONDARY = 'http://finesse2.test:8445';
const up = { primary: true, secondary: true };

// Both nodes serve the same users; a node that is down refuses everything (the first matching
// handler that returns nothing lets the request through to the node's own handlers).
const downWhile = (base: string, node: keyof typeof up) =>
  http.all(`${base}/*`, () => (up[node] ? undefined : HttpResponse.error()));
const finesse = setupServer(
  downWhile(FINESSE_URL, 'primary'),
  downWhile(SECONDARY, 'secondary'),
  ...finesseHandlersFor(FINESSE_URL),
  ...finesseHandlersFor(SECONDARY),
);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

let server: TestServer;
beforeEach(async () => {
  up.primary = true;
  up.secondary = true;
  server = await startTestServer({ finesseSecondaryUrl: SECONDARY, finessePollMs: 200 });
});
afterEach(async () => {
  closeSockets();
  await server.close();
});

describe('Finesse failover (publisher/subscriber)', () => {
  it('signs agents in through the subscriber while the publisher is down', async () => {
    up.primary = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const session = await agentSession(server.url, TEST_AGENTS[0]!);
    expect(session.agent.id).toBe('1001');
    // /health says which node the server works through, and when it is back on the publisher.
    const node = async () =>
      ((await (await fetch(`${server.url}/health`)).json()) as { finesseNode: string }).finesseNode;
    expect(await node()).toBe('secondary');
    up.primary = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await node()).toBe('primary');
  });

  it('halts routing and sign-in while both nodes are down, and resumes when one is back', async () => {
    const session = await agentSession(server.url, TEST_AGENTS[0]!);
    const agent = await connectSocket<AgentSocket>(server.url, '/agent', session.token);
    const statuses: AgentStatus[] = [];
    const offers: ChatOffer[] = [];
    agent.on('agent:status', (status) => statuses.push(status));
    agent.on('offer:new', (offer) => offers.push(offer));
    await askAgent(agent, 'agent:setState', { state: 'READY' });

    up.primary = false;
    up.secondary = false;
    await expect.poll(() => statuses.at(-1)?.finesse, { timeout: 3000 }).toBe('halted');
    await expect(agentSession(server.url, TEST_AGENTS[1]!)).rejects.toThrow(/502.*unavailable/);

    const customer = await customerSession(server.url, 'Grace');
    const socket = await connectSocket<CustomerSocket>(server.url, '/customer', customer.token);
    await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(offers).toHaveLength(0);

    up.secondary = true;
    await expect.poll(() => statuses.at(-1)?.finesse, { timeout: 3000 }).toBe('ok');
    await expect.poll(() => offers.length, { timeout: 3000 }).toBe(1);
  });
});
