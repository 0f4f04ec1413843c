import type { FastifyInstance } from 'fastify';
import { apiErrors } from '../apiError.ts';
import type { SimulatorContext } from '../context.ts';
import { reasonCodeElement } from '../finesseXml.ts';
import type { ReasonCodeCategory } from '../reasonCodes.ts';
import { el, renderXml } from '../xml/xmlBuilder.ts';
import { sendXml } from './finesseHttp.ts';

function category(value: string | undefined): ReasonCodeCategory {
  if (!value) throw apiErrors.parameterMissing('The category is not provided.');
  if (value !== 'NOT_READY' && value !== 'LOGOUT') {
    throw apiErrors.invalidInput('The category must be NOT_READY or LOGOUT.', value);
  }
  return value;
}

/**
 * The reason-code configuration APIs (Cisco "ReasonCode—Get List" and "ReasonCode—Get"). The list
 * is an administrator API, so agents get 401 Authorization Failure and use
 * `/finesse/api/User/{id}/ReasonCodes` instead; one reason code may be read by agents too.
 * Finesse's admin ReasonCode also carries `systemCode` (false for configured codes).
 */
export function reasonCodeRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { reasonCodes, auth } = ctx;
  const withSystemCode = (code: Parameters<typeof reasonCodeElement>[0]) => {
    const element = reasonCodeElement(code);
    return { ...element, children: [...element.children, el('systemCode', false)] };
  };

  app.get<{ Querystring: { category?: string } }>('/ReasonCodes', async (request, reply) => {
    if (!auth.isAdmin(request.headers.authorization)) throw apiErrors.unauthorized();
    const codes = reasonCodes.list(category(request.query.category));
    return sendXml(reply, renderXml(el('ReasonCodes', ...codes.map(withSystemCode)), { declaration: true }));
  });

  app.get<{ Params: { id: string } }>('/ReasonCode/:id', async (request, reply) => {
    if (!auth.isAdmin(request.headers.authorization)) auth.authenticate(request.headers.authorization);
    const id = Number(request.params.id);
    const code = reasonCodes.find('NOT_READY', id) ?? reasonCodes.find('LOGOUT', id);
    if (!code || !/^\d{1,9}$/.test(request.params.id))
      throw apiErrors.notFound(`ReasonCode ${request.params.id} not found.`);
    return sendXml(reply, renderXml(withSystemCode(code), { declaration: true }));
  });
}
