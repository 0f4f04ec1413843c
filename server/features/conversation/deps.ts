/** What the widget-conversation routes share (wired in conversationFeature.ts). */
import type { FastifyBaseLogger } from 'fastify';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { ChatMessage, WaitEstimate } from '../../../sdk/core/protocol.ts';
import type { TokenSigner } from '../../auth/tokens.ts';
import type { ServerConfig } from '../../config.ts';
import type { Core } from '../../core/feature.ts';
import type { ChatStore, MessageStore, StoredChat } from '../../core/storage/storage.ts';
import type { Admission } from './admission.ts';
import type { MailTransport } from './mailTransport.ts';
import type { QueueDirectory } from './queueSettings.ts';

export interface ConversationDeps {
  config: ServerConfig;
  storage: Core['storage'];
  tokens: TokenSigner;
  queues: QueueDirectory;
  admission: Admission;
  /** The wait a chat started now in `queue` would likely have (behind those waiting); null: unknown. */
  replyEstimate?: (queue: string) => Promise<WaitEstimate | null>;
  /** A chat changed (a rating): its participants get its summary (awaited before the answer). */
  publish(chatId: string): Promise<void>;
  summaries: Core['summaries'];
  /** null: emailing transcripts is off (MAIL_TRANSPORT=none). */
  mail: MailTransport | null;
  refusals: Core['refusals'];
  /** Which chats a supervisor may read (server/features/supervision/teamAccess.ts). */
  teams: Core['teams'];
  log: FastifyBaseLogger;
}

/** The chat if it exists and `allowed(chat)`; NOT_FOUND otherwise, so others' chat ids reveal nothing. */
export async function chatFor(
  chats: Pick<ChatStore, 'get'>,
  chatId: string,
  allowed: (chat: StoredChat) => boolean,
): Promise<StoredChat> {
  const chat = /^[A-Za-z0-9-]{1,64}$/.test(chatId) ? await chats.get(chatId) : null;
  if (!chat || !allowed(chat)) throw new HybridChatError('NOT_FOUND', 'no such chat');
  return chat;
}

/** Every message of a chat, in pages (storage answers at most 1000 at a time). */
export async function allMessages(
  messages: Pick<MessageStore, 'after'>,
  chatId: string,
): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  for (;;) {
    const page = await messages.after(chatId, all.at(-1)?.seq ?? 0);
    all.push(...page);
    if (page.length < 1000) return all;
  }
}
