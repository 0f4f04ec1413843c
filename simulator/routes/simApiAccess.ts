/**
 * Who may use the simulator's test control (`/sim/api`): it forces agents' states, rings calls,
 * stops nodes and resets everything, without credentials. So it answers loopback peers only — the
 * tests and the desktop of the machine the simulator runs on — or, for a simulator reached from
 * elsewhere, a request carrying the token given in SIM_API_TOKEN (`X-Sim-Api-Token: <token>`).
 * Anyone else gets a 403 that says so. A request a proxy forwarded (X-Forwarded-For, Forwarded) is
 * not a local one even when the proxy runs on this machine, so it needs the token too.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const SIM_API_TOKEN_HEADER = 'x-sim-api-token';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `request` may use `/sim/api`: a direct loopback peer, or the configured token. */
export function allowsSimApi(request: FastifyRequest, token: string | undefined): boolean {
  if (token && sameToken(request.headers[SIM_API_TOKEN_HEADER], token)) return true;
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && isLoopback(request.socket.remoteAddress);
}

/** Refuses every `/sim/api` request `allowsSimApi` does not allow (register inside its scope). */
export function guardSimApi(app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (allowsSimApi(request, token)) return;
    return reply.code(403).send({
      error:
        '/sim/api answers only this machine (loopback)' +
        (token
          ? `, or a request with the ${SIM_API_TOKEN_HEADER} header`
          : '; set SIM_API_TOKEN to allow others'),
    });
  });
}
