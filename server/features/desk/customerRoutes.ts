/**
 * The customer panel over HTTP (agent session token). An agent sees the customer of a chat they
 * are in now (or just ended, while its tab is still open), a supervisor that of a chat in their teams
 * (server/features/supervision/teamAccess.ts); everyone else gets NOT_FOUND, so chat ids reveal nothing.
 * - `GET /api/agent/chats/:chatId/customer`: pre-chat data, channel and the previous chats.
 * - `GET /api/agent/chats/:chatId/customer/chats/:previousId`: one previous chat's transcript.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { LocalizedLabel } from '../../../sdk/core/labels.ts';
import type { CustomerProfile, PreviousChat, PreviousTranscript } from '../../../sdk/core/protocol.ts';
import type { TokenSigner } from '../../auth/tokens.ts';
import type { Storage, StoredChat } from '../../core/storage/storage.ts';
import { bearerClaims } from '../../http/bearer.ts';
import { sendError } from '../../http/sendError.ts';
import { allMessages, chatFor } from '../conversation/deps.ts';
import type { TeamAccess } from '../supervision/teamAccess.ts';

/** How long after its end the agent of a chat may still look at its customer (the tab is open). */
export const ENDED_GRACE_MS = 3600_000;

export interface CustomerRouteDeps {
  storage: Pick<Storage, 'chats' | 'messages'>;
  tokens: TokenSigner;
  teams: Pick<TeamAccess, 'supervises'>;
  /** A queue's label from the queue settings, so the panel names earlier chats' queues as chat summaries do. */
  queueLabel?: (queue: string) => LocalizedLabel | undefined;
  now?: () => number;
}

/** Enough for a panel; older chats are rarely what an agent needs mid-conversation. */
export const PREVIOUS_CHATS_LIMIT = 20;

/** The pre-chat email, normalised for matching; null when none (or not an email). */
export function emailOf(preChat: Record<string, string>): string | null {
  const email = preChat['email']?.trim().toLowerCase();
  return email && email.includes('@') ? email : null;
}

/** The page the widget reported, if any (only ever shown as text). */
function pageOf(preChat: Record<string, string>): string | null {
  const page = preChat['page'] ?? preChat['pageUrl'] ?? null;
  return page && /^https?:\/\//i.test(page) ? page : null;
}

type Params = { Params: { chatId: string; previousId?: string } };

export function registerCustomerRoutes(app: FastifyInstance, deps: CustomerRouteDeps): void {
  const { storage } = deps;
  const now = deps.now ?? Date.now;
  const labelled = <T extends PreviousChat>(chat: T): T => {
    const label = deps.queueLabel?.(chat.queue);
    return label === undefined ? chat : { ...chat, queueLabel: label };
  };

  const chatOf = (request: FastifyRequest, chatId: string): Promise<StoredChat> => {
    const claims = bearerClaims(request, deps.tokens, 'agent');
    return chatFor(storage.chats, chatId, (chat) => {
      if (deps.teams.supervises(claims, chat)) return true;
      if (chat.agent?.id !== claims.sub) return false;
      return chat.status === 'active' || (chat.endedAt !== null && now() - chat.endedAt < ENDED_GRACE_MS);
    });
  };

  app.get<Params>('/api/agent/chats/:chatId/customer', async (request, reply) => {
    try {
      const chat = await chatOf(request, request.params.chatId);
      const email = emailOf(chat.preChat);
      const response: CustomerProfile = {
        customer: { id: chat.customer.id, name: chat.customer.name, email },
        channel: { kind: 'web', page: pageOf(chat.preChat) },
        preChat: chat.preChat,
        previous: (
          await storage.chats.previous({
            customerId: chat.customer.id,
            email,
            exceptId: chat.id,
            limit: PREVIOUS_CHATS_LIMIT,
          })
        ).map(labelled),
      };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<Params>('/api/agent/chats/:chatId/customer/chats/:previousId', async (request, reply) => {
    try {
      const chat = await chatOf(request, request.params.chatId);
      const previousId = request.params.previousId ?? '';
      const found = /^[A-Za-z0-9-]{1,64}$/.test(previousId)
        ? await storage.chats.previousChat(previousId)
        : null;
      // The same customer by id, or by the pre-chat email: no way to reach a stranger's chat.
      const email = emailOf(chat.preChat);
      const same =
        found !== null &&
        found.id !== chat.id &&
        (found.customerId === chat.customer.id || (email !== null && found.email === email));
      if (!found || !same) throw new HybridChatError('NOT_FOUND', 'no such chat of this customer');
      const { customerId: _customer, email: _email, ...previous } = found;
      const response: PreviousTranscript = {
        chat: labelled(previous),
        messages: await allMessages(storage.messages, found.id),
      };
      return reply.header('Cache-Control', 'no-store').send(response);
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
