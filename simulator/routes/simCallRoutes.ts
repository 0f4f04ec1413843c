import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../apiError.ts';
import type { CallAction } from '../calls.ts';
import { CALL_KINDS } from '../callTypes.ts';
import type { SimulatorContext } from '../context.ts';
import type { UserSnapshot } from '../users.ts';
import { dialogJson, userJson } from './simJson.ts';

const callBody = z
  .object({
    type: z.enum(CALL_KINDS),
    /** The caller: a customer number or another agent's extension (digits, +, *, #). */
    from: z
      .string()
      .regex(/^\+?[0-9*#]{1,32}$/)
      .optional(),
    callVariables: z
      .record(z.string().regex(/^(callVariable([1-9]|10)|user\.[A-Za-z0-9_.]{1,32})$/), z.string().max(210))
      .optional(),
  })
  .strict();

const ACTIONS: Record<string, CallAction> = {
  answer: 'ANSWER',
  hold: 'HOLD',
  retrieve: 'RETRIEVE',
  end: 'DROP',
};

/**
 * Calls under `/sim/api` (JSON): ring an agent as a caller would, then answer, hold, retrieve or end
 * the call as the agent's phone would (the desktop itself uses Finesse's `PUT /Dialog/{id}`), and end
 * wrap-up as its timer would. Errors are `{ error, errorType }` with Finesse's status and ErrorType.
 */
export function simCallRoutes(
  app: FastifyInstance,
  ctx: SimulatorContext,
  mustGet: (id: string) => UserSnapshot,
): void {
  const { calls } = ctx;

  app.post<{ Params: { id: string } }>('/users/:id/calls', async (request, reply) => {
    mustGet(request.params.id);
    const body = callBody.parse(request.body);
    const dialog = calls.place(request.params.id, { kind: body.type, ...body });
    return reply.code(201).send(dialogJson(dialog, request.params.id));
  });

  app.get<{ Params: { id: string } }>('/users/:id/dialogs', async (request) => {
    mustGet(request.params.id);
    return calls.dialogsOf(request.params.id).map((dialog) => dialogJson(dialog, request.params.id));
  });

  app.get<{ Params: { id: string } }>('/dialogs/:id', async (request) => {
    const found = calls.get(request.params.id);
    if (!found) throw new ApiError(404, 'Not Found', `no dialog ${request.params.id}`);
    return dialogJson(found.dialog, found.userId);
  });

  app.post<{ Params: { id: string; action: string } }>('/dialogs/:id/:action', async (request) => {
    const { id, action: name } = request.params;
    const action = ACTIONS[name];
    if (!action && name !== 'connect') throw new ApiError(404, 'Not Found', `no action ${name}`);
    const found = calls.get(id);
    if (!found) throw new ApiError(404, 'Not Found', `no dialog ${id}`);
    // `connect`: the called party answers a call the agent placed (MAKE_CALL).
    return dialogJson(action ? calls.act(id, action) : calls.connect(id), found.userId);
  });

  app.post<{ Params: { id: string } }>('/users/:id/wrapup/complete', async (request) => {
    mustGet(request.params.id);
    calls.completeWrapUp(request.params.id);
    return userJson(mustGet(request.params.id), ctx);
  });
}
