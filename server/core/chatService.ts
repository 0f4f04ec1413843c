/**
 * Chat operations shared by the customer and agent namespaces, with the one rule that guards them
 * all: a participant only reads, writes to or ends their own chats (a customer their own; an agent
 * those they own or were invited into). Anyone else's chat id answers NOT_FOUND, revealing nothing.
 */
import { HybridChatError } from '../../sdk/core/errors.ts';
import type {
  ChatMessage,
  ChatSummary,
  SendMessagePayload,
  StartChatPayload,
  SyncPayload,
  SyncResult,
} from '../../sdk/core/protocol.ts';
import type { ChatLog } from './chatLog.ts';
import type { ChatPublisher } from './chatPublisher.ts';
import type { DomainEventBus } from './events.ts';
import type { RoutingPort } from './routing/routingPort.ts';
import type { Storage, StoredChat } from './storage/storage.ts';
import type { Summaries } from './summaries.ts';

export interface Principal {
  role: 'customer' | 'agent';
  id: string;
  name: string;
}

export interface ChatServiceOptions {
  storage: Pick<Storage, 'chats' | 'messages' | 'participants'>;
  router: RoutingPort;
  chatLog: ChatLog;
  summaries: Summaries;
  publisher: ChatPublisher;
  events: DomainEventBus;
  defaultQueue: string;
  /** Whether chats may wait in this queue (the queues file's, the default, the transfer queues). */
  isKnownQueue(queue: string): boolean;
  now?: () => number;
}

/** Checks a new chat's start before it is created, and may change it (server/core/feature.ts `admitStart`). */
export type AdmitStart = (payload: StartChatPayload) => StartChatPayload | Promise<StartChatPayload>;

/** A customer sees the chats they ended (or that ended) in the last hour: the widget shows how. */
const CUSTOMER_ENDED_WINDOW_MS = 3600_000;

export function createChatService(options: ChatServiceOptions) {
  const { storage, router, chatLog, summaries, events } = options;
  const now = options.now ?? Date.now;
  const ref = (who: Principal) => ({ role: who.role, id: who.id, name: who.name });

  /** Whether `who` takes part in the chat; only a conference member needs a look at the participants. */
  function isParticipant(chat: StoredChat, who: Principal): boolean | Promise<boolean> {
    if (who.role === 'customer') return chat.customer.id === who.id;
    if (chat.agent?.id === who.id) return true;
    return storage.participants
      .members(chat.id)
      .then((members) => members.some((member) => member.id === who.id));
  }

  /** The chat if `who` takes part in it; otherwise NOT_FOUND, so ids of others' chats reveal nothing. */
  async function ownChat(who: Principal, chatId: string): Promise<StoredChat> {
    const chat = await storage.chats.get(chatId);
    const allowed = chat ? isParticipant(chat, who) : false;
    if (!chat || !(allowed === true || (allowed !== false && (await allowed)))) {
      throw new HybridChatError('NOT_FOUND', 'no such chat');
    }
    return chat;
  }

  return {
    ownChat,
    isParticipant,

    /**
     * Starts the customer's chat: the open one when there is one (a second tab, a retry, a script),
     * else a new one in a known queue, once `admit` lets it.
     */
    async start(who: Principal, payload: StartChatPayload, admit?: AdmitStart): Promise<ChatSummary> {
      if (who.role !== 'customer') throw new HybridChatError('FORBIDDEN', 'only customers start chats');
      if (!options.isKnownQueue(payload.queue ?? options.defaultQueue)) {
        throw new HybridChatError('NOT_FOUND', 'no such queue');
      }
      const open = (await storage.chats.ofCustomer(who.id, Number.MAX_SAFE_INTEGER))[0];
      if (open) return summaries.of(open);
      const admitted = admit ? await admit(payload) : payload;
      const queue = admitted.queue ?? options.defaultQueue;
      if (!options.isKnownQueue(queue)) throw new HybridChatError('NOT_FOUND', 'no such queue');
      // Storage decides again, atomically: two starts racing here still make one chat.
      const { chat, created } = await storage.chats.start({
        customerId: who.id,
        startClientId: admitted.clientId,
        queue,
        preChat: admitted.preChat ?? {},
      });
      if (created) await router.chatQueued(chat);
      return summaries.of((await storage.chats.get(chat.id)) ?? chat);
    },

    async send(who: Principal, payload: SendMessagePayload, senderSocket?: string): Promise<ChatMessage> {
      const chat = await ownChat(who, payload.chatId);
      if (chat.status === 'ended') {
        // A retry of a message stored before the end still gets its seq; a new one is refused.
        const stored = await storage.messages.byClientId(chat.id, payload.clientId);
        if (stored) return stored;
        throw new HybridChatError('CONFLICT', 'this chat has ended');
      }
      const { message } = await chatLog.post(
        chat,
        { chatId: chat.id, clientId: payload.clientId, from: ref(who), kind: 'text', text: payload.text },
        senderSocket,
      );
      return message;
    },

    async sync(who: Principal, payload: SyncPayload): Promise<SyncResult> {
      const chat = await ownChat(who, payload.chatId);
      const [summary, messages] = await Promise.all([
        summaries.of(chat),
        storage.messages.after(chat.id, payload.afterSeq),
      ]);
      return { chat: summary, messages };
    },

    async list(who: Principal): Promise<ChatSummary[]> {
      const chats =
        who.role === 'customer'
          ? await storage.chats.ofCustomer(who.id, now() - CUSTOMER_ENDED_WINDOW_MS)
          : [...(await storage.chats.ofAgent(who.id)), ...(await storage.chats.joinedBy(who.id))];
      return Promise.all(chats.map((chat) => summaries.of(chat)));
    },

    async typing(who: Principal, chatId: string, typing: boolean): Promise<void> {
      const chat = await ownChat(who, chatId);
      if (chat.status === 'ended') return;
      events.emit('typing', { notice: { chatId, from: ref(who), typing }, chat });
    },

    async end(who: Principal, chatId: string): Promise<ChatSummary> {
      const chat = await ownChat(who, chatId);
      // A consulted agent leaves a conference; only the chat's owner ends it.
      if (who.role === 'agent' && chat.agent?.id !== who.id) {
        throw new HybridChatError('FORBIDDEN', 'only the agent who owns the chat can end it');
      }
      if (chat.status === 'ended') return summaries.of(chat);
      // Conference members in the chat at its end still hear its last line (storage `members`).
      const ended = await storage.chats.end(chat.id, who.role);
      await chatLog.post(ended, {
        chatId: chat.id,
        clientId: `system-end-${chat.id}`,
        from: { role: 'system', id: 'system', name: 'System' },
        kind: 'event',
        event: who.role === 'customer' ? 'customer-left' : 'ended',
        text: who.name,
      });
      await router.chatEnded(ended);
      events.emit('chatEnded', { chat: ended });
      await options.publisher.publish(chat.id);
      return summaries.of((await storage.chats.get(chat.id)) ?? ended);
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
