/**
 * The customer panel over HTTP (agent session token). An agent sees the customer of a chat they
 * are in now (or just ended, while its tab is still open), a supervisor any chat's; everyone else
 * gets NOT_FOUND, so chat ids reveal nothing.
 * - `GET /api/agent/chats/:chatId/customer`: pre-chat data, channel and the previous chats.
 * - `GET /api/agent/chats/:chatId/customer/chats/:previousId`: one previous chat's transcript.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { CustomerProfile, PreviousTranscript } from '../../sdk/core/protocol.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import { allMessages, chatFor } from '../conversation/deps.ts';
import { bearerClaims } from '../conversation/httpAuth.ts';
import { sendError } from '../http/routes.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { createCustomerHistory } from './customerHistory.ts';

/** How long after its end the agent of a chat may still look at its customer (the tab is open). */
export const ENDED_GRACE_MS = 3600_000;

export interface CustomerRouteDeps {
  db: DatabaseSync;
  store: ChatStore;
  tokens: TokenSigner;
  now?: () => number;
}

type Params = { Params: { chatId: string; previousId?: string } };

export function registerCustomerRoutes(app: FastifyInstance, deps: CustomerRouteDeps): void {
  const history = createCustomerHistory(deps.db);
  const now = deps.now ?? Date.now;

  const chatOf = (request: FastifyRequest, chatId: string): StoredChat => {
    const claims = bearerClaims(request, deps.tokens, 'agent');
    return chatFor(deps.store, chatId, (chat) => {
      if (claims.supervisor === true) return true;
      if (chat.agent?.id !== claims.sub) return false;
      return chat.status === 'active' || (chat.endedAt !== null && now() - chat.endedAt < ENDED_GRACE_MS);
    });
  };

  app.get<Params>('/api/agent/chats/:chatId/customer', async (request, reply) => {
    try {
      const chat = chatOf(request, request.params.chatId);
      const response: CustomerProfile = history.profile(chat);
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<Params>('/api/agent/chats/:chatId/customer/chats/:previousId', async (request, reply) => {
    try {
      const chat = chatOf(request, request.params.chatId);
      const previousId = request.params.previousId ?? '';
      const previous = /^[A-Za-z0-9-]{1,64}$/.test(previousId) ? history.previousOf(chat, previousId) : null;
      if (!previous) throw new HybridChatError('NOT_FOUND', 'no such chat of this customer');
      const response: PreviousTranscript = { chat: previous, messages: allMessages(deps.store, previous.id) };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
