/**
 * The routing race across two nodes (real PostgreSQL and Redis): 200 chats and 20 agents with 5
 * slots each, customers and agents spread over both nodes, every offer taken at once. No agent is
 * ever above 5 chats, no chat is offered to two agents at once or taken twice, and no chat waits
 * while a slot is free. Ten runs, each on new nodes and a new database.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ChatOffer, ChatSummary, Result } from '../../sdk/core/protocol.ts';
import { loadConfig } from '../config.ts';
import { useClusterServices } from '../testing/clusterServices.ts';
import {
  FINESSE_URL,
  agentSession,
  basic,
  closeSockets,
  connectSocket,
  customerSession,
  finesseHandlersFor,
  startTestServer,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
  type FakeAgent,
  type TestServer,
} from '../testing/testServer.ts';

const AGENTS = 20;
const SLOTS = 5;
const CHATS = 200;
const RUNS = 10;

const agents: FakeAgent[] = Array.from({ length: AGENTS }, (_, i) => ({
  id: String(3000 + i),
  password: `pass${3000 + i}`,
  firstName: `Agent${i}`,
  lastName: 'Race',
}));

const services = useClusterServices([
  http.get(`${FINESSE_URL}/finesse/api/User/:id`, ({ params, request }) => {
    const agent = agents.find((candidate) => candidate.id === params['id']);
    if (!agent || request.headers.get('authorization') !== basic(agent.id, agent.password)) {
      return new HttpResponse(null, { status: 401 });
    }
    return new HttpResponse(
      `<User><loginId>${agent.id}</loginId><firstName>${agent.firstName}</firstName><lastName>${agent.lastName}</lastName>` +
        `<state>NOT_READY</state><teamId>1</teamId><teamName>Support</teamName><roles><role>Agent</role></roles></User>`,
      { headers: { 'Content-Type': 'application/xml' } },
    );
  }),
  ...finesseHandlersFor(FINESSE_URL),
]);

/**
 * A request with a long answer time: 200 chats start at once on a shared 2-core machine, and what
 * this test checks is who gets which chat, not how fast.
 */
async function request<T>(socket: AgentSocket | CustomerSocket, event: string, payload: unknown): Promise<T> {
  const timed = socket.timeout(30_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Result<T>>;
  };
  return unwrap(await timed.emitWithAck(event, payload));
}

async function until(condition: () => boolean, what: string, ms = 30_000, explain = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One run: its own two nodes and database; `first` starts first and so leads routing. */
async function race(run: number): Promise<void> {
  const shared = {
    databaseUrl: await services.postgres.createDatabase(`race_${process.pid}_${run}`),
    redisUrl: services.redis.url,
    tokenSecret: 'the-routing-race-shares-this-secret-32+',
    maxChatsPerAgent: SLOTS,
    // What this test checks is who is offered what, not how fast: on a loaded machine neither an
    // offer's answer nor Finesse's SystemInfo poll may run out of time and change the picture.
    offerTimeoutMs: 120_000,
    finesseTimeoutMs: 30_000,
    // One loopback address speaks for 200 customers here.
    limits: loadConfig({
      LIMIT_SESSIONS_PER_IP_BURST: '100000',
      LIMIT_CHATS_PER_IP_BURST: '100000',
      LIMIT_SOCKETS_PER_IP: '100000',
    }).limits,
  };
  const nodes: TestServer[] = [];
  try {
    nodes.push(await startTestServer({ ...shared, nodeId: `race-${run}-a` }));
    await until(() => nodes[0]!.server.routingLeader(), 'a leader');
    nodes.push(await startTestServer({ ...shared, nodeId: `race-${run}-b` }));
    // Odd runs: the leader's agents and customers are on the other node.
    const [a, b] = run % 2 === 0 ? [nodes[0]!, nodes[1]!] : [nodes[1]!, nodes[0]!];
    const leader = nodes[0]!;

    const violations: string[] = [];
    const offeredTo = new Map<string, string>();
    const revoked = new Set<string>();
    const taken = new Map<string, string>();
    const mine = new Map<string, Set<string>>();
    // The leader's own view, sampled all along: no agent's slots above the maximum.
    const sampler = setInterval(() => {
      for (const agent of leader.server.routingLeader() ? inspectAgents(leader) : []) {
        if (agent.slots > SLOTS) violations.push(`agent ${agent.id} holds ${agent.slots} chats`);
      }
    }, 10);

    const sockets = await Promise.all(
      agents.map(async (agent, index) => {
        const node = index % 2 === 0 ? a : b;
        const session = await agentSession(node.url, agent);
        const socket = await connectSocket<AgentSocket>(node.url, '/agent', session.token);
        mine.set(agent.id, new Set());
        socket.on('offer:new', (offer: ChatOffer) => {
          const other = offeredTo.get(offer.chatId);
          if (other) violations.push(`chat ${offer.chatId} offered to ${agent.id} while offered to ${other}`);
          offeredTo.set(offer.chatId, agent.id);
          void request(socket, 'offer:accept', { chatId: offer.chatId })
            .then(
              () => ({ ok: true }) as const,
              () => ({ ok: false }) as const,
            )
            .then((result) => {
              offeredTo.delete(offer.chatId);
              // An offer taken back (the routing halted meanwhile) may be refused; any other may not.
              if (!result.ok) {
                if (!revoked.has(`${agent.id}:${offer.chatId}`))
                  violations.push(`${agent.id} could not accept ${offer.chatId}`);
                return;
              }
              const before = taken.get(offer.chatId);
              if (before) violations.push(`chat ${offer.chatId} taken by ${before} and ${agent.id}`);
              taken.set(offer.chatId, agent.id);
              const chats = mine.get(agent.id)!;
              chats.add(offer.chatId);
              if (chats.size > SLOTS) violations.push(`agent ${agent.id} has ${chats.size} chats`);
            });
        });
        socket.on('offer:revoked', ({ chatId }: { chatId: string }) => {
          revoked.add(`${agent.id}:${chatId}`);
          if (offeredTo.get(chatId) === agent.id) offeredTo.delete(chatId);
        });
        return socket;
      }),
    );
    await Promise.all(sockets.map((socket) => request(socket, 'agent:setState', { state: 'READY' })));

    const customers = await Promise.all(
      Array.from({ length: CHATS }, async (_, index) => {
        const node = index % 2 === 0 ? b : a;
        const session = await customerSession(node.url, `Customer ${index}`);
        return connectSocket<CustomerSocket>(node.url, '/customer', session.token);
      }),
    );
    const chats: ChatSummary[] = await Promise.all(
      customers.map(
        async (socket) =>
          (await request<{ chat: ChatSummary }>(socket, 'chat:start', { clientId: crypto.randomUUID() }))
            .chat,
      ),
    );

    // Every slot taken, the rest waiting.
    const explain = () =>
      `; taken ${taken.size}, violations ${JSON.stringify(violations.slice(0, 5))}, router ${JSON.stringify(
        leader.server.routingInspect()?.agents.map((agent) => ({
          id: agent.id,
          free: agent.free,
          requested: agent.candidate.requested,
          connections: agent.candidate.connections,
          slots: agent.candidate.active.size,
          offer: agent.candidate.offer?.chatId ?? null,
        })),
      )}, waiting ${leader.server.routingInspect()?.waiting.length}`;
    await until(
      () => taken.size === AGENTS * SLOTS,
      `run ${run}: ${AGENTS * SLOTS} chats taken`,
      30_000,
      explain,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(taken.size).toBe(AGENTS * SLOTS);
    for (const chats of mine.values()) expect(chats.size).toBe(SLOTS);

    // Every customer being served leaves: each freed slot takes a waiting chat.
    const served = chats.flatMap((chat, index) =>
      taken.has(chat.id) ? [{ chat, socket: customers[index]! }] : [],
    );
    for (const { chat } of served) mine.get(taken.get(chat.id)!)!.delete(chat.id);
    await Promise.all(served.map(({ chat, socket }) => request(socket, 'chat:end', { chatId: chat.id })));
    await until(() => taken.size === CHATS, `run ${run}: all ${CHATS} chats taken`, 30_000, explain);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(sampler);

    expect(violations).toEqual([]);
    expect(new Set(taken.keys())).toEqual(new Set(chats.map((chat) => chat.id)));
    for (const chats of mine.values()) expect(chats.size).toBe(SLOTS);
  } finally {
    closeSockets();
    for (const node of nodes.reverse()) await node.close();
  }
}

function inspectAgents(node: TestServer): Array<{ id: string; slots: number }> {
  const router = node.server.routingInspect();
  return (router?.agents ?? []).map((agent) => ({
    id: agent.id,
    slots: agent.candidate.active.size + agent.candidate.wrapping.size,
  }));
}

describe('routing across two nodes', () => {
  it(`${RUNS} runs of ${CHATS} chats and ${AGENTS} agents with ${SLOTS} slots each`, async () => {
    for (let run = 0; run < RUNS; run += 1) await race(run);
  }, 300_000);
});
