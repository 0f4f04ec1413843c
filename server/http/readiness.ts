/**
 * Liveness and readiness, as an orchestrator or a load balancer probes them (Kubernetes:
 * https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/).
 *
 * - `GET /health/live`: 200 while the process answers at all (the event loop runs). A failing
 *   liveness probe restarts the process, so it checks nothing else.
 * - `GET /health/ready`: 200 while this node can serve chats, 503 while one of its dependencies does
 *   not answer or while the node is stopping (readiness.drain()), so that new clients go to
 *   another node. Each dependency is one named check; storage is the first.
 *
 * `GET /health` (server/http/routes.ts) stays as it was, for people and old monitors.
 */
import type { FastifyInstance } from 'fastify';

/** Resolves when the dependency answers; rejects (or does not settle in time) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessReport {
  ready: boolean;
  draining: boolean;
  checks: Record<string, 'ok' | 'error'>;
}

export interface Readiness {
  /** A dependency the node cannot serve without: storage, and any shared service added later. */
  add(name: string, check: ReadinessCheck): void;
  /** The node is stopping: not ready from now on, whatever the checks say. */
  drain(): void;
  probe(): Promise<ReadinessReport>;
}

/** A check that has not answered by then counts as failed (a probe must answer before its own timeout). */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout(check: ReadinessCheck): Promise<'ok' | 'error'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'error'>((resolve) => {
    timer = setTimeout(() => resolve('error'), CHECK_TIMEOUT_MS);
  });
  const answered = Promise.resolve()
    .then(check)
    .then(
      () => 'ok' as const,
      () => 'error' as const,
    );
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}

export function createReadiness(): Readiness {
  const checks = new Map<string, ReadinessCheck>();
  let draining = false;
  return {
    add(name, check) {
      checks.set(name, check);
    },
    drain() {
      draining = true;
    },
    async probe() {
      const names = [...checks.keys()];
      const results = await Promise.all([...checks.values()].map(withTimeout));
      const report = Object.fromEntries(names.map((name, index) => [name, results[index] ?? 'error']));
      return {
        ready: !draining && results.every((result) => result === 'ok'),
        draining,
        checks: report,
      };
    },
  };
}

export function registerHealthProbes(app: FastifyInstance, readiness: Readiness): void {
  app.get('/health/live', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({ status: 'live' }),
  );
  app.get('/health/ready', async (_request, reply) => {
    const report = await readiness.probe();
    return reply
      .code(report.ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({
        status: report.ready ? 'ready' : report.draining ? 'draining' : 'not-ready',
        checks: report.checks,
      });
  });
}
