import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiErrors } from '../apiError.ts';
import { assertCanRead } from '../auth.ts';
import type { CallAction } from '../calls.ts';
import type { SimulatorContext } from '../context.ts';
import { dialogsXml, dialogXml } from '../dialogs.ts';
import type { UserSnapshot } from '../users.ts';
import { parseXmlBody, requestIdOf, sendXml } from './finesseHttp.ts';

type IdParams = { Params: { id: string } };
type Readable = (request: FastifyRequest<IdParams>) => { viewer: UserSnapshot; target: UserSnapshot };

const SIMULATED_ACTIONS: readonly CallAction[] = ['ANSWER', 'HOLD', 'RETRIEVE', 'DROP'];

/** finesse.js `Dialog.Actions` the simulator lists but does not carry out (Cisco "Dialog.Actions"). */
const OTHER_ACTIONS = [
  'ACCEPT',
  'BARGE_CALL',
  'CLOSE',
  'CONFERENCE',
  'CONSULT_CALL',
  'DTMF',
  'MAKE_CALL',
  'PARTICIPANT_DROP',
  'RECLASSIFY',
  'REJECT',
  'START_RECORDING',
  'TRANSFER',
  'TRANSFER_SST',
  'UPDATE_CALL_DATA',
];

/**
 * Dialogs (Cisco Finesse Web Services Developer Guide: "User—Get List of Dialogs", "Dialog—Get Dialog", "Dialog—Take
 * Action on Participant"). Calls themselves are started by the test control API (`/sim/api`), as a
 * caller would dial in; the agent answers, holds, retrieves and drops them here, as the desktop does.
 */
export function dialogRoutes(app: FastifyInstance, ctx: SimulatorContext, readable: Readable): void {
  const { calls, users } = ctx;

  app.get<IdParams>('/User/:id/Dialogs', async (request, reply) => {
    const { target } = readable(request);
    return sendXml(reply, dialogsXml(calls.dialogsOf(target.agent.id)));
  });

  /** The dialog and its agent, if the caller may see it (its agent, or that agent's supervisor). */
  const visible = (request: FastifyRequest<IdParams>) => {
    const viewer = ctx.auth.authenticate(request.headers.authorization);
    const found = calls.get(request.params.id);
    const owner = found && users.get(found.userId);
    if (!found || !owner) throw apiErrors.notFound(`Dialog ${request.params.id} not found.`);
    assertCanRead(viewer, owner);
    return { viewer, owner, dialog: found.dialog };
  };

  app.get<IdParams>('/Dialog/:id', async (request, reply) =>
    sendXml(reply, dialogXml(visible(request).dialog)),
  );

  // Answers 202; the change arrives as a Dialog notification (and a User one for the new state).
  app.put<IdParams>('/Dialog/:id', async (request, reply) => {
    const { viewer, owner, dialog } = visible(request);
    if (viewer.agent.id !== owner.agent.id) throw apiErrors.otherUser(owner.agent.id);
    const body = parseXmlBody(request.body, 'Dialog', ['requestedAction', 'targetMediaAddress'] as const);
    const action = body.requestedAction;
    if (!action) throw apiErrors.parameterMissing('The requestedAction is not provided.');
    if (!body.targetMediaAddress) throw apiErrors.parameterMissing('The targetMediaAddress is not provided.');
    if (body.targetMediaAddress !== owner.extension) {
      throw apiErrors.invalidInput('The targetMediaAddress is not your extension.', body.targetMediaAddress);
    }
    if (OTHER_ACTIONS.includes(action)) {
      throw apiErrors.invalidInput(`The simulator does not carry out ${action}.`, action);
    }
    if (!(SIMULATED_ACTIONS as readonly string[]).includes(action)) {
      throw apiErrors.invalidInput('The requestedAction is not recognized.', action);
    }
    calls.act(dialog.id, action as CallAction, requestIdOf(request));
    return reply.code(202).send();
  });
}
