/**
 * What the widget conversation adds to storage on PostgreSQL: messages left when no chat was
 * possible, one CSAT rating per chat, and what the wait estimate and the service level read from a
 * queue's recent chats. Both writes are idempotent across nodes: ON CONFLICT DO NOTHING on the
 * unique key, then the stored row.
 */
import { randomUUID } from 'node:crypto';
import type { ChatRating } from '../../../../sdk/core/protocol.ts';
import { toOfflineMessage, toRating, type OfflineRow, type RatingRow } from '../featureRows.ts';
import type { ConversationStore } from '../storage.ts';
import type { Db } from './db.ts';

/** How many recent chats the averages look at, and how far back (as the SQLite engine). */
const HISTORY_SAMPLE = 50;
const HISTORY_WINDOW_MS = 24 * 3600_000;

export function createConversationTables(db: Db, now: () => number): ConversationStore {
  const byClientId = async (clientId: string) =>
    db.row<OfflineRow>('SELECT * FROM offline_messages WHERE client_id = $1', [clientId]);
  const rating = async (chatId: string): Promise<ChatRating | null> => {
    const row = await db.row<RatingRow>(
      'SELECT score, comment, created_at FROM chat_ratings WHERE chat_id = $1',
      [chatId],
    );
    return row ? toRating(row) : null;
  };

  return {
    leaveMessage: async (input) => {
      const inserted = await db.run(
        `INSERT INTO offline_messages (id, client_id, queue, name, email, phone, message, locale, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (client_id) DO NOTHING`,
        [
          randomUUID(),
          input.clientId,
          input.queue,
          input.name,
          input.email,
          input.phone,
          input.message,
          input.locale,
          input.reason,
          now(),
        ],
      );
      const row = await byClientId(input.clientId);
      if (!row) throw new Error(`[hybrid-chat] offline message ${input.clientId} was not stored`);
      return { message: toOfflineMessage(row), created: inserted > 0 };
    },
    offlineMessages: async (filter, limit = 200) => {
      const where =
        filter === 'open'
          ? 'WHERE handled_at IS NULL'
          : filter === 'handled'
            ? 'WHERE handled_at IS NOT NULL'
            : '';
      return (
        await db.rows<OfflineRow>(
          `SELECT * FROM offline_messages ${where} ORDER BY created_at DESC LIMIT $1`,
          [limit],
        )
      ).map(toOfflineMessage);
    },
    offlineMessageByClientId: async (clientId) => {
      const row = await byClientId(clientId);
      return row ? toOfflineMessage(row) : null;
    },
    markHandled: async (id, agentId) => {
      await db.run(
        'UPDATE offline_messages SET handled_at = $1, handled_by = $2 WHERE id = $3 AND handled_at IS NULL',
        [now(), agentId, id],
      );
      const row = await db.row<OfflineRow>('SELECT * FROM offline_messages WHERE id = $1', [id]);
      return row ? toOfflineMessage(row) : null;
    },
    rating,
    rate: async (chatId, score, comment) => {
      const inserted = await db.run(
        'INSERT INTO chat_ratings (chat_id, score, comment, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [chatId, score, comment, now()],
      );
      return { rating: (await rating(chatId)) as ChatRating, created: inserted > 0 };
    },
    history: async (queue) => {
      const since = now() - HISTORY_WINDOW_MS;
      const row = await db.row<{ answer_ms: number | null; handle_ms: number | null }>(
        `SELECT
           (SELECT AVG(accepted_at - created_at)::float8 FROM (SELECT accepted_at, created_at FROM chats
              WHERE queue = $1 AND accepted_at > $2 ORDER BY accepted_at DESC LIMIT ${HISTORY_SAMPLE}) a) AS answer_ms,
           (SELECT AVG(ended_at - accepted_at)::float8 FROM (SELECT ended_at, accepted_at FROM chats
              WHERE queue = $1 AND ended_at > $2 AND accepted_at IS NOT NULL
              ORDER BY ended_at DESC LIMIT ${HISTORY_SAMPLE}) h) AS handle_ms`,
        [queue, since],
      );
      return { answerMs: row?.answer_ms ?? null, handleMs: row?.handle_ms ?? null };
    },
    outcomes: async (queue, since, thresholdMs) => {
      // Answered: an agent took it (accepted_at); abandoned: the customer ended it unanswered.
      const row = await db.row<{ answered: number; in_time: number; abandoned_late: number }>(
        `SELECT
           COUNT(accepted_at) AS answered,
           COUNT(*) FILTER (WHERE accepted_at IS NOT NULL AND accepted_at - waiting_since <= $2) AS in_time,
           COUNT(*) FILTER (WHERE accepted_at IS NULL AND status = 'ended' AND ended_by = 'customer'
             AND ended_at - waiting_since > $2) AS abandoned_late
         FROM chats WHERE queue = $1 AND created_at > $3`,
        [queue, thresholdMs, since],
      );
      return {
        answered: row?.answered ?? 0,
        answeredInTime: row?.in_time ?? 0,
        abandonedLate: row?.abandoned_late ?? 0,
      };
    },
  };
}
