import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { type ApiError, apiErrors } from '../apiError.ts';
import { assertCanChangeState, assertCanRead } from '../auth.ts';
import type { SimulatorContext } from '../context.ts';
import { finesseModes } from '../finesseVersions.ts';
import { apiErrorsXml, reasonCodesXml, systemInfoXml, userElement } from '../finesseXml.ts';
import type { UserSnapshot } from '../users.ts';
import { renderXml } from '../xml/xmlBuilder.ts';
import { chatConfigRoutes } from './chatConfigRoutes.ts';
import { dialogRoutes } from './dialogRoutes.ts';
import { MAX_XML_BODY, parseXmlBody, requestIdOf, sendXml, toApiError } from './finesseHttp.ts';
import { reasonCodeRoutes } from './reasonCodeRoutes.ts';

export { MAX_XML_BODY } from './finesseHttp.ts';

type IdParams = { Params: { id: string } };

/** Which node a request came in through (by the local port of its connection). */
export function nodeOf(ctx: SimulatorContext, request: FastifyRequest) {
  return ctx.nodes.byPort(request.raw.socket?.localPort);
}

/** Finesse's REST API under `/finesse/api`, XML in and out, Basic or Bearer auth. */
export function finesseRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { users, reasonCodes } = ctx;

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

  // A node that is up but OUT_OF_SERVICE (test control) still answers SystemInfo, and 503 to
  // everything else, so clients see it and fail over (Cisco "User API Errors": Service Unavailable).
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (nodeOf(ctx, request).status === 'OUT_OF_SERVICE' && !path.endsWith('/SystemInfo')) {
      throw apiErrors.unavailable();
    }
  });

  /** Authenticates the caller and finds the target user, checking the caller may read it. */
  const readable = (request: FastifyRequest<IdParams>): { viewer: UserSnapshot; target: UserSnapshot } => {
    const viewer = ctx.auth.authenticate(request.headers.authorization);
    const target = users.get(request.params.id);
    if (!target) throw apiErrors.notFound(`User ${request.params.id} not found.`);
    assertCanRead(viewer, target);
    return { viewer, target };
  };

  app.get<IdParams>('/User/:id', async (request, reply) => {
    const { target } = readable(request);
    return sendXml(reply, renderXml(userElement(target, reasonCodes), { declaration: true }));
  });

  // PUT answers 202 Accepted with no body; the new state arrives as a notification.
  app.put<IdParams>('/User/:id', async (request, reply) => {
    const { viewer, target } = readable(request); // 401 for someone else's user before the body
    const change = parseXmlBody(request.body, 'User', ['state', 'extension', 'reasonCodeId'] as const);
    assertCanChangeState(viewer, target, change.state);
    users.requestState(target.agent.id, change, requestIdOf(request));
    return reply.code(202).send();
  });

  // The agent's phone books (Cisco "User—Get List of Phone Books"): the simulator has none.
  app.get<IdParams>('/User/:id/PhoneBooks', async (request, reply) => {
    readable(request);
    return sendXml(reply, '<?xml version="1.0" encoding="UTF-8"?><PhoneBooks/>');
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

  // SystemInfo needs no credentials on the LAN (clients poll it to pick a node). Each
  // node reports its own status; both report the whole cluster.
  const ctiUp = ctx.now(); // the simulated CTI link comes up with the simulator
  app.get('/SystemInfo', async (request, reply) => {
    const { deployment, nodes } = ctx;
    const node = nodeOf(ctx, request);
    const xml = systemInfoXml({
      status: node.status,
      statusReason:
        node.status === 'IN_SERVICE' ? '' : 'The simulator was told to take this node out of service.',
      deploymentType: deployment.deploymentType,
      xmppDomain: deployment.xmppDomain,
      xmppPubSubDomain: deployment.xmppPubSubDomain,
      primaryNode: nodes.get('primary'),
      secondaryNode: nodes.get('secondary'),
      currentTimestamp: ctx.now(),
      systemAuthMode: finesseModes(ctx.release.version, deployment.deploymentType).sso
        ? deployment.systemAuthMode
        : undefined,
      ctiConnectedSince: ctiUp,
    });
    return sendXml(reply, xml);
  });

  dialogRoutes(app, ctx, readable);
  reasonCodeRoutes(app, ctx);
  chatConfigRoutes(app, ctx);
}
