/**
 * `chat:receipt` from a participant: their side's delivered/read watermarks move up (never past the
 * chat's last message, never down), are stored, and the new ones go to both sides of the chat; the
 * ack carries the chat's receipts. Nothing moves, nothing is sent: a repeated or late report costs
 * one indexed upsert.
 */
import type { ChatReceipts, ReceiptPayload } from '../../../sdk/core/protocol.ts';
import type { Core } from '../../core/feature.ts';
import type { Principal } from '../../core/chatService.ts';

export function createReceiptService(core: Pick<Core, 'chats' | 'storage' | 'events' | 'chatLog'>) {
  return {
    /** Raises `who`'s side; answers with the chat's receipts as they now stand. */
    async mark(who: Principal, payload: ReceiptPayload): Promise<ChatReceipts> {
      const chat = await core.chats.ownChat(who, payload.chatId);
      const read = Math.min(payload.read ?? 0, chat.lastSeq);
      const delivered = Math.max(Math.min(payload.delivered ?? 0, chat.lastSeq), read);
      if (delivered > 0) {
        const raised = await core.storage.receipts.raise(chat.id, who.role, { delivered, read });
        if (raised) {
          const audience = await core.chatLog.audience(chat);
          core.events.emit('receipt', { notice: { chatId: chat.id, side: who.role, ...raised }, audience });
        }
      }
      return core.storage.receipts.get(chat.id);
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
