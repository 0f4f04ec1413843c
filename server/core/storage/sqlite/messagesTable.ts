/**
 * A chat's messages (table `messages`). Sequence numbers are per chat and without gaps; a message is
 * stored once per (chat, client id), and a retry gets the stored one back with the `seq` of the first
 * (docs/storage.md). The last seq of each chat and the client ids of its messages are kept in
 * memory, so storing a message is one INSERT into one index.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ChatMessage } from '../../../../sdk/core/protocol.ts';
import { MESSAGE_SELECT, toMessage, type MessageRow } from '../rows.ts';
import type { MessageStore } from '../storage.ts';
import type { ChatCache } from './chatCache.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

export function createMessagesTable(
  db: DatabaseSync,
  group: GroupCommit,
  cache: ChatCache,
  now: () => number,
): MessageStore {
  const q = {
    lastSeq: db.prepare('SELECT IFNULL(MAX(seq), 0) AS seq FROM messages WHERE chat_id = ?'),
    clientIds: db.prepare('SELECT client_id FROM messages WHERE chat_id = ?'),
    insert: db.prepare(
      `INSERT INTO messages (chat_id, seq, client_id, from_role, from_id, from_name, kind, text, event, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byClientId: db.prepare(`${MESSAGE_SELECT} WHERE m.chat_id = ? AND m.client_id = ?`),
    after: db.prepare(`${MESSAGE_SELECT} WHERE m.chat_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`),
  };

  function lastSeq(chatId: string): number {
    const known = cache.lastSeq(chatId);
    if (known !== undefined) return known;
    const { seq } = q.lastSeq.get(chatId) as { seq: number };
    cache.setLastSeq(chatId, seq);
    return seq;
  }

  function clientIds(chatId: string): Set<string> {
    return (
      cache.clientIds(chatId) ??
      cache.keepClientIds(
        chatId,
        new Set(rowsOf<{ client_id: string }>(q.clientIds.all(chatId)).map((row) => row.client_id)),
      )
    );
  }

  function byClientId(chatId: string, clientId: string): ChatMessage | null {
    const row = q.byClientId.get(chatId, clientId) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  return {
    append: (input) =>
      group.write(() => {
        const known = clientIds(input.chatId);
        if (known.has(input.clientId)) {
          // A retry: the first one is stored (its seq is the one the sender keeps).
          const stored = byClientId(input.chatId, input.clientId);
          if (!stored) throw new Error(`[hybrid-chat] message ${input.clientId} is known but not stored`);
          return { message: stored, duplicate: true };
        }
        const seq = lastSeq(input.chatId) + 1;
        const sentAt = now();
        q.insert.run(
          input.chatId,
          seq,
          input.clientId,
          input.from.role,
          input.from.id,
          input.from.name,
          input.kind,
          input.text,
          input.event ?? null,
          sentAt,
        );
        known.add(input.clientId);
        cache.setLastSeq(input.chatId, seq);
        const message: ChatMessage = {
          chatId: input.chatId,
          seq,
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
    byClientId: (chatId, clientId) => group.read(() => byClientId(chatId, clientId)),
    after: (chatId, afterSeq, limit = 1000) =>
      group.read(() => rowsOf<MessageRow>(q.after.all(chatId, afterSeq, limit)).map(toMessage)),
  };
}
