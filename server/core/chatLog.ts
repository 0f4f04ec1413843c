/**
 * Writing into a chat: a message is stored (committed) and only then sent to whoever is in the chat,
 * with the set of agents it goes to read in the same step. System lines ("… joined") are messages
 * from `system` with an event kind; the apps render them through i18n.
 */
import { randomUUID } from 'node:crypto';
import type { ChatEventKind, ChatMessage, ParticipantRef } from '../../sdk/core/protocol.ts';
import type { DomainEventBus } from './events.ts';
import type { NewMessage, Storage, StoredChat } from './storage/storage.ts';

const SYSTEM: ParticipantRef = { role: 'system', id: 'system', name: 'System' };

/** Who hears of a chat: its customer, and its owner and conference members. */
export interface ChatAudience {
  customerId: string;
  agentIds: string[];
}

export function createChatLog(deps: {
  storage: Pick<Storage, 'messages' | 'participants' | 'chats'>;
  events: DomainEventBus;
}) {
  const { storage, events } = deps;

  async function audience(chat: StoredChat): Promise<ChatAudience> {
    const members = await storage.participants.members(chat.id);
    return {
      customerId: chat.customer.id,
      agentIds: [...(chat.agent ? [chat.agent.id] : []), ...members.map((member) => member.id)],
    };
  }

  /** Stores the message once (a retry gets the stored one, not sent again) and sends it on. */
  async function post(
    chat: StoredChat,
    input: NewMessage,
    except?: string,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const result = await storage.messages.append(input);
    if (!result.duplicate) {
      const heard = await audience(chat);
      events.emit('message', {
        message: result.message,
        chat,
        audience: heard,
        ...(except ? { except } : {}),
      });
    }
    return result;
  }

  return {
    audience,
    post,
    /** A system line in the chat (agent joined, customer left…). */
    async postEvent(chatId: string, event: ChatEventKind, text: string): Promise<ChatMessage | null> {
      const chat = await storage.chats.get(chatId);
      if (!chat) return null;
      const { message } = await post(chat, {
        chatId,
        clientId: `system-${randomUUID()}`,
        from: SYSTEM,
        kind: 'event',
        event,
        text,
      });
      return message;
    },
  };
}

export type ChatLog = ReturnType<typeof createChatLog>;
