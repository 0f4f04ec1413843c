/**
 * Cluster benchmark: the same chats and pace through nginx to one chat-server node on PostgreSQL,
 * then to two nodes on the same PostgreSQL sharing a Redis (README, "Running several nodes"). On one
 * machine two nodes are not faster than one: the figure is what the cluster path costs (Redis
 * fan-out between the nodes, routing calls to the leader). Messages per second, delivery latency,
 * setup time and each node's memory; any lost, duplicated or unacknowledged message fails the run.
 *
 * Full run: 3,000 chats (the sizing target in docs/requirements.md),
 * each side sending every 10 s for 60 s. BENCH_CLUSTER_CHATS changes the number of chats.
 */
import { randomBytes } from 'node:crypto';
import { startPostgres } from '../server/testing/postgresServer.ts';
import { startRedis } from '../server/testing/redisServer.ts';
import type { Benchmark, BenchReport } from './benchmark.ts';
import { runClusterLoad, type LoadResult } from './cluster/clusterLoad.ts';
import { BENCH_HOST, startClusterTarget } from './cluster/clusterTarget.ts';
import { round3 } from './stats.ts';
import { startFinesseStub } from './support/finesseStub.ts';
import { formatTable } from './table.ts';

interface Side {
  nodes: number;
  load: LoadResult;
  /** Each node's resident memory after the traffic, bytes. */
  memory: number[];
}

const FULL = { chats: 3000, intervalS: 10, durationS: 60 };
const QUICK = { chats: 20, intervalS: 1, durationS: 4 };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(1);

export const clusterBenchmark: Benchmark = {
  name: 'cluster',
  async run(options, deadline): Promise<BenchReport> {
    const settings = { ...(options.quick ? QUICK : FULL) };
    const chats = Number(process.env['BENCH_CLUSTER_CHATS'] ?? settings.chats);
    if (Number.isInteger(chats) && chats > 0) settings.chats = chats;
    const tokenSecret = randomBytes(32).toString('base64url');
    const [postgres, redis, finesse] = await Promise.all([startPostgres(), startRedis(), startFinesseStub()]);
    const sides: Side[] = [];
    try {
      for (const nodes of [1, 2]) {
        const target = await startClusterTarget({
          nodes,
          postgres,
          redisUrl: nodes > 1 ? redis.url : null,
          finesseUrl: finesse.url,
          tokenSecret,
        });
        try {
          const load = await deadline.race(
            runClusterLoad({ url: target.url, serverName: BENCH_HOST, tokenSecret, ...settings }),
            `cluster load on ${nodes} node(s)`,
          );
          sides.push({ nodes, load, memory: target.memory() });
        } finally {
          await target.stop();
        }
      }
    } finally {
      await Promise.all([postgres.stop(), redis.stop(), finesse.close()]);
    }

    const failures = sides.flatMap(({ nodes, load }) => [
      ...(load.chats < settings.chats
        ? [`${nodes} node(s): ${settings.chats - load.chats} chats not set up`]
        : []),
      ...(load.missing > 0 ? [`${nodes} node(s): ${load.missing} messages lost`] : []),
      ...(load.duplicates > 0 ? [`${nodes} node(s): ${load.duplicates} messages delivered twice`] : []),
      ...(load.ackFailures > 0 ? [`${nodes} node(s): ${load.ackFailures} sends not acknowledged`] : []),
    ]);
    const rows = sides.map(({ nodes, load, memory }) => [
      nodes === 1 ? '1 node (PostgreSQL)' : `${nodes} nodes (PostgreSQL + Redis)`,
      String(load.chats),
      (load.setupMs / 1000).toFixed(1),
      load.messagesPerS.toFixed(0),
      ms(load.deliveryMs.p50),
      ms(load.deliveryMs.p99),
      memory.map(mb).join(' + '),
    ]);
    const heading =
      `cluster: ${settings.chats} chats through nginx, each side sending every ${settings.intervalS} s for ` +
      `${settings.durationS} s; one node, then two sharing Redis; all on this machine`;
    return {
      table: `${heading}\n\n${formatTable(['target', 'chats', 'setup s', 'msg/s', 'p50 ms', 'p99 ms', 'RSS MB per node'], rows)}`,
      failures,
      json: {
        ...settings,
        sides: sides.map(({ nodes, load, memory }) => ({
          nodes,
          ...load,
          setupMs: round3(load.setupMs),
          messagesPerS: round3(load.messagesPerS),
          deliveryMs: Object.fromEntries(
            Object.entries(load.deliveryMs).map(([key, value]) => [key, round3(value)]),
          ),
          rssBytes: memory,
        })),
        ok: failures.length === 0,
      },
    };
  },
};
