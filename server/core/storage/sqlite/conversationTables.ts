/**
 * What the widget conversation adds to storage (server/features/conversation): messages left when
 * no chat was possible (for agents and supervisors to handle), one CSAT rating per chat, and what
 * the wait estimate and the service level read from a queue's recent chats.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ChatRating, OfflineMessage } from '../../../../sdk/core/protocol.ts';
import { toOfflineMessage, toRating, type OfflineRow, type RatingRow } from '../featureRows.ts';
import type { ConversationStore } from '../storage.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

/** How many recent chats the averages look at, and how far back. */
const HISTORY_SAMPLE = 50;
const HISTORY_WINDOW_MS = 24 * 3600_000;

export function createConversationTables(
  db: DatabaseSync,
  group: GroupCommit,
  now: () => number,
): ConversationStore {
  const q = {
    messageByClientId: db.prepare('SELECT * FROM offline_messages WHERE client_id = ?'),
    message: db.prepare('SELECT * FROM offline_messages WHERE id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO offline_messages (id, client_id, queue, name, email, phone, message, locale, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listOpen: db.prepare(
      'SELECT * FROM offline_messages WHERE handled_at IS NULL ORDER BY created_at DESC LIMIT ?',
    ),
    listHandled: db.prepare(
      'SELECT * FROM offline_messages WHERE handled_at IS NOT NULL ORDER BY created_at DESC LIMIT ?',
    ),
    listAll: db.prepare('SELECT * FROM offline_messages ORDER BY created_at DESC LIMIT ?'),
    markHandled: db.prepare(
      'UPDATE offline_messages SET handled_at = ?, handled_by = ? WHERE id = ? AND handled_at IS NULL',
    ),
    rating: db.prepare('SELECT score, comment, created_at FROM chat_ratings WHERE chat_id = ?'),
    insertRating: db.prepare(
      'INSERT INTO chat_ratings (chat_id, score, comment, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    answer: db.prepare(
      `SELECT AVG(accepted_at - created_at) AS ms FROM (SELECT accepted_at, created_at FROM chats
         WHERE queue = ? AND accepted_at > ? ORDER BY accepted_at DESC LIMIT ${HISTORY_SAMPLE})`,
    ),
    handle: db.prepare(
      `SELECT AVG(ended_at - accepted_at) AS ms FROM (SELECT ended_at, accepted_at FROM chats
         WHERE queue = ? AND ended_at > ? AND accepted_at IS NOT NULL ORDER BY ended_at DESC LIMIT ${HISTORY_SAMPLE})`,
    ),
    // Answered: an agent took it (accepted_at); abandoned: the customer ended it unanswered.
    outcomes: db.prepare(
      `SELECT
         COUNT(accepted_at) AS answered,
         IFNULL(SUM(accepted_at IS NOT NULL AND accepted_at - waiting_since <= ?2), 0) AS in_time,
         IFNULL(SUM(accepted_at IS NULL AND status = 'ended' AND ended_by = 'customer'
           AND ended_at - waiting_since > ?2), 0) AS abandoned_late
       FROM chats WHERE queue = ?1 AND created_at > ?3`,
    ),
  };

  const getMessage = (id: string): OfflineMessage | null => {
    const row = q.message.get(id) as OfflineRow | undefined;
    return row ? toOfflineMessage(row) : null;
  };

  const rating = (chatId: string): ChatRating | null => {
    const row = q.rating.get(chatId) as RatingRow | undefined;
    return row ? toRating(row) : null;
  };

  return {
    leaveMessage: (input) =>
      group.write(() => {
        const existing = q.messageByClientId.get(input.clientId) as OfflineRow | undefined;
        if (existing) return { message: toOfflineMessage(existing), created: false };
        const id = randomUUID();
        q.insertMessage.run(
          id,
          input.clientId,
          input.queue,
          input.name,
          input.email,
          input.phone,
          input.message,
          input.locale,
          input.reason,
          now(),
        );
        return { message: getMessage(id) as OfflineMessage, created: true };
      }),

    offlineMessages: (filter, limit = 200) =>
      group.read(() => {
        const query = filter === 'open' ? q.listOpen : filter === 'handled' ? q.listHandled : q.listAll;
        return rowsOf<OfflineRow>(query.all(limit)).map(toOfflineMessage);
      }),

    offlineMessageByClientId: (clientId) =>
      group.read(() => {
        const row = q.messageByClientId.get(clientId) as OfflineRow | undefined;
        return row ? toOfflineMessage(row) : null;
      }),

    markHandled: (id, agentId) =>
      group.write(() => {
        q.markHandled.run(now(), agentId, id);
        return getMessage(id);
      }),

    rating: (chatId) => group.read(() => rating(chatId)),

    rate: (chatId, score, comment) =>
      group.write(() => {
        const { changes } = q.insertRating.run(chatId, score, comment, now());
        return { rating: rating(chatId) as ChatRating, created: Number(changes) > 0 };
      }),

    history: (queue) =>
      group.read(() => {
        const since = now() - HISTORY_WINDOW_MS;
        const answer = q.answer.get(queue, since) as { ms: number | null } | undefined;
        const handle = q.handle.get(queue, since) as { ms: number | null } | undefined;
        return { answerMs: answer?.ms ?? null, handleMs: handle?.ms ?? null };
      }),

    outcomes: (queue, since, thresholdMs) =>
      group.read(() => {
        const row = q.outcomes.get(queue, thresholdMs, since) as
          { answered: number; in_time: number; abandoned_late: number } | undefined;
        return {
          answered: row?.answered ?? 0,
          answeredInTime: row?.in_time ?? 0,
          abandonedLate: row?.abandoned_late ?? 0,
        };
      }),
  };
}
