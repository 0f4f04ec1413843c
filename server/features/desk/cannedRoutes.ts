/**
 * `GET /api/agent/canned` (agent session token): the canned messages, read once at start. The
 * gadget keeps a copy per agent, so they work while the server cannot be reached.
 */
import type { FastifyInstance } from 'fastify';
import type { CannedMessage, CannedMessageList } from '../../../sdk/core/protocol.ts';
import type { TokenSigner } from '../../auth/tokens.ts';
import { bearerClaims } from '../../http/bearer.ts';
import { sendError } from '../../http/sendError.ts';

export function registerCannedRoutes(
  app: FastifyInstance,
  deps: { tokens: TokenSigner; messages: CannedMessage[] },
): void {
  const response: CannedMessageList = { messages: deps.messages };
  app.get('/api/agent/canned', async (request, reply) => {
    try {
      bearerClaims(request, deps.tokens, 'agent');
      // Private: the texts are the contact center's own, not for shared caches.
      return reply.header('Cache-Control', 'private, no-cache').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
