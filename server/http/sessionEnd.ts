/**
 * The end of a session: `DELETE /api/agent/session` (the gadget's sign-out) and
 * `DELETE /api/customer/session` (the widget's end of the customer session), each with the session
 * token as `Authorization: Bearer`. The token is revoked until its expiry (server/auth/revocations.ts):
 * from then on HTTP requests with it get 401, handshakes with it are refused, and the sockets that
 * connected with it are disconnected (server/sockets/tokenWatch.ts). Answers 204; a token that is
 * already invalid gets 401 like any other request.
 */
import type { FastifyInstance } from 'fastify';
import type { Revocations } from '../auth/revocations.ts';
import type { TokenClaims, TokenSigner } from '../auth/tokens.ts';
import { bearerClaims } from './bearer.ts';
import { sendError } from './sendError.ts';

export interface SessionEndDeps {
  tokens: TokenSigner;
  revocations: Pick<Revocations, 'revoke'>;
}

export function registerSessionEndRoutes(app: FastifyInstance, deps: SessionEndDeps): void {
  const route = (role: TokenClaims['role']) =>
    app.delete(`/api/${role}/session`, async (request, reply) => {
      try {
        const claims = bearerClaims(request, deps.tokens, role);
        // A token signed before tokens had ids cannot be revoked; it lives out its expiry.
        const revoked = await deps.revocations.revoke(claims);
        request.log.info({ role, id: claims.sub, revoked }, 'session ended');
        return reply.code(204).send();
      } catch (error) {
        return sendError(reply, error);
      }
    });
  route('agent');
  route('customer');
}
