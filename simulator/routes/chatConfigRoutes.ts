import type { FastifyInstance } from 'fastify';
import { apiErrors } from '../apiError.ts';
import { ChatConfigError } from '../chatConfig.ts';
import type { SimulatorContext } from '../context.ts';
import { el, renderXml } from '../xml/xmlBuilder.ts';
import { parseXmlBody, sendXml } from './finesseHttp.ts';

const URI = '/finesse/api/ChatConfig';

/**
 * "Desktop Chat Server Settings" as Finesse's ChatConfig administrator API (Cisco Finesse Web
 * Services Developer Guide, "ChatConfig"): `GET` reads the primary and secondary chat servers, `PUT`
 * saves them (elements left out keep their value; an empty one clears it). Agents get 401.
 */
export function chatConfigRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { auth, chatConfig } = ctx;

  const xml = () => {
    const { primary, secondary } = chatConfig.get();
    return renderXml(
      el('ChatConfig', el('uri', URI), el('primaryNode', primary), el('secondaryNode', secondary)),
      {
        declaration: true,
      },
    );
  };

  app.get('/ChatConfig', async (request, reply) => {
    if (!auth.isAdmin(request.headers.authorization)) throw apiErrors.unauthorized();
    return sendXml(reply, xml());
  });

  app.put('/ChatConfig', async (request, reply) => {
    if (!auth.isAdmin(request.headers.authorization)) throw apiErrors.unauthorized();
    const body = parseXmlBody(request.body, 'ChatConfig', ['primaryNode', 'secondaryNode'] as const);
    const current = chatConfig.get();
    try {
      chatConfig.set({
        primary: body.primaryNode ?? current.primary,
        secondary: body.secondaryNode ?? current.secondary,
      });
    } catch (error) {
      if (error instanceof ChatConfigError) throw apiErrors.invalidInput(error.message, error.value);
      throw error;
    }
    return sendXml(reply, xml());
  });
}
