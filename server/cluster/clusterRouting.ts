/**
 * Routing across several chat-server nodes (`REDIS_URL`). One node at a time is the routing leader,
 * chosen by a lease in Redis (leaderLease.ts); it runs the one router (server/core/routing/router.ts)
 * and every node's routing calls go to it (routingCalls.ts).
 *
 * Why one leader rather than each node deciding and claiming rows (`FOR UPDATE SKIP LOCKED`) or
 * locking each chat in Redis: a routing decision needs the whole picture at once (every waiting
 * chat of the queues an agent serves, every free agent of a chat's queues, offers in flight, the
 * idle order), and the two limits that must hold are on both sides of it: a chat is offered to one
 * agent at a time, and an agent is never above their maximum. Locking only the chat lets two nodes
 * give the same agent two chats at once; locking agents and chats together in every decision
 * serialises the nodes anyway, at a database round trip per decision. With one leader both limits
 * hold by construction, each decision stays a memory operation, and the message path, which is
 * nearly all of the load, never waits for routing. What the leader keeps in memory can be rebuilt:
 * storage holds the waiting lines, the chats' owners and the agents' requested states, features
 * restore their slots (RoutingHooks.restore), and every node repeats which of its agents are
 * connected. A new leader (the old one stopped or its lease ran out) rebuilds from those; an offer
 * the old leader had made is made again, to the longest-idle eligible agent.
 *
 * The routing calls of the leader's own node do not go through Redis.
 */
import type { VoiceReport } from '../../sdk/core/protocol.ts';
import type { RoutingHooks, Router } from '../core/routing/router.ts';
import { ROUTING_CALLS, type RoutingCall, type RoutingPort } from '../core/routing/routingPort.ts';
import type { Storage } from '../core/storage/storage.ts';
import { createAgentLedger, type AgentAnnouncement } from './agentLedger.ts';
import { createLeaderLease } from './leaderLease.ts';
import type { RedisClients } from './redisClients.ts';
import { createRoutingCalls, type RoutingCallMessage } from './routingCalls.ts';

const LEASE_KEY = 'hybrid-chat:routing:leader';
const LEADER_CHANNEL = 'hybrid-chat:routing:leader';

export interface ClusterRoutingOptions {
  clients: RedisClients;
  nodeId: string;
  /** A router restored from storage, for when this node becomes the leader. */
  createRouter(): Promise<Router>;
  storage: { chats: Pick<Storage['chats'], 'waiting' | 'get'> };
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  leaseTtlMs?: number;
  /** How often each node repeats its agents to the leader (default 2 s); a node silent 5 times as long is gone. */
  syncMs?: number;
  /** How often the leader checks storage for waiting chats it never heard of (default 10 s). */
  reconcileMs?: number;
  callTimeoutMs?: number;
}

export interface ClusterRouting extends RoutingPort {
  start(): void;
  /** Whether this node leads routing now. */
  leading(): boolean;
  /** The leader's router, for tests and diagnostics (null on the other nodes). */
  leaderRouter(): Router | null;
}

interface Leadership {
  router: Router;
  ledger: ReturnType<typeof createAgentLedger>;
  timers: Array<ReturnType<typeof setInterval>>;
}

export async function createClusterRouting(options: ClusterRoutingOptions): Promise<ClusterRouting> {
  const { nodeId, log } = options;
  const syncMs = options.syncMs ?? 2000;
  const hooks: RoutingHooks[] = [];
  // This node's agents: its sockets per agent, and the voice state last reported through it.
  const mine = new Map<string, AgentAnnouncement>();
  let leadership: Leadership | null = null;

  const calls = await createRoutingCalls({
    clients: options.clients,
    nodeId,
    ...(options.callTimeoutMs !== undefined ? { timeoutMs: options.callTimeoutMs } : {}),
    log,
  });
  const lease = createLeaderLease({
    redis: options.clients.command,
    key: LEASE_KEY,
    nodeId,
    ...(options.leaseTtlMs !== undefined ? { ttlMs: options.leaseTtlMs } : {}),
    onChange: (leading) => (leading ? lead() : follow()),
    log,
  });
  // A new leader asks every node for its agents at once, rather than at their next repetition.
  options.clients.subscriber.on('message', (channel: string) => {
    if (channel === LEADER_CHANNEL) announce();
  });
  await options.clients.subscriber.subscribe(LEADER_CHANNEL);
  const announcing = setInterval(announce, syncMs);
  announcing.unref?.();

  function announce(): void {
    void call('announce', [[...mine.values()]]).catch(() => undefined);
  }

  async function handle(message: Pick<RoutingCallMessage, 'node' | 'method' | 'args'>): Promise<unknown> {
    const current = leadership;
    if (!current) throw new Error('not the routing leader');
    const { router, ledger } = current;
    const args = message.args;
    switch (message.method) {
      case 'announce':
        ledger.announce(message.node, args[0] as AgentAnnouncement[]);
        return null;
      case 'agentConnected':
        ledger.connected(message.node, args[0] as string);
        break;
      case 'agentDisconnected':
        // A disconnect the leader never saw connect (a new leader, a lost call) changes nothing.
        if (!ledger.disconnected(message.node, args[0] as string)) return null;
        break;
      case 'reportVoice':
        ledger.voice(args[0] as string, args[1] as VoiceReport);
        break;
      default:
        if (!ROUTING_CALLS.includes(message.method as RoutingCall)) throw new Error('no such routing call');
    }
    const method = router[message.method as RoutingCall] as (...values: unknown[]) => unknown;
    return await method(...args);
  }

  async function call(method: string, args: unknown[]): Promise<unknown> {
    if (leadership && lease.leading()) return handle({ node: nodeId, method, args });
    return calls.call(method, args);
  }

  async function lead(): Promise<void> {
    const router = await options.createRouter();
    for (const more of hooks) await router.use(more);
    const ledger = createAgentLedger({ router, syncMs, log });
    const timers = [
      setInterval(() => ledger.sweep(), syncMs),
      setInterval(() => void reconcile(router).catch(() => undefined), options.reconcileMs ?? 10_000),
    ];
    for (const timer of timers) timer.unref?.();
    leadership = { router, ledger, timers };
    log.info({ nodeId }, 'this node leads routing');
    await calls.serve(handle);
    await options.clients.publisher.publish(LEADER_CHANNEL, nodeId).catch(() => 0);
  }

  async function follow(): Promise<void> {
    const current = leadership;
    if (!current) return;
    leadership = null;
    log.info({ nodeId }, 'this node no longer leads routing');
    for (const timer of current.timers) clearInterval(timer);
    await calls.unserve();
    current.router.close();
  }

  /** Waiting chats storage has and the router has not heard of (their call was lost) join their lines. */
  async function reconcile(router: Router): Promise<void> {
    const unknown = (await options.storage.chats.waiting()).filter(
      (chat) => router.waiting(chat.chat.id) === null,
    );
    if (unknown.length === 0) return;
    // Read again: one may have been accepted or ended since the list was read.
    const fresh = await Promise.all(unknown.map((chat) => options.storage.chats.get(chat.chat.id)));
    const still = unknown.filter((chat, index) => {
      const status = fresh[index]?.status;
      return status === 'queued' || status === 'offered';
    });
    if (leadership?.router !== router || still.length === 0) return;
    log.warn({ chats: still.length }, 'waiting chats the router had not heard of join their lines');
    router.reconcile(still);
  }

  const port = {} as Record<RoutingCall, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ROUTING_CALLS) port[method] = (...args) => call(method, args);
  const typed = port as unknown as Omit<RoutingPort, 'use' | 'close'>;

  return {
    ...typed,
    agentConnected(agentId, name, teamId) {
      const known = mine.get(agentId);
      mine.set(agentId, {
        agentId,
        name,
        ...(teamId !== undefined ? { teamId } : {}),
        connections: (known?.connections ?? 0) + 1,
        voice: known?.voice ?? null,
      });
      return typed.agentConnected(agentId, name, teamId);
    },
    agentDisconnected(agentId) {
      const known = mine.get(agentId);
      if (known) known.connections -= 1;
      if (known && known.connections <= 0 && known.voice === null) mine.delete(agentId);
      return typed.agentDisconnected(agentId);
    },
    reportVoice(agentId, voice) {
      const known = mine.get(agentId);
      if (known) known.voice = voice;
      return typed.reportVoice(agentId, voice);
    },
    async use(more) {
      hooks.push(more);
      await leadership?.router.use(more);
    },
    start: () => lease.start(),
    leading: () => leadership !== null && lease.leading(),
    leaderRouter: () => leadership?.router ?? null,
    async close() {
      clearInterval(announcing);
      await lease.stop();
      await follow();
      await calls.close();
    },
  };
}
