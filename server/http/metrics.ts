/**
 * The server's metrics in the Prometheus text format (https://prometheus.io/docs/instrumenting/exposition_formats/),
 * through prom-client. Each server has its own Registry, never prom-client's global one, so that
 * several servers in one process (tests) do not share or clash over metrics.
 *
 * Counted as things happen: messages stored, routing decisions, the ack latency of `message:send`.
 * Read at scrape time: sockets per namespace, chats per routing state, the Finesse node in use,
 * storage health, the limits' refusals, and prom-client's default process metrics (among them
 * `nodejs_eventloop_lag_seconds`).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server } from 'socket.io';
import type { FinesseNode } from '../../sdk/core/failover.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import type { DomainEventBus } from '../core/events.ts';
import type { RoutingPort } from '../core/routing/routingPort.ts';
import { LIMIT_NAMES, type Refusals } from '../limits/refusals.ts';
import type { RequestTimer } from '../sockets/handlers.ts';

export interface MetricsSources {
  io: Server;
  router: Pick<RoutingPort, 'use' | 'chatCounts'>;
  events: DomainEventBus;
  refusals: Pick<Refusals, 'snapshot'>;
  /** The Finesse node in use; null while neither answers. */
  finesseNode: () => FinesseNode | null;
  /** Resolves when storage answers (the same ping as `/health`). */
  pingStorage: () => Promise<void>;
  /** Several nodes: Redis's PING, and whether this node leads routing. */
  cluster?: { pingRedis(): Promise<void>; leading(): boolean };
}

export interface Metrics {
  readonly registry: Registry;
  /** For the socket edge: times `message:send` from its arrival to its ack. */
  timeRequest: RequestTimer;
}

/** Ack latency buckets in seconds: a commit takes milliseconds; a full second is trouble. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'hybridchat_sockets',
    help: 'Connected sockets per socket.io namespace',
    labelNames: ['namespace'],
    registers,
    collect() {
      for (const [name, path] of Object.entries(NAMESPACES))
        this.set({ namespace: name }, sources.io.of(path).sockets.size);
    },
  });

  new Gauge({
    name: 'hybridchat_chats',
    help: 'Chats per routing state (waiting, offered, active, wrap-up)',
    labelNames: ['state'],
    registers,
    async collect() {
      const counts = await sources.router.chatCounts();
      this.set({ state: 'waiting' }, counts.waiting);
      this.set({ state: 'offered' }, counts.offered);
      this.set({ state: 'active' }, counts.active);
      this.set({ state: 'wrap-up' }, counts.wrapUp);
    },
  });

  const messages = new Counter({
    name: 'hybridchat_messages_stored_total',
    help: 'Messages stored (committed), by kind (text, file, event)',
    labelNames: ['kind'],
    registers,
  });
  sources.events.on('message', ({ message }) => messages.inc({ kind: message.kind }));

  const ackSeconds = new Histogram({
    name: 'hybridchat_message_ack_seconds',
    help: 'Time from receiving message:send to its ack, by outcome',
    labelNames: ['outcome'],
    buckets: ACK_BUCKETS,
    registers,
  });

  // One counter for the decisions (offers made, accepted, declined, timed out…) and one for the
  // timeouts alone, which is what an alert on unanswered offers watches.
  const decisions = new Counter({
    name: 'hybridchat_routing_decisions_total',
    help: 'Routing decisions: offered, accepted, and offers taken back by reason (declined, timeout, disconnected, customer-left)',
    labelNames: ['decision'],
    registers,
  });
  const timedOut = new Counter({
    name: 'hybridchat_offers_timed_out_total',
    help: 'Offers no agent answered in time',
    registers,
  });
  for (const decision of ['offered', 'accepted', 'declined', 'timeout']) decisions.inc({ decision }, 0);
  sources.router.use({
    offerMade: () => decisions.inc({ decision: 'offered' }),
    offerAccepted: () => decisions.inc({ decision: 'accepted' }),
  });
  sources.events.on('offerRevoked', ({ reason }) => {
    decisions.inc({ decision: reason });
    if (reason === 'timeout') timedOut.inc();
  });

  new Gauge({
    name: 'hybridchat_finesse_node',
    help: 'The Finesse node in use (1) per node; both 0 while neither answers',
    labelNames: ['node'],
    registers,
    collect() {
      const active = sources.finesseNode();
      this.set({ node: 'primary' }, active === 'primary' ? 1 : 0);
      this.set({ node: 'secondary' }, active === 'secondary' ? 1 : 0);
    },
  });

  new Gauge({
    name: 'hybridchat_storage_up',
    help: 'Whether storage answered a ping at this scrape (1) or not (0)',
    registers,
    async collect() {
      this.set(
        await sources.pingStorage().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });

  if (sources.cluster) {
    const cluster = sources.cluster;
    new Gauge({
      name: 'hybridchat_redis_up',
      help: 'Whether Redis answered a ping at this scrape (1) or not (0)',
      registers,
      async collect() {
        this.set(
          await cluster.pingRedis().then(
            () => 1,
            () => 0,
          ),
        );
      },
    });
    new Gauge({
      name: 'hybridchat_routing_leader',
      help: 'Whether this node leads routing (1) or sends its routing calls to the node that does (0)',
      registers,
      collect() {
        this.set(cluster.leading() ? 1 : 0);
      },
    });
  }

  // The totals live in server/limits/refusals.ts (also shown by /health); a scrape copies them.
  new Counter({
    name: 'hybridchat_limit_refusals_total',
    help: 'Requests and events refused by an abuse limit since the start, per limit',
    labelNames: ['limit'],
    registers,
    collect() {
      const totals = sources.refusals.snapshot();
      this.reset();
      for (const limit of LIMIT_NAMES) this.inc({ limit }, totals[limit]);
    },
  });

  return {
    registry,
    timeRequest(event) {
      if (event !== 'message:send') return undefined;
      const end = ackSeconds.startTimer();
      return (ok) => end({ outcome: ok ? 'ok' : 'error' });
    },
  };
}
