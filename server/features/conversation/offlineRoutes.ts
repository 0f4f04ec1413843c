/**
 * Messages left when no chat was possible (outside business hours, or nobody to take it):
 * `POST /api/widget/messages` from the widget (public, limited per address, idempotent on the
 * client id), and for agents and supervisors (their session token) `GET /api/agent/messages`
 * and `POST /api/agent/messages/:id/handled`. The gadget shows them in its Messages panel
 * (gadget/components/LeftMessages).
 */
import type { FastifyInstance } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { LeaveMessageResponse, OfflineMessage, OfflineMessageList } from '../../../sdk/core/protocol.ts';
import { parsePayload } from '../../../sdk/core/protocolSchemas.ts';
import type { ConversationDeps } from './deps.ts';
import { bearerClaims } from '../../http/bearer.ts';
import { createRateLimiter } from './rateLimit.ts';
import { sendError } from '../../http/sendError.ts';

/** Five messages per address per quarter hour: plenty for people, little for a script. */
export const LEAVE_MESSAGE_LIMIT = { limit: 5, windowMs: 15 * 60_000 };

export function registerOfflineRoutes(app: FastifyInstance, deps: ConversationDeps): void {
  const limiter = createRateLimiter(LEAVE_MESSAGE_LIMIT);

  app.post('/api/widget/messages', async (request, reply) => {
    try {
      const body = parsePayload('leaveMessage', request.body);
      // A retry of a stored message is answered without counting against the limit.
      const stored = await deps.storage.conversation.offlineMessageByClientId(body.clientId);
      if (stored)
        return reply.send({ id: stored.id, createdAt: stored.createdAt } satisfies LeaveMessageResponse);
      limiter.take(`ip:${request.ip}`);
      const queue = body.queue ?? deps.config.defaultQueue;
      const { availability } = await deps.admission.availability(queue);
      const { message, created } = await deps.storage.conversation.leaveMessage({
        clientId: body.clientId,
        queue,
        name: body.name,
        email: body.email,
        phone: body.phone || null,
        message: body.message,
        locale: body.locale ?? null,
        reason: availability === 'closed' ? 'closed' : body.reason === 'max-wait' ? 'max-wait' : 'unstaffed',
      });
      if (created) request.log.info({ messageId: message.id, queue }, 'message left for the contact center');
      const response: LeaveMessageResponse = { id: message.id, createdAt: message.createdAt };
      return reply.code(created ? 201 : 200).send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get('/api/agent/messages', async (request, reply) => {
    try {
      bearerClaims(request, deps.tokens, 'agent');
      const { status } = parsePayload('offlineMessagesQuery', request.query);
      const response: OfflineMessageList = {
        messages: await deps.storage.conversation.offlineMessages(status),
      };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post<{ Params: { id: string } }>('/api/agent/messages/:id/handled', async (request, reply) => {
    try {
      const claims = bearerClaims(request, deps.tokens, 'agent');
      const found = /^[0-9a-f-]{36}$/.test(request.params.id)
        ? await deps.storage.conversation.markHandled(request.params.id, claims.sub)
        : null;
      if (!found) throw new HybridChatError('NOT_FOUND', 'no such message');
      request.log.info({ messageId: found.id, agentId: claims.sub }, 'left message handled');
      return reply.send({ message: found } satisfies { message: OfflineMessage });
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
