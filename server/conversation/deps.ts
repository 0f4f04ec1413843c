/** What the widget-conversation routes share (wired in conversation.ts). */
import type { FastifyBaseLogger } from 'fastify';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { ChatMessage } from '../../sdk/core/protocol.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { ChatService } from '../chatService.ts';
import type { ServerConfig } from '../config.ts';
import type { MailTransport } from '../mail/mailTransport.ts';
import type { Admission } from '../queues/admission.ts';
import type { QueueDirectory } from '../queues/queueSettings.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import type { ConversationStore } from '../store/conversationStore.ts';

export interface ConversationDeps {
  config: ServerConfig;
  store: ChatStore;
  conversations: ConversationStore;
  tokens: TokenSigner;
  queues: QueueDirectory;
  admission: Admission;
  service: ChatService;
  /** null: emailing transcripts is off (MAIL_TRANSPORT=none). */
  mail: MailTransport | null;
  log: FastifyBaseLogger;
}

/** The chat if it exists and `allowed(chat)`; NOT_FOUND otherwise, so others' chat ids reveal nothing. */
export function chatFor(
  store: ChatStore,
  chatId: string,
  allowed: (chat: StoredChat) => boolean,
): StoredChat {
  const chat = /^[A-Za-z0-9-]{1,64}$/.test(chatId) ? store.getChat(chatId) : null;
  if (!chat || !allowed(chat)) throw new HybridChatError('NOT_FOUND', 'no such chat');
  return chat;
}

/** Every message of a chat, in pages (the store answers at most 1000 at a time). */
export function allMessages(store: ChatStore, chatId: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (;;) {
    const page = store.messagesAfter(chatId, messages.at(-1)?.seq ?? 0);
    messages.push(...page);
    if (page.length < 1000) return messages;
  }
}
