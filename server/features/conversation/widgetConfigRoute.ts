/**
 * `GET /api/widget/config?queue=&locale=`: what the widget needs before the first word — the
 * pre-chat fields of the queue (labels in the widget's language) and whether a chat can start
 * now or the customer should leave a message. Public; never cached (availability is live).
 */
import type { FastifyInstance } from 'fastify';
import type { WidgetConfigResponse } from '../../../sdk/core/protocol.ts';
import { parsePayload } from '../../../sdk/core/protocolSchemas.ts';
import type { ConversationDeps } from './deps.ts';
import { sendError } from '../../http/sendError.ts';

export function registerWidgetConfigRoute(app: FastifyInstance, deps: ConversationDeps): void {
  app.get('/api/widget/config', async (request, reply) => {
    try {
      const query = parsePayload('widgetConfigQuery', request.query);
      const queue = query.queue ?? deps.config.defaultQueue;
      const { availability, nextOpenAt } = deps.admission.availability(queue);
      const response: WidgetConfigResponse = {
        queue,
        prechat: { fields: deps.queues.publicFields(queue, query.locale ?? 'en') },
        availability,
        nextOpenAt,
        transcriptEmail: deps.mail !== null,
      };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
