/**
 * `chat:receipt` from a participant: their side's delivered/read watermarks move up (never past
 * the chat's last message, never down), are stored, and the new ones go to both sides of the chat;
 * the ack carries the chat's receipts. Nothing moves, nothing is sent: a repeated or late report
 * costs one indexed upsert.
 */
import type { ChatReceipts, ReceiptNotice, ReceiptPayload } from '../../sdk/core/protocol.ts';
import type { Principal } from '../chatService.ts';
import type { StoredChat } from '../store/chatStore.ts';
import type { ReceiptStore } from '../store/receiptStore.ts';

export interface ReceiptServiceOptions {
  store: ReceiptStore;
  /** The chat if `who` takes part in it (else it throws NOT_FOUND): chatService.ownChat. */
  ownChat(who: Principal, chatId: string): StoredChat;
  notify(notice: ReceiptNotice, chat: StoredChat): void;
}

export function createReceiptService(options: ReceiptServiceOptions) {
  return {
    /** Raises `who`'s side; answers with the chat's receipts as they now stand. */
    mark(who: Principal, payload: ReceiptPayload): ChatReceipts {
      const chat = options.ownChat(who, payload.chatId);
      const read = Math.min(payload.read ?? 0, chat.lastSeq);
      const delivered = Math.max(Math.min(payload.delivered ?? 0, chat.lastSeq), read);
      if (delivered > 0) {
        const raised = options.store.raise(chat.id, who.role, { delivered, read });
        if (raised) options.notify({ chatId: chat.id, side: who.role, ...raised }, chat);
      }
      return options.store.get(chat.id);
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
