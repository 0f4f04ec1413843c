/**
 * Two chat-server nodes as an administrator runs them (README, "Running several nodes"): each its
 * own process on one PostgreSQL and one Redis (both real, started here), nginx in front with the
 * sticky upstream `hybrid-chat proxy nginx --chat a --chat b` writes, and the Finesse simulator.
 *
 * Customers come from the internet through nginx (`https://chat.cluster.test:<port>`, resolved to
 * 127.0.0.1 by Chromium's host-resolver rules); nginx's hash of their address picks their node.
 * Agents are on the contact center's LAN and their desktops load the gadget from the other node
 * directly, so that the customer and the agent are on different nodes. The customer's node is made
 * the routing leader, so that killing it takes the leader away too.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPostgres } from '../../server/testing/postgresServer.ts';
import { startRedis } from '../../server/testing/redisServer.ts';
import { generatedNginxConfig, makeCertificates, startNginx } from './nginx.ts';
import { freePort, launch, stopChild, waitForHttp } from './stack.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const CLUSTER_HOST = 'chat.cluster.test';

export interface ClusterNode {
  readonly id: string;
  readonly url: string;
  /** SIGKILL, as a crash or a lost machine. */
  kill(): Promise<void>;
  log(): string;
}

export interface ClusterStack {
  /** The node nginx sends this machine's customers to; it leads routing. */
  readonly customerNode: ClusterNode;
  /** The node the agents' desktops use. */
  readonly agentNode: ClusterNode;
  /** The customers' side of nginx. */
  readonly external: string;
  readonly simUrl: string;
  stop(): Promise<void>;
}

interface Health {
  node?: string;
  routingLeader?: boolean;
}

/** GET /health through nginx (TLS with the test's self-signed certificate). */
function healthThroughProxy(port: number): Promise<Health> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/health',
        servername: CLUSTER_HOST,
        rejectUnauthorized: false,
        headers: { host: `${CLUSTER_HOST}:${port}` },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          try {
            done(JSON.parse(body) as Health);
          } catch (error) {
            fail(error as Error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/health`)).json()) as Health;
}

async function until(what: string, condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

export async function startClusterStack(): Promise<ClusterStack> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    cleanups.push(
      () => postgres.stop(),
      () => redis.stop(),
    );
    const databaseUrl = await postgres.createDatabase('cluster_e2e');
    const [simPort, externalPort] = [await freePort(), await freePort()];
    const simUrl = `http://127.0.0.1:${simPort}`;
    const prefix = mkdtempSync(join(tmpdir(), 'hybrid-chat-cluster-'));
    cleanups.push(() => rmSync(prefix, { recursive: true, force: true }));

    const children = new Map<string, { child: ChildProcess; output: () => string }>();
    cleanups.push(async () => {
      for (const { child } of children.values()) await stopChild(child);
    });
    const nodeEnv = (id: string, port: number): Record<string, string> => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(prefix, id),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      TOKEN_SECRET: 'the-e2e-cluster-shares-this-token-secret',
      NODE_ID: id,
      FINESSE_URL: simUrl,
      FINESSE_POLL_MS: '500',
      TRUSTED_PROXIES: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OFFER_TIMEOUT_MS: '60000',
      MAX_CHATS_PER_AGENT: '2',
      WHEN_UNSTAFFED: 'wait',
      WRAP_UP_SECONDS: '0',
    });
    const ports = { 'node-a': await freePort(), 'node-b': await freePort() };
    const start = async (id: 'node-a' | 'node-b') => {
      const launched = launch('server/main.ts', nodeEnv(id, ports[id]));
      children.set(id, launched);
      await waitForHttp(`http://127.0.0.1:${ports[id]}/health/live`, launched.child, launched.output);
    };
    await start('node-a');
    await until(
      'node-a leads routing',
      async () => (await health(`http://127.0.0.1:${ports['node-a']}`)).routingLeader === true,
    );
    await start('node-b');

    // nginx: both nodes behind one external host:port, one sticky upstream.
    const mapFile = join(prefix, 'proxymap.txt');
    const lan = (id: 'node-a' | 'node-b') => `127.0.0.1:${ports[id]}`;
    writeFileSync(
      mapFile,
      [
        `${lan('node-a')}=${CLUSTER_HOST}:${externalPort}`,
        `${lan('node-b')}=${CLUSTER_HOST}:${externalPort}`,
        '',
      ].join('\n'),
    );
    makeCertificates(join(prefix, 'certs'), [CLUSTER_HOST]);
    const config = generatedNginxConfig({
      root: ROOT,
      mapFile,
      prefix,
      chats: [lan('node-a'), lan('node-b')],
    });
    const nginx = await startNginx(prefix, config, [externalPort]);
    cleanups.push(() => nginx.stop());

    // Which node nginx gives this machine's address; that one is to lead routing.
    const customerId = (await healthThroughProxy(externalPort)).node;
    if (customerId !== 'node-a' && customerId !== 'node-b')
      throw new Error(`no node behind nginx: ${customerId}`);
    const agentId = customerId === 'node-a' ? 'node-b' : 'node-a';
    if (customerId !== 'node-a') {
      // node-a leads (it started first): restarting it hands the lease to node-b.
      await stopChild(children.get('node-a')!.child);
      await until(
        'node-b leads routing',
        async () => (await health(`http://127.0.0.1:${ports['node-b']}`)).routingLeader === true,
      );
      await start('node-a');
    }

    // The simulated Finesse: its desktop loads the gadget from the agents' node.
    const sim = launch('simulator/main.ts', {
      SIM_PORT: String(simPort),
      SIM_HOST: '127.0.0.1',
      CHAT_SERVER_URL: `http://${lan(agentId)}`,
      SIM_LOG_LEVEL: 'warn',
    });
    children.set('sim', sim);
    await waitForHttp(`${simUrl}/finesse/api/SystemInfo`, sim.child, sim.output);

    const node = (id: 'node-a' | 'node-b'): ClusterNode => ({
      id,
      url: `http://${lan(id)}`,
      async kill() {
        const { child } = children.get(id)!;
        child.kill('SIGKILL');
        if (child.exitCode === null && child.signalCode === null) {
          await new Promise<void>((done) => child.once('exit', () => done()));
        }
      },
      log: () => children.get(id)?.output() ?? '',
    });
    return {
      customerNode: node(customerId),
      agentNode: node(agentId),
      external: `https://${CLUSTER_HOST}:${externalPort}`,
      simUrl,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
