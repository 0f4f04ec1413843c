/** HTTP API: health, customer and agent sessions, gadget.xml. */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FinesseError, HybridChatError } from '../../sdk/core/errors.ts';
import type {
  AgentSessionResponse,
  CustomerSessionResponse,
  HttpErrorResponse,
} from '../../sdk/core/protocol.ts';
import { parsePayload } from '../../sdk/core/protocolSchemas.ts';
import { createFinesseRestClient } from '../../sdk/transport/finesseRestClient.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import type { ChatStore } from '../store/chatStore.ts';
import { errorBody } from '../sockets/handlers.ts';
import { supervisedTeams } from '../supervisor/teams.ts';

const STATUS: Partial<Record<HybridChatError['code'], number>> = {
  BAD_REQUEST: 400,
  PROTOCOL: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  FILE_TYPE: 415,
  RATE_LIMITED: 429,
  FINESSE: 502,
  TIMEOUT: 504,
};

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const body: HttpErrorResponse = { error: errorBody(error) };
  const status = error instanceof HybridChatError ? (STATUS[error.code] ?? 500) : 500;
  return reply.code(status).send(body);
}

export interface RouteDeps {
  config: ServerConfig;
  db: DatabaseSync;
  store: ChatStore;
  tokens: TokenSigner;
  /** The Finesse node to check agents against now; null while no node answers. */
  finesseUrl: () => string | null;
  voiceSync: 'gadget' | 'server';
  /** After a successful sign-in (server sync starts following the agent's voice state). */
  onAgentSignedIn: (agentId: string, authorization: string) => void;
  gadgetXml: (requestHost: string | undefined) => string;
  version: string;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { config, store, tokens } = deps;
  const startedAt = Date.now();

  app.get('/health', async (_request, reply) => {
    let db = 'ok';
    try {
      deps.db.prepare('SELECT 1').get();
    } catch {
      db = 'error';
    }
    return reply.code(db === 'ok' ? 200 : 503).send({
      status: db === 'ok' ? 'ok' : 'degraded',
      version: deps.version,
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
      db,
      // Seed 002 failover: `halted` while no Finesse node answers (sign-in and routing wait).
      finesse: deps.finesseUrl() ? 'ok' : 'halted',
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
      const id = previous && store.customerExists(previous.sub) ? previous.sub : `c-${randomUUID()}`;
      store.upsertCustomer(id, body.name);
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
    try {
      const body = parsePayload('agentSession', request.body);
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
      const name = `${user.firstName} ${user.lastName}`.trim() || user.loginName || user.loginId;
      const supervisor = user.roles.includes('Supervisor');
      const { token, expiresAt } = tokens.sign(
        {
          sub: user.loginId,
          role: 'agent',
          name,
          supervisor,
          teamId: user.teamId,
          // Finesse's word on whom they supervise (server/supervisor); none without the role.
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
      deps.onAgentSignedIn(user.loginId, body.authorization);
      request.log.info({ agentId: user.loginId }, 'agent signed in');
      return reply.send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
