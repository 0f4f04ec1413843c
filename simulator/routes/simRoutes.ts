import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../apiError.ts';
import type { SimulatorContext } from '../context.ts';
import { isNodeName, UnknownNodeError } from '../nodes.ts';
import { REPORTED_STATES, type UserState } from '../users.ts';
import { simCallRoutes } from './simCallRoutes.ts';
import { simProxyRoutes } from './simProxyRoutes.ts';
import { simVersionRoutes } from './simVersionRoutes.ts';
import { nodeJson, userJson } from './simJson.ts';

const forceStateBody = z
  .object({
    state: z.enum(REPORTED_STATES as [UserState, ...UserState[]]),
    reasonCodeId: z.number().int().optional(),
    extension: z
      .string()
      .regex(/^\d{1,16}$/)
      .optional(),
  })
  .strict();

const nodeBody = z
  .object({ up: z.boolean().optional(), status: z.enum(['IN_SERVICE', 'OUT_OF_SERVICE']).optional() })
  .strict()
  .refine((body) => body.up !== undefined || body.status !== undefined, 'give up and/or status');

/**
 * Test control under `/sim/api` (JSON), for e2e tests and demos: look at users, force a state as if
 * the agent changed it on another desktop, ring agents with calls, stop a node, reset. Not part of
 * Finesse; unauthenticated, so never expose the simulator beyond a test network. Every node that is
 * up serves it, so a test stops one node through the other.
 */
export function simRoutes(app: FastifyInstance, ctx: SimulatorContext, reset: () => Promise<void>): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.status).send({ error: error.message, errorType: error.errorType });
    }
    if (error instanceof z.ZodError) return reply.code(400).send({ error: z.prettifyError(error) });
    if (error instanceof UnknownNodeError) return reply.code(404).send({ error: error.message });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: status < 500 ? (error as Error).message : 'internal error' });
  });

  const mustGet = (id: string) => {
    const user = ctx.users.get(id);
    if (!user) throw new ApiError(404, 'Not Found', `no user ${id}`);
    return user;
  };

  app.get('/users', async () => ctx.users.list().map((user) => userJson(user, ctx)));

  app.get<{ Params: { id: string } }>('/users/:id', async (request) =>
    userJson(mustGet(request.params.id), ctx),
  );

  app.post<{ Params: { id: string } }>('/users/:id/state', async (request) => {
    mustGet(request.params.id);
    const body = forceStateBody.parse(request.body);
    return userJson(ctx.users.forceState(request.params.id, body), ctx);
  });

  // An SSO token for a user without the IdP sign-in form (tests of the Bearer path).
  app.post<{ Params: { id: string } }>('/users/:id/sso-token', async (request, reply) => {
    mustGet(request.params.id);
    return reply.code(201).send(ctx.tokens.issue(request.params.id));
  });

  simCallRoutes(app, ctx, mustGet);
  simProxyRoutes(app, ctx.reverseProxy);

  app.get('/nodes', async (request) => ctx.nodes.list().map((node) => nodeJson(node, ctx, request)));

  app.post<{ Params: { name: string } }>('/nodes/:name', async (request, reply) => {
    const body = nodeBody.parse(request.body);
    const { name } = request.params;
    if (!isNodeName(name) || !ctx.nodes.get(name)) throw new UnknownNodeError(name);
    // Stopping the node this very request came through: answer first, then drop the connection.
    const socket = request.raw.socket;
    const viaThisNode = body.up === false && ctx.nodes.byPort(socket?.localPort).name === name;
    const keep = viaThisNode
      ? { socket, finished: new Promise<void>((resolve) => reply.raw.once('close', () => resolve())) }
      : undefined;
    if (keep) reply.header('connection', 'close');
    return nodeJson(await ctx.cluster.set(name, body, keep), ctx, request);
  });

  simVersionRoutes(app, ctx);

  app.post('/reset', async (_request, reply) => {
    await reset();
    return reply.code(204).send();
  });
}
