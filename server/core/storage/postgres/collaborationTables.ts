/**
 * Collaboration's tables (server/features/collaboration) on PostgreSQL: whispers (never in
 * `messages`), wrap-ups, and the note of a transfer to a queue. A whisper is stored once per (chat,
 * client id): INSERT … ON CONFLICT DO NOTHING, then the stored one, whichever node wrote it.
 */
import {
  toQueuedTransfer,
  toStoredWrapUp,
  toWhisper,
  toWrapUp,
  type QueuedTransferRow,
  type WhisperRow,
  type WrapUpRow,
} from '../featureRows.ts';
import type { CollaborationStore } from '../storage.ts';
import type { Db } from './db.ts';

export function createCollaborationTables(db: Db, now: () => number): CollaborationStore {
  const insertWrapUp = `INSERT INTO wrap_ups (chat_id, agent_id, customer_name, state, started_at, due_at)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chat_id) DO NOTHING`;
  return {
    addWhisper: async (input) => {
      const sentAt = now();
      const inserted = await db.run(
        `INSERT INTO whispers (id, chat_id, client_id, from_id, from_name, text, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chat_id, client_id) DO NOTHING`,
        [input.id, input.chatId, input.clientId, input.from.id, input.from.name, input.text, sentAt],
      );
      if (inserted > 0) return { whisper: { ...input, sentAt }, duplicate: false };
      const row = await db.row<WhisperRow>('SELECT * FROM whispers WHERE chat_id = $1 AND client_id = $2', [
        input.chatId,
        input.clientId,
      ]);
      if (!row) throw new Error(`[hybrid-chat] whisper ${input.clientId} is known but not stored`);
      return { whisper: toWhisper(row), duplicate: true };
    },
    whispers: async (chatId) =>
      (
        await db.rows<WhisperRow>('SELECT * FROM whispers WHERE chat_id = $1 ORDER BY sent_at, pos', [chatId])
      ).map(toWhisper),

    queuedTransfer: async (chatId) => {
      const row = await db.row<QueuedTransferRow>(
        'SELECT from_id, from_name, note FROM queued_transfers WHERE chat_id = $1',
        [chatId],
      );
      return row ? toQueuedTransfer(row) : null;
    },
    setQueuedTransfer: async (chatId, from, note) => {
      await db.run(
        `INSERT INTO queued_transfers (chat_id, from_id, from_name, note, queued_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (chat_id) DO UPDATE SET from_id = excluded.from_id, from_name = excluded.from_name,
           note = excluded.note, queued_at = excluded.queued_at`,
        [chatId, from.id, from.name, note, now()],
      );
    },
    clearQueuedTransfer: async (chatId) => {
      await db.run('DELETE FROM queued_transfers WHERE chat_id = $1', [chatId]);
    },

    wrapUp: async (chatId) => {
      const row = await db.row<WrapUpRow>('SELECT * FROM wrap_ups WHERE chat_id = $1', [chatId]);
      return row ? toStoredWrapUp(row) : null;
    },
    openWrapUps: async () =>
      (await db.rows<WrapUpRow>(`SELECT * FROM wrap_ups WHERE state <> 'done' ORDER BY chat_id`)).map(
        toStoredWrapUp,
      ),
    agentWrapUps: async (agentId) =>
      (
        await db.rows<WrapUpRow>(
          `SELECT * FROM wrap_ups WHERE agent_id = $1 AND state <> 'done' ORDER BY chat_id`,
          [agentId],
        )
      ).map(toWrapUp),
    createWrapUp: async (chatId, agentId, customerName, dueInMs) => {
      const at = now();
      await db.run(
        insertWrapUp,
        dueInMs === null
          ? [chatId, agentId, customerName, 'waiting', null, null]
          : [chatId, agentId, customerName, 'running', at, at + dueInMs],
      );
    },
    startWrapUp: async (chatId, dueInMs) => {
      const at = now();
      await db.run(
        `UPDATE wrap_ups SET state = 'running', started_at = $1, due_at = $2 WHERE chat_id = $3 AND state = 'waiting'`,
        [at, at + dueInMs, chatId],
      );
    },
    finishWrapUp: async (chatId, reasons, notes, timedOut) =>
      (await db.run(
        `UPDATE wrap_ups SET state = 'done', reasons = $1, notes = $2, completed_at = $3, timed_out = $4
         WHERE chat_id = $5 AND state <> 'done'`,
        [JSON.stringify(reasons), notes, now(), timedOut ? 1 : 0, chatId],
      )) > 0,
  };
}
