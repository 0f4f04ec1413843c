/**
 * `GET /api/widget/config?queue=&locale=`: what the widget needs before the first word — the
 * pre-chat fields of the queue (labels in the widget's language), whether a chat can start now or
 * the customer should leave a message, and who answers: the team, its greeting and, while open, how
 * long a chat started now would likely wait. Public; never cached (availability is live).
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
      const locale = query.locale ?? 'en';
      const { availability, nextOpenAt } = await deps.admission.availability(queue);
      // An estimate that cannot be had (history unreadable) is left out, never a failed config.
      const replyEstimate =
        availability === 'open' && deps.replyEstimate
          ? await deps.replyEstimate(queue).catch(() => null)
          : null;
      const response: WidgetConfigResponse = {
        queue,
        prechat: { fields: deps.queues.publicFields(queue, locale) },
        availability,
        nextOpenAt,
        transcriptEmail: deps.mail !== null,
        ...deps.queues.publicIntro(queue, locale),
        ...(replyEstimate ? { replyEstimate } : {}),
      };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
