/** HTTP API of the core: health, customer and agent sessions, gadget.xml. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FinesseError, HybridChatError } from '../../sdk/core/errors.ts';
import type { AgentSessionResponse, CustomerSessionResponse } from '../../sdk/core/protocol.ts';
import { parsePayload } from '../../sdk/core/protocolSchemas.ts';
import { createFinesseRestClient } from '../../sdk/transport/finesseRestClient.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import type { DomainEventBus } from '../core/events.ts';
import type { Storage } from '../core/storage/storage.ts';
import { supervisedTeams } from '../features/supervision/teams.ts';
import type { Refusals } from '../limits/refusals.ts';
import { createTokenBuckets, rateLimited } from '../limits/tokenBuckets.ts';
import { checkFinesseUser } from './finesseUserLimits.ts';
import { sendError } from './sendError.ts';
import { createSignInThrottle, type SignInAttempt } from './signInThrottle.ts';
import type { ProxyTrust } from './trustedProxies.ts';

export { sendError };

export interface RouteDeps {
  config: ServerConfig;
  storage: Pick<Storage, 'customers' | 'ping'>;
  tokens: TokenSigner;
  refusals: Refusals;
  /** Several nodes (REDIS_URL): this node's name, and whether it leads routing. */
  cluster?: { nodeId: string; leading(): boolean };
  /** The client's real address behind TRUSTED_PROXIES (the sign-in throttle counts per address). */
  proxies: Pick<ProxyTrust, 'clientAddress'>;
  events: DomainEventBus;
  /** The Finesse node to check agents against now; null while no node answers. */
  finesseUrl: () => string | null;
  voiceSync: 'gadget' | 'server';
  gadgetXml: (requestHost: string | undefined) => string;
  version: string;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { config, storage, tokens } = deps;
  const startedAt = Date.now();
  const sessionsPerIp = createTokenBuckets(config.limits.sessionsPerIp);
  const signInThrottle = createSignInThrottle(config.limits.signIn, deps.refusals);
  const finesseNode = (url: string | null) =>
    url === null ? null : url === config.finesseUrl ? 'primary' : 'secondary';

  app.get('/health', async (_request, reply) => {
    let db = 'ok';
    try {
      await storage.ping();
    } catch {
      db = 'error';
    }
    return reply.code(db === 'ok' ? 200 : 503).send({
      status: db === 'ok' ? 'ok' : 'degraded',
      version: deps.version,
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
      db,
      // Finesse failover: `halted` while no Finesse node answers (sign-in and routing wait), and
      // which node sign-ins and state changes go to.
      finesse: deps.finesseUrl() ? 'ok' : 'halted',
      finesseNode: finesseNode(deps.finesseUrl()),
      // What each abuse limit refused since the start (README "Limits").
      limits: { refused: deps.refusals.snapshot() },
      // Several nodes: which one answered, and whether it leads routing (README "Running several nodes").
      ...(deps.cluster ? { node: deps.cluster.nodeId, routingLeader: deps.cluster.leading() } : {}),
    });
  });

  app.get('/gadget.xml', async (request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      // request.host: X-Forwarded-Host when a trusted proxy fetched it (TRUSTED_PROXIES), else Host.
      .send(deps.gadgetXml(request.host)),
  );

  app.post('/api/customer/session', async (request, reply) => {
    try {
      const body = parsePayload('customerSession', request.body);
      const previous = tokens.verify(body.token, 'customer');
      // A valid token renews its own session; only new sessions come out of the address's bucket.
      const wait = previous ? 0 : sessionsPerIp.take(request.ip);
      if (wait > 0) {
        deps.refusals.count('sessionsPerIp', request.ip);
        throw rateLimited('new chat sessions from this address', wait);
      }
      const id =
        previous && (await storage.customers.exists(previous.sub)) ? previous.sub : `c-${randomUUID()}`;
      await storage.customers.upsert(id, body.name);
      const { token, expiresAt } = tokens.sign(
        { sub: id, role: 'customer', name: body.name },
        config.customerTokenTtlS,
      );
      const response: CustomerSessionResponse = { token, expiresAt, customer: { id, name: body.name } };
      return reply.send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post('/api/agent/session', async (request, reply) => {
    let attempt: SignInAttempt | undefined;
    try {
      const body = parsePayload('agentSession', request.body);
      // Before Finesse sees the guess: past the allowed failures, RATE_LIMITED (signInThrottle.ts).
      attempt = signInThrottle.begin(body.agentId, deps.proxies.clientAddress(request.raw));
      const baseUrl = deps.finesseUrl();
      if (!baseUrl) {
        throw new HybridChatError(
          'FINESSE',
          'Finesse is unavailable (no node answers); sign-in resumes by itself',
        );
      }
      const finesse = createFinesseRestClient({
        baseUrl,
        authorization: body.authorization,
        timeoutMs: config.finesseTimeoutMs,
      });
      let user;
      try {
        user = await finesse.getUser(body.agentId);
      } catch (error) {
        if (
          error instanceof FinesseError &&
          (error.status === 401 || error.status === 403 || error.status === 404)
        ) {
          throw new HybridChatError('UNAUTHORIZED', 'Finesse did not accept these credentials');
        }
        request.log.warn({ err: error }, 'Finesse user check failed');
        throw error instanceof HybridChatError
          ? error
          : new HybridChatError('FINESSE', 'Finesse could not be reached', { cause: error });
      }
      if (user.loginId.toLowerCase() !== body.agentId.toLowerCase()) {
        throw new HybridChatError('UNAUTHORIZED', 'Finesse answered for another user');
      }
      checkFinesseUser(user); // a user past sane sizes is a sign-in error, not a token no socket takes
      const name = `${user.firstName} ${user.lastName}`.trim() || user.loginName || user.loginId;
      const supervisor = user.roles.includes('Supervisor');
      const { token, expiresAt } = tokens.sign(
        {
          sub: user.loginId,
          role: 'agent',
          name,
          supervisor,
          teamId: user.teamId,
          // Finesse's word on whom they supervise (server/features/supervision); none without the role.
          ...(supervisor ? { teams: supervisedTeams(user) } : {}),
        },
        config.agentTokenTtlS,
      );
      const response: AgentSessionResponse = {
        token,
        expiresAt,
        agent: {
          id: user.loginId,
          firstName: user.firstName,
          lastName: user.lastName,
          name,
          extension: user.extension,
          teamId: user.teamId,
          teamName: user.teamName,
          roles: supervisor ? ['Agent', 'Supervisor'] : ['Agent'],
        },
        voiceSync: deps.voiceSync,
      };
      deps.events.emit('agentSignedIn', { agentId: user.loginId, authorization: body.authorization });
      request.log.info({ agentId: user.loginId }, 'agent signed in');
      attempt.succeeded();
      return reply.send(response);
    } catch (error) {
      if (error instanceof HybridChatError && error.code === 'UNAUTHORIZED') attempt?.failed();
      else attempt?.abandoned();
      return sendError(reply, error);
    }
  });
}
