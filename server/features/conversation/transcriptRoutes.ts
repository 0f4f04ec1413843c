/**
 * The end of a chat for the customer (their session token, their own chats only):
 * `GET /api/customer/chats/:chatId/transcript?format=txt|html` downloads the transcript;
 * `POST …/transcript/email` mails it through the configured `MailTransport`. A mail could be aimed
 * at a stranger's inbox, so it is no relay for text of the sender's choosing: only a chat an agent
 * took part in is mailed, each address gets a few a day whoever asks (LIMIT_TRANSCRIPTS_PER_ADDRESS_PER_DAY),
 * the mail says who started the chat, and each customer and chat may ask a few times an hour.
 */
import type { FastifyInstance } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { EmailTranscriptResponse } from '../../../sdk/core/protocol.ts';
import { parsePayload } from '../../../sdk/core/protocolSchemas.ts';
import { allMessages, chatFor, type ConversationDeps } from './deps.ts';
import { bearerClaims } from '../../http/bearer.ts';
import { createRateLimiter } from './rateLimit.ts';
import { sendError } from '../../http/sendError.ts';
import { phrasesFor } from './phrases.ts';
import { renderHtml, renderText, transcriptFileName } from './transcript.ts';

export const EMAIL_LIMITS = {
  perCustomer: { limit: 5, windowMs: 3600_000 },
  perChat: { limit: 3, windowMs: 3600_000 },
};

/** One inbox, however it is spelled: case, and the `+tag` most providers deliver to the same box. */
export function inboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).replace(/\+.*$/, '');
  return `${local}${address.slice(at)}`;
}

type ChatParams = { Params: { chatId: string } };

export function registerTranscriptRoutes(app: FastifyInstance, deps: ConversationDeps): void {
  const perCustomer = createRateLimiter(EMAIL_LIMITS.perCustomer);
  const perChat = createRateLimiter(EMAIL_LIMITS.perChat);
  const perAddress = createRateLimiter({
    limit: deps.config.limits.transcriptsPerAddressPerDay,
    windowMs: 86_400_000,
  });

  const customerChat = async (request: Parameters<typeof bearerClaims>[0], chatId: string) => {
    const claims = bearerClaims(request, deps.tokens, 'customer');
    return {
      claims,
      chat: await chatFor(deps.storage.chats, chatId, (chat) => chat.customer.id === claims.sub),
    };
  };

  app.get<ChatParams>('/api/customer/chats/:chatId/transcript', async (request, reply) => {
    try {
      const { chat } = await customerChat(request, request.params.chatId);
      const query = parsePayload('transcriptQuery', request.query);
      const messages = await allMessages(deps.storage.messages, chat.id);
      const options = { locale: query.locale, timeZone: query.timeZone };
      const name = transcriptFileName(chat, query.format, query.timeZone);
      const body =
        query.format === 'html' ? renderHtml(chat, messages, options) : renderText(chat, messages, options);
      return reply
        .type(query.format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post<ChatParams>('/api/customer/chats/:chatId/transcript/email', async (request, reply) => {
    try {
      const { claims, chat } = await customerChat(request, request.params.chatId);
      const body = parsePayload('emailTranscript', request.body);
      if (!deps.mail) throw new HybridChatError('FORBIDDEN', 'emailing transcripts is turned off');
      if (chat.acceptedAt === null) {
        throw new HybridChatError('CONFLICT', 'only a chat an agent took part in can be emailed');
      }
      perCustomer.take(claims.sub);
      perChat.take(chat.id);
      try {
        perAddress.take(inboxOf(body.email));
      } catch (error) {
        deps.refusals.count('transcriptsPerAddress', inboxOf(body.email));
        throw error;
      }
      const messages = await allMessages(deps.storage.messages, chat.id);
      const options = { locale: body.locale, timeZone: body.timeZone, emailed: true };
      const { phrases } = phrasesFor(body.locale);
      await deps.mail.send({
        to: body.email,
        from: deps.config.mailFrom,
        subject: phrases.subject,
        text: `${phrases.intro}\n\n${renderText(chat, messages, options)}`,
        html: renderHtml(chat, messages, options),
      });
      request.log.info({ chatId: chat.id }, 'transcript emailed');
      return reply.send({ sent: true } satisfies EmailTranscriptResponse);
    } catch (error) {
      if (!(error instanceof HybridChatError)) request.log.warn({ err: error }, 'transcript email failed');
      return sendError(reply, error);
    }
  });
}
