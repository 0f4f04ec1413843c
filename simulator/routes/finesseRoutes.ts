import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiErrors } from '../apiError.ts';
import { assertCanChangeState, assertCanRead, authenticate } from '../auth.ts';
import type { SimulatorContext } from '../context.ts';
import { dialogsElement } from '../dialogs.ts';
import { apiErrorsXml, reasonCodesXml, systemInfoXml, userElement } from '../finesseXml.ts';
import type { UserSnapshot } from '../users.ts';
import { renderXml } from '../xml/xmlBuilder.ts';
import { parseXmlSafely, textOf, XmlRejectedError } from '../xml/xmlParser.ts';

/** A User PUT body is a handful of short elements; anything past this is refused (400). */
export const MAX_XML_BODY = 16 * 1024;

type IdParams = { Params: { id: string } };

const XML = 'application/xml; charset=utf-8';

function sendXml(reply: FastifyReply, xml: string, status = 200): FastifyReply {
  return reply.code(status).type(XML).send(xml);
}

/** The REST API under `/finesse/api` (FINESSE.md, "REST API"), XML in and out, Basic auth. */
export function finesseRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { users, reasonCodes, nodes } = ctx;

  // Only XML bodies here; JSON or anything else is a 400 like any other malformed request.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: MAX_XML_BODY },
    (_request, body, done) => done(null, body),
  );

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'finesse api error');
    return sendXml(reply, apiErrorsXml(apiError), apiError.status);
  });
  app.setNotFoundHandler((_request, reply) => sendXml(reply, apiErrorsXml(apiErrors.notFound()), 404));

  // A node marked down (test control) stops serving, so clients see the failure and fail over.
  app.addHook('onRequest', async () => {
    if (!nodes.get('primary')?.up) throw apiErrors.unavailable();
  });

  /** Authenticates the caller and finds the target user, checking the caller may read it. */
  const readable = (request: FastifyRequest<IdParams>): { viewer: UserSnapshot; target: UserSnapshot } => {
    const viewer = authenticate(users, request.headers.authorization);
    const target = users.get(request.params.id);
    if (!target) throw apiErrors.notFound(`User ${request.params.id} not found.`);
    assertCanRead(viewer, target);
    return { viewer, target };
  };

  app.get<IdParams>('/User/:id', async (request, reply) => {
    const { target } = readable(request);
    return sendXml(reply, renderXml(userElement(target, reasonCodes), { declaration: true }));
  });

  // FINESSE.md: PUT answers 202 Accepted with no body; the new state arrives as a notification.
  app.put<IdParams>('/User/:id', async (request, reply) => {
    const actor = authenticate(users, request.headers.authorization);
    const target = users.get(request.params.id);
    if (!target) throw apiErrors.notFound(`User ${request.params.id} not found.`);
    assertCanRead(actor, target); // 401 for someone else's user before looking at the body
    const change = parseUserBody(request.body);
    assertCanChangeState(actor, target, change.state);
    users.requestState(target.agent.id, change, requestIdOf(request));
    return reply.code(202).send();
  });

  app.get<IdParams & { Querystring: { category?: string } }>(
    '/User/:id/ReasonCodes',
    async (request, reply) => {
      readable(request);
      const { category } = request.query;
      if (!category) throw apiErrors.parameterMissing('The category is not provided.');
      if (category !== 'NOT_READY' && category !== 'LOGOUT') {
        throw apiErrors.invalidInput('The category must be NOT_READY or LOGOUT.', category);
      }
      return sendXml(reply, reasonCodesXml(category, reasonCodes.list(category)));
    },
  );

  app.get<IdParams>('/User/:id/Dialogs', async (request, reply) => {
    const { target } = readable(request);
    return sendXml(reply, renderXml(dialogsElement(target.dialogs), { declaration: true }));
  });

  // SystemInfo needs no credentials on the LAN (clients poll it to pick a node; FINESSE.md).
  app.get('/SystemInfo', async (_request, reply) => {
    const { deployment } = ctx;
    const xml = systemInfoXml({
      status: 'IN_SERVICE',
      statusReason: '',
      deploymentType: deployment.deploymentType,
      xmppDomain: deployment.xmppDomain,
      xmppPubSubDomain: deployment.xmppPubSubDomain,
      primaryNode: nodes.get('primary'),
      secondaryNode: nodes.get('secondary'),
      currentTimestamp: ctx.now(),
      systemAuthMode: deployment.systemAuthMode,
    });
    return sendXml(reply, xml);
  });
}

/** Finesse echoes a `requestId` request header in the resulting `<Update>` (Cisco "Change Agent State"). */
function requestIdOf(request: FastifyRequest): string {
  const value = request.headers.requestid;
  return typeof value === 'string' ? value.slice(0, 128) : '';
}

/** Reads `<User><state/><extension/><reasonCodeId/></User>`; every failure is a 400 `Bad Request`. */
function parseUserBody(body: unknown): { state?: string; extension?: string; reasonCodeId?: string } {
  if (typeof body !== 'string' || body.trim() === '') {
    throw apiErrors.badRequest('The request body must be a User XML document (application/xml).');
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseXmlSafely(body, { maxLength: MAX_XML_BODY });
  } catch (error) {
    if (error instanceof XmlRejectedError) throw apiErrors.badRequest(error.message);
    throw error;
  }
  const root = doc.User;
  const names = Object.keys(doc);
  if (names.length !== 1 || root === undefined)
    throw apiErrors.badRequest('The root element must be <User>.');
  const user = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  const field = (name: string): string | undefined => {
    const value = user[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw apiErrors.badRequest(`<${name}> must be given once, as text.`);
    return textOf(value).trim();
  };
  return { state: field('state'), extension: field('extension'), reasonCodeId: field('reasonCodeId') };
}

function toApiError(error: FastifyError | ApiError): ApiError {
  if (error instanceof ApiError) return error;
  // Fastify's own request errors (body too large, unsupported media type, bad JSON…) are all a
  // malformed request to Finesse: 400 with the reason, never a stack trace.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return apiErrors.badRequest(error.message, error.code);
  return apiErrors.internal();
}
