/**
 * Chat operations shared by the customer and agent namespaces, with the one rule that guards
 * them all: a participant only reads, writes to or ends their own chats.
 */
import { randomUUID } from 'node:crypto';
import { HybridChatError } from '../sdk/core/errors.ts';
import type {
  ChatEventKind,
  ChatReceipts,
  ChatMessage,
  ChatSummary,
  ParticipantRef,
  SendMessagePayload,
  StartChatPayload,
  SyncPayload,
  SyncResult,
  TypingNotice,
} from '../sdk/core/protocol.ts';
import type { Router } from './routing/router.ts';
import type { ChatStore, StoredChat } from './store/chatStore.ts';

export interface Principal {
  role: 'customer' | 'agent';
  id: string;
  name: string;
}

export interface ChatFanout {
  /** `exceptSocket`: the sender's socket, which has the message in its ack already. */
  message(message: ChatMessage, chat: StoredChat, exceptSocket?: string): void;
  chatUpdate(summary: ChatSummary): void;
  typing(notice: TypingNotice, chat: StoredChat): void;
}

export interface ChatServiceOptions {
  store: ChatStore;
  fanout: ChatFanout;
  defaultQueue: string;
  /** Routing is wired after construction (the router posts events through this service). */
  router: () => Router;
  /** More of a summary: the expected wait, the rating (server/conversation/summaryExtras.ts). */
  describe?: (chat: StoredChat, queuePosition: number | null) => Partial<ChatSummary>;
  /** Delivered/read watermarks of a chat (server/store/receiptStore.ts), part of every summary. */
  receipts?: (chatId: string) => ChatReceipts;
  /** Agents invited into chats they do not own (server/collaboration): they read and write them too. */
  collaboration?: () => ChatCollaboration;
}

export interface ChatCollaboration {
  isMember(chatId: string, agentId: string): boolean;
  /** Active chats the agent is in without owning them. */
  memberChats(agentId: string): StoredChat[];
  describe(chat: StoredChat): Partial<ChatSummary>;
}

const SYSTEM: ParticipantRef = { role: 'system', id: 'system', name: 'System' };

export function createChatService(options: ChatServiceOptions) {
  const { store, fanout } = options;

  function summary(chat: StoredChat): ChatSummary {
    const queuePosition = options.router().queuePosition(chat.id);
    const receipts = options.receipts ? { receipts: options.receipts(chat.id) } : {};
    const collaboration = options.collaboration?.().describe(chat);
    return {
      ...chat,
      ...options.describe?.(chat, queuePosition),
      ...receipts,
      ...collaboration,
      queuePosition,
    };
  }

  function isParticipant(chat: StoredChat, who: Principal): boolean {
    if (who.role === 'customer') return chat.customer.id === who.id;
    return chat.agent?.id === who.id || (options.collaboration?.().isMember(chat.id, who.id) ?? false);
  }

  /** The chat if `who` takes part in it; otherwise NOT_FOUND, so ids of others' chats reveal nothing. */
  function ownChat(who: Principal, chatId: string): StoredChat {
    const chat = store.getChat(chatId);
    if (!chat || !isParticipant(chat, who)) throw new HybridChatError('NOT_FOUND', 'no such chat');
    return chat;
  }

  function broadcast(chatId: string): void {
    const chat = store.getChat(chatId);
    if (chat) fanout.chatUpdate(summary(chat));
  }

  function postEvent(chatId: string, event: ChatEventKind, text: string): ChatMessage {
    const { message } = store.appendMessage({
      chatId,
      clientId: `system-${randomUUID()}`,
      from: SYSTEM,
      kind: 'event',
      event,
      text,
    });
    const chat = store.getChat(chatId);
    if (chat) fanout.message(message, chat);
    return message;
  }

  return {
    summary,
    ownChat,
    broadcast,
    postEvent,

    start(who: Principal, payload: StartChatPayload): ChatSummary {
      if (who.role !== 'customer') throw new HybridChatError('FORBIDDEN', 'only customers start chats');
      const { chat, created } = store.startChat({
        customerId: who.id,
        startClientId: payload.clientId,
        queue: payload.queue ?? options.defaultQueue,
        preChat: payload.preChat ?? {},
      });
      if (created) options.router().chatQueued(chat.id);
      return summary(store.getChat(chat.id) ?? chat);
    },

    send(who: Principal, payload: SendMessagePayload, senderSocket?: string): ChatMessage {
      const chat = ownChat(who, payload.chatId);
      if (chat.status === 'ended') {
        // A retry of a message stored before the end still gets its seq; a new one is refused.
        const stored = store.messageByClientId(chat.id, payload.clientId);
        if (stored) return stored;
        throw new HybridChatError('CONFLICT', 'this chat has ended');
      }
      const { message, duplicate } = store.appendMessage({
        chatId: chat.id,
        clientId: payload.clientId,
        from: { role: who.role, id: who.id, name: who.name },
        kind: 'text',
        text: payload.text,
      });
      // A retry of a stored message is answered with the stored one and not fanned out again.
      if (duplicate) return message;
      fanout.message(message, chat, senderSocket);
      return message;
    },

    sync(who: Principal, payload: SyncPayload): SyncResult {
      const chat = ownChat(who, payload.chatId);
      return { chat: summary(chat), messages: store.messagesAfter(chat.id, payload.afterSeq) };
    },

    list(who: Principal): ChatSummary[] {
      const chats =
        who.role === 'customer'
          ? store.customerChats(who.id)
          : [...store.agentChats(who.id), ...(options.collaboration?.().memberChats(who.id) ?? [])];
      return chats.map(summary);
    },

    typing(who: Principal, chatId: string, typing: boolean): void {
      const chat = ownChat(who, chatId);
      if (chat.status === 'ended') return;
      fanout.typing({ chatId, from: { role: who.role, id: who.id, name: who.name }, typing }, chat);
    },

    end(who: Principal, chatId: string): ChatSummary {
      const chat = ownChat(who, chatId);
      // A consulted agent leaves a conference; only the chat's owner ends it.
      if (who.role === 'agent' && chat.agent?.id !== who.id) {
        throw new HybridChatError('FORBIDDEN', 'only the agent who owns the chat can end it');
      }
      if (chat.status !== 'ended') {
        store.end(chat.id, who.role);
        postEvent(chat.id, who.role === 'customer' ? 'customer-left' : 'ended', who.name);
        options.router().chatEnded(chat);
        broadcast(chat.id);
      }
      return summary(store.getChat(chat.id) as StoredChat);
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
