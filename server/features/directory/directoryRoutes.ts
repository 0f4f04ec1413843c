/**
 * `GET /api/agent/directory?q=…` (agent session token): the contact center's agents whose id or
 * name contains `q`, for the Desktop Chat's contact search when the IM server has no user
 * directory (XEP-0055). Cisco's Desktop Chat searches the UCM LDAP directory through IM and
 * Presence; here the agents the chat server knows (every agent seen, from storage) are the directory.
 */
import type { FastifyInstance } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { AgentDirectoryResponse } from '../../../sdk/desktop-chat/directory.ts';
import type { TokenSigner } from '../../auth/tokens.ts';
import type { AgentStore } from '../../core/storage/storage.ts';
import { bearerClaims } from '../../http/bearer.ts';
import { sendError } from '../../http/sendError.ts';

/** Results per answer: a search field shows a short list. */
export const DIRECTORY_LIMIT = 20;
const MAX_QUERY = 64;
/** The list of agents is read again after this long (agents are added rarely). */
const REFRESH_MS = 60_000;

export interface DirectoryDeps {
  readonly tokens: TokenSigner;
  readonly agents: Pick<AgentStore, 'all'>;
  readonly now?: () => number;
}

export function registerDirectoryRoutes(app: FastifyInstance, deps: DirectoryDeps): void {
  const now = deps.now ?? Date.now;
  let cache: { at: number; agents: Promise<Array<{ id: string; name: string }>> } | null = null;
  const agents = () => {
    if (!cache || now() - cache.at > REFRESH_MS) {
      const read = deps.agents.all().then((all) => all.map(({ id, name }) => ({ id, name })));
      cache = { at: now(), agents: read };
      read.catch(() => (cache = null));
    }
    return cache.agents;
  };

  app.get('/api/agent/directory', async (request, reply) => {
    try {
      bearerClaims(request, deps.tokens, 'agent');
      const raw = (request.query as { q?: unknown }).q;
      const query = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (!query || query.length > MAX_QUERY) {
        throw new HybridChatError('BAD_REQUEST', `q must have 1 to ${MAX_QUERY} characters`);
      }
      const matches = (await agents())
        .filter((agent) => agent.id.toLowerCase().includes(query) || agent.name.toLowerCase().includes(query))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, DIRECTORY_LIMIT);
      const body: AgentDirectoryResponse = { agents: matches };
      return reply.header('Cache-Control', 'private, no-store').send(body);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
