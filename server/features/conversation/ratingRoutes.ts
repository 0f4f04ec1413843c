/**
 * CSAT: `POST /api/customer/chats/:chatId/rating` (the customer's token, an ended chat of
 * theirs; one rating per chat — a repeat answers with the stored one), and the chat record for
 * its agent and the supervisors of its agent's team (server/features/supervision/teamAccess.ts),
 * `GET /api/agent/chats/:chatId`, which carries the rating. The summary
 * every participant gets (`chat:update`) carries it too, so the agent's open gadget sees it.
 */
import type { FastifyInstance } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { ChatRating, ChatSummary, RateChatResponse } from '../../../sdk/core/protocol.ts';
import { parsePayload } from '../../../sdk/core/protocolSchemas.ts';
import { sendError } from '../../http/sendError.ts';
import { chatFor, type ConversationDeps } from './deps.ts';
import { bearerClaims } from '../../http/bearer.ts';

type ChatParams = { Params: { chatId: string } };

export function registerRatingRoutes(app: FastifyInstance, deps: ConversationDeps): void {
  app.post<ChatParams>('/api/customer/chats/:chatId/rating', async (request, reply) => {
    try {
      const claims = bearerClaims(request, deps.tokens, 'customer');
      const chat = await chatFor(
        deps.storage.chats,
        request.params.chatId,
        (found) => found.customer.id === claims.sub,
      );
      const body = parsePayload('rateChat', request.body);
      if (chat.status !== 'ended') throw new HybridChatError('CONFLICT', 'a chat is rated once it has ended');
      const { rating, created } = await deps.storage.conversation.rate(
        chat.id,
        body.score as ChatRating['score'],
        body.comment || null,
      );
      if (created) {
        request.log.info({ chatId: chat.id, score: rating.score }, 'chat rated');
        await deps.publish(chat.id);
      }
      return reply.code(created ? 201 : 200).send({ rating } satisfies RateChatResponse);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<ChatParams>('/api/agent/chats/:chatId', async (request, reply) => {
    try {
      const claims = bearerClaims(request, deps.tokens, 'agent');
      const chat = await chatFor(
        deps.storage.chats,
        request.params.chatId,
        (found) => found.agent?.id === claims.sub || deps.teams.supervises(claims, found),
      );
      return reply.header('Cache-Control', 'no-store').send({
        chat: await deps.summaries.of(chat),
      } satisfies {
        chat: ChatSummary;
      });
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
