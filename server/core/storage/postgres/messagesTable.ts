/**
 * A chat's messages (table `messages`) on PostgreSQL. Sequence numbers are per chat and without
 * gaps; a message is stored once per (chat, client id), and a retry gets the stored one back with
 * the `seq` of the first (docs/storage.md).
 *
 * Several nodes may append to one chat at once: each append locks the chat's row first (SELECT …
 * FOR UPDATE, PostgreSQL manual section 13.3.2 "Row-Level Locks"), so the appends of one chat run one
 * after the other, each reading the last seq its predecessor committed; appends to different chats
 * do not wait for each other. Within a node, appends to one chat also queue in the order they were
 * asked for (perChatQueue.ts), so one sender's messages keep their order. The UNIQUE (chat_id,
 * client_id) index is the last word on duplicates.
 */
import type { ChatMessage } from '../../../../sdk/core/protocol.ts';
import { MESSAGE_SELECT, toMessage, type MessageRow } from '../rows.ts';
import type { MessageStore } from '../storage.ts';
import type { Db, Queryable } from './db.ts';
import { createPerChatQueue } from './perChatQueue.ts';

const BY_CLIENT_ID = `${MESSAGE_SELECT} WHERE m.chat_id = $1 AND m.client_id = $2`;

export function createMessagesTable(db: Db, now: () => number): MessageStore {
  const byClientId = async (q: Queryable, chatId: string, clientId: string): Promise<ChatMessage | null> => {
    const row = await q.row<MessageRow>(BY_CLIENT_ID, [chatId, clientId]);
    return row ? toMessage(row) : null;
  };

  const serial = createPerChatQueue();

  return {
    append: (input) =>
      serial(input.chatId, () =>
        db.tx(async (q) => {
          const chat = await q.row('SELECT id FROM chats WHERE id = $1 FOR UPDATE', [input.chatId]);
          if (!chat) throw new Error(`[hybrid-chat] no chat ${input.chatId}`);
          const stored = await byClientId(q, input.chatId, input.clientId);
          // A retry: the first one is stored (its seq is the one the sender keeps).
          if (stored) return { message: stored, duplicate: true };
          const sentAt = now();
          const row = await q.row<{ seq: number }>(
            `INSERT INTO messages (chat_id, seq, client_id, from_role, from_id, from_name, kind, text, event, sent_at)
           SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM messages WHERE chat_id = $1
           RETURNING seq`,
            [
              input.chatId,
              input.clientId,
              input.from.role,
              input.from.id,
              input.from.name,
              input.kind,
              input.text,
              input.event ?? null,
              sentAt,
            ],
          );
          const message: ChatMessage = {
            chatId: input.chatId,
            seq: row?.seq ?? 0,
            clientId: input.clientId,
            from: input.from,
            kind: input.kind,
            text: input.text,
            ...(input.event ? { event: input.event } : {}),
            ...(input.file ? { file: input.file } : {}),
            sentAt,
          };
          return { message, duplicate: false };
        }),
      ),
    byClientId: (chatId, clientId) => byClientId(db, chatId, clientId),
    after: async (chatId, afterSeq, limit = 1000) =>
      (
        await db.rows<MessageRow>(
          `${MESSAGE_SELECT} WHERE m.chat_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
          [chatId, afterSeq, limit],
        )
      ).map(toMessage),
  };
}
