import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiErrors } from '../apiError.ts';
import { assertCanRead } from '../auth.ts';
import type { CallAction } from '../calls.ts';
import type { SimulatorContext } from '../context.ts';
import { dialogsXml, dialogXml } from '../dialogs.ts';
import type { UserSnapshot } from '../users.ts';
import { parseXmlSafely, textOf } from '../xml/xmlParser.ts';
import { MAX_XML_BODY, parseXmlBody, requestIdOf, sendXml } from './finesseHttp.ts';

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
  'PARTICIPANT_DROP',
  'RECLASSIFY',
  'REJECT',
  'START_RECORDING',
  'TRANSFER',
  'TRANSFER_SST',
  'UPDATE_CALL_DATA',
];

const CALL_VARIABLE = /^(callVariable([1-9]|10)|user\.[A-Za-z0-9_.]{1,32})$/;

/**
 * The call variables of a MAKE_CALL body (`<mediaProperties><callvariables><CallVariable><name/><value/>`,
 * Unified CCE only), or undefined when the body has no mediaProperties. The body was already parsed
 * once by `parseXmlBody`, so it is well-formed XML here.
 */
function makeCallVariables(body: string): Record<string, string> | undefined {
  const doc = parseXmlSafely(body, { maxLength: MAX_XML_BODY, arrays: ['CallVariable'] });
  const dialog = doc.Dialog as Record<string, unknown> | undefined;
  if (!dialog || dialog.mediaProperties === undefined) return undefined;
  const media = dialog.mediaProperties as { callvariables?: { CallVariable?: unknown[] } } | string;
  const list = typeof media === 'object' ? (media.callvariables?.CallVariable ?? []) : [];
  const variables: Record<string, string> = {};
  for (const item of list as { name?: unknown; value?: unknown }[]) {
    const name = textOf(item?.name).trim();
    if (!CALL_VARIABLE.test(name)) throw apiErrors.invalidInput('Not a call variable name.', name);
    variables[name] = textOf(item?.value ?? '');
  }
  return variables;
}

/**
 * Dialogs (Cisco Finesse Web Services Developer Guide: "User—Get List of Dialogs", "Dialog—Get Dialog", "Dialog—Take
 * Action on Participant", "Dialog—Create a New Dialog (Make a Call)"). Incoming calls are started by the
 * test control API (`/sim/api`), as a caller would dial in; the agent answers, holds, retrieves and
 * drops them here, as the desktop does, and places calls with MAKE_CALL.
 */
export function dialogRoutes(app: FastifyInstance, ctx: SimulatorContext, readable: Readable): void {
  const { calls, users } = ctx;

  app.get<IdParams>('/User/:id/Dialogs', async (request, reply) => {
    const { target } = readable(request);
    return sendXml(reply, dialogsXml(calls.dialogsOf(target.agent.id)));
  });

  // MAKE_CALL: 202 with no body; the new dialog arrives as Dialog notifications (POST, then PUTs).
  app.post<IdParams>('/User/:id/Dialogs', async (request, reply) => {
    const { viewer, target } = readable(request);
    if (viewer.agent.id !== target.agent.id) throw apiErrors.otherUser(target.agent.id);
    const fields = ['requestedAction', 'fromAddress', 'toAddress'] as const;
    const body = parseXmlBody(request.body, 'Dialog', fields);
    for (const field of fields) {
      if (!body[field]) throw apiErrors.parameterMissing(`The ${field} is not provided.`);
    }
    if (body.requestedAction !== 'MAKE_CALL') {
      throw apiErrors.invalidInput('The requestedAction must be MAKE_CALL.', body.requestedAction);
    }
    const callVariables = makeCallVariables(request.body as string);
    if (callVariables && ctx.deployment.deploymentType === 'UCCX') {
      throw apiErrors.invalidInput('Unified CCX takes no mediaProperties with MAKE_CALL.');
    }
    calls.makeCall(
      target.agent.id,
      { from: body.fromAddress ?? '', to: body.toAddress ?? '', callVariables },
      requestIdOf(request),
    );
    return reply.code(202).send();
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
