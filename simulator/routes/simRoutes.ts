import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../apiError.ts';
import type { SimulatorContext } from '../context.ts';
import { UnknownNodeError } from '../nodes.ts';
import { REPORTED_STATES, type UserSnapshot } from '../users.ts';

/** The user as the test-control API shows it: no password, plain JSON. */
export function userJson(user: UserSnapshot, ctx: SimulatorContext) {
  const { agent } = user;
  const category = user.state === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY';
  return {
    id: agent.id,
    loginName: agent.loginName,
    firstName: agent.firstName,
    lastName: agent.lastName,
    configuredExtension: agent.extension,
    extension: user.extension,
    state: user.state,
    pendingState: user.pendingState,
    reasonCodeId: user.reasonCodeId,
    reasonCodeLabel: ctx.reasonCodes.find(category, user.reasonCodeId)?.label ?? null,
    stateChangeTime: user.stateChangeTime.toISOString(),
    teamId: agent.teamId,
    teamName: agent.teamName,
    roles: agent.roles,
    dialogs: user.dialogs.length,
  };
}

const forceStateBody = z
  .object({
    state: z.enum(REPORTED_STATES),
    reasonCodeId: z.number().int().optional(),
    extension: z
      .string()
      .regex(/^\d{1,16}$/)
      .optional(),
  })
  .strict();

const nodeBody = z.object({ up: z.boolean() }).strict();

/**
 * Test control under `/sim/api` (JSON), for e2e tests and demos: look at users, force a state as if
 * the agent changed it on another desktop, stop a node, reset. Not part of Finesse; unauthenticated,
 * so never expose the simulator beyond a test network.
 */
export function simRoutes(app: FastifyInstance, ctx: SimulatorContext, reset: () => void): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send({ error: error.message });
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

  app.get('/nodes', async () => ctx.nodes.list());

  app.post<{ Params: { name: string } }>('/nodes/:name', async (request) => {
    const { up } = nodeBody.parse(request.body);
    const name = request.params.name;
    if (name !== 'primary' && name !== 'secondary') throw new UnknownNodeError(name);
    return ctx.nodes.setUp(name, up);
  });

  app.post('/reset', async (_request, reply) => {
    reset();
    return reply.code(204).send();
  });
}
