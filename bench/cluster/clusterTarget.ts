/**
 * One side of the cluster benchmark: N chat-server nodes (each its own process, `server/main.ts`)
 * on one PostgreSQL database, behind nginx configured by `hybrid-chat proxy nginx` with one chat
 * line per node. One node runs without Redis, as a single installation on PostgreSQL does; two or
 * more share a Redis (socket.io's adapter, the routing leader).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedNginxConfig, makeCertificates, startNginx } from '../../e2e/support/nginx.ts';
import { freePort, launch, stopChild, waitForHttp } from '../../e2e/support/stack.ts';
import type { PostgresServer } from '../../server/testing/postgresServer.ts';
import { LOAD_TEST_LIMITS } from '../support/loadLimits.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const BENCH_HOST = 'chat.bench.test';

export interface ClusterTarget {
  /** The customers' and agents' side of nginx (TLS, self-signed). */
  url: string;
  /** Each node's resident memory now, in bytes. */
  memory(): number[];
  stop(): Promise<void>;
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

export async function startClusterTarget(options: {
  nodes: number;
  postgres: PostgresServer;
  redisUrl: string | null;
  finesseUrl: string;
  tokenSecret: string;
}): Promise<ClusterTarget> {
  const prefix = mkdtempSync(join(tmpdir(), 'hybrid-chat-bench-cluster-'));
  const children: Array<ReturnType<typeof launch>> = [];
  let nginx: { stop(): Promise<void> } | null = null;
  const stop = async () => {
    await nginx?.stop();
    for (const { child } of children) await stopChild(child);
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    const databaseUrl = await options.postgres.createDatabase(`bench_${options.nodes}_${process.pid}`);
    const ports: number[] = [];
    for (let index = 0; index < options.nodes; index += 1) {
      const port = await freePort();
      ports.push(port);
      const launched = launch('server/main.ts', {
        ...LOAD_TEST_LIMITS,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(prefix, `node-${index}`),
        DATABASE_URL: databaseUrl,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        TOKEN_SECRET: options.tokenSecret,
        NODE_ID: `bench-${index}`,
        FINESSE_URL: options.finesseUrl,
        TRUSTED_PROXIES: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OFFER_TIMEOUT_MS: String(24 * 3600_000),
        WRAP_UP_SECONDS: '0',
        WAITING_ABANDON_S: '0',
        MAX_CHATS_PER_AGENT: '1',
        MAIL_TRANSPORT: 'none',
      });
      children.push(launched);
      await waitForHttp(`http://127.0.0.1:${port}/health/ready`, launched.child, launched.output, 60_000);
    }
    const externalPort = await freePort();
    const mapFile = join(prefix, 'proxymap.txt');
    writeFileSync(mapFile, ports.map((port) => `127.0.0.1:${port}=${BENCH_HOST}:${externalPort}\n`).join(''));
    makeCertificates(join(prefix, 'certs'), [BENCH_HOST]);
    const config = generatedNginxConfig({
      root: ROOT,
      mapFile,
      prefix,
      chats: ports.map((port) => `127.0.0.1:${port}`),
    });
    nginx = await startNginx(prefix, config, [externalPort]);
    return {
      url: `https://127.0.0.1:${externalPort}`,
      memory: () => children.map(({ child }) => rssOf(child.pid)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
