import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { usesSso } from '../auth.ts';
import type { SimulatorContext } from '../context.ts';

const signInBody = z
  .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(128) })
  .strict();

function refuse(reply: FastifyReply, status: 400 | 401, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

/**
 * Single sign-on. Real Finesse sends the browser through Cisco IdS to the customer's IdP and back
 * with a token pair (Cisco "Single Sign-On—Fetch Access Token"); here the desktop's "Sign in with
 * SSO" page posts the agent's IdP credentials to `POST /sim/idp/token`, the simulated IdP+IdS,
 * which answers the same JSON. Then every REST request carries `Authorization: Bearer <token>`.
 * `POST /desktop/sso/token` is Finesse's own refresh API (form fields `token` and `refresh-token`,
 * Cisco "Single Sign-On—Refresh Existing Access Token"; clients refresh after 75% of the lifetime).
 */
export function ssoRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.post('/sim/idp/token', async (request, reply) => {
    if (ctx.auth.mode === 'NON_SSO') return refuse(reply, 400, 'Single sign-on is not enabled (NON_SSO).');
    const parsed = signInBody.safeParse(request.body);
    if (!parsed.success) return refuse(reply, 400, 'Enter your username and password.');
    const user = ctx.auth.checkPassword(parsed.data.username, parsed.data.password);
    if (!user) return refuse(reply, 401, 'The username or password is incorrect.');
    if (!usesSso(ctx.auth.mode, user)) {
      return refuse(reply, 400, 'This user does not sign in with SSO; use the Finesse password.');
    }
    return reply.header('cache-control', 'no-store').send(ctx.tokens.issue(user.agent.id));
  });

  app.post('/desktop/sso/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const refreshToken = typeof body['refresh-token'] === 'string' ? body['refresh-token'] : '';
    if (!token || !refreshToken) return refuse(reply, 400, 'token and refresh-token are required.');
    const grant = ctx.tokens.refresh(token, refreshToken);
    if (!grant) return refuse(reply, 401, 'The refresh token is invalid or has expired.');
    return reply.header('cache-control', 'no-store').send(grant);
  });
}
