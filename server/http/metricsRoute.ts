/**
 * `GET /metrics` (server/http/metrics.ts). Metrics are not public data — chat volumes, routing and
 * the limits' refusals tell an outsider a lot — so the route answers:
 *
 * - with METRICS_TOKEN set: only requests with `Authorization: Bearer <METRICS_TOKEN>`
 *   (Prometheus' `authorization` scrape setting), from anywhere;
 * - without it: only requests from this machine (a loopback peer) that no proxy forwarded (no
 *   X-Forwarded-For or Forwarded header). A reverse proxy on the same machine that does not add
 *   X-Forwarded-For would make every client look local: set METRICS_TOKEN there, or do not
 *   forward /metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { Metrics } from './metrics.ts';
import { sendError } from './sendError.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

/** Why the request may not read the metrics, or null when it may. */
export function metricsRefusal(request: IncomingMessage, token: string | undefined): HybridChatError | null {
  if (token !== undefined) {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    // Compared as digests: same length, constant time.
    if (match?.[1] && timingSafeEqual(digest(match[1]), digest(token))) return null;
    return new HybridChatError('UNAUTHORIZED', 'the metrics token is needed (Authorization: Bearer)');
  }
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (isLoopback(request.socket.remoteAddress) && !forwarded) return null;
  return new HybridChatError('FORBIDDEN', 'metrics are served to this machine only (or set METRICS_TOKEN)');
}

export function registerMetricsRoute(
  app: FastifyInstance,
  deps: { metrics: Metrics; token: string | undefined },
): void {
  app.get('/metrics', async (request, reply) => {
    const refusal = metricsRefusal(request.raw, deps.token);
    if (refusal) {
      if (refusal.code === 'UNAUTHORIZED') void reply.header('WWW-Authenticate', 'Bearer');
      return sendError(reply, refusal);
    }
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).header('Cache-Control', 'no-store').send(body);
  });
}
