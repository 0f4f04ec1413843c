/**
 * Collaboration's tables (server/features/collaboration): whispers, wrap-ups and the note of a
 * transfer to a queue. Whispers live in a table of their own, never in `messages`: whatever reads a
 * chat's messages (customer sync, history, transcripts) cannot reach them, and the customer's `seq`
 * has no gaps. A transfer to a queue keeps its sender and note in `queued_transfers` until someone
 * takes the chat, so the next agent's offer still shows them after a restart.
 */
import type { DatabaseSync } from 'node:sqlite';
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
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

export function createCollaborationTables(
  db: DatabaseSync,
  group: GroupCommit,
  now: () => number,
): CollaborationStore {
  const q = {
    whisperByClient: db.prepare('SELECT * FROM whispers WHERE chat_id = ? AND client_id = ?'),
    insertWhisper: db.prepare(
      `INSERT INTO whispers (id, chat_id, client_id, from_id, from_name, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    whispers: db.prepare('SELECT * FROM whispers WHERE chat_id = ? ORDER BY sent_at, rowid'),
    wrapUp: db.prepare('SELECT * FROM wrap_ups WHERE chat_id = ?'),
    openWrapUps: db.prepare(`SELECT * FROM wrap_ups WHERE state != 'done' ORDER BY chat_id`),
    agentWrapUps: db.prepare(`SELECT * FROM wrap_ups WHERE agent_id = ? AND state != 'done'`),
    insertWrapUp: db.prepare(
      `INSERT INTO wrap_ups (chat_id, agent_id, customer_name, state, started_at, due_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (chat_id) DO NOTHING`,
    ),
    startWrapUp: db.prepare(
      `UPDATE wrap_ups SET state = 'running', started_at = ?, due_at = ? WHERE chat_id = ? AND state = 'waiting'`,
    ),
    finishWrapUp: db.prepare(
      `UPDATE wrap_ups SET state = 'done', reasons = ?, notes = ?, completed_at = ?, timed_out = ?
       WHERE chat_id = ? AND state != 'done'`,
    ),
    queuedTransfer: db.prepare('SELECT from_id, from_name, note FROM queued_transfers WHERE chat_id = ?'),
    setQueuedTransfer: db.prepare(
      `INSERT INTO queued_transfers (chat_id, from_id, from_name, note, queued_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET from_id = excluded.from_id, from_name = excluded.from_name,
         note = excluded.note, queued_at = excluded.queued_at`,
    ),
    clearQueuedTransfer: db.prepare('DELETE FROM queued_transfers WHERE chat_id = ?'),
  };

  const whisperOf = (chatId: string, clientId: string) =>
    q.whisperByClient.get(chatId, clientId) as WhisperRow | undefined;

  return {
    addWhisper: (input) =>
      group.write(() => {
        const existing = whisperOf(input.chatId, input.clientId);
        if (existing) return { whisper: toWhisper(existing), duplicate: true };
        const sentAt = now();
        q.insertWhisper.run(
          input.id,
          input.chatId,
          input.clientId,
          input.from.id,
          input.from.name,
          input.text,
          sentAt,
        );
        return { whisper: { ...input, sentAt }, duplicate: false };
      }),
    whispers: (chatId) => group.read(() => rowsOf<WhisperRow>(q.whispers.all(chatId)).map(toWhisper)),

    queuedTransfer: (chatId) =>
      group.read(() => {
        const row = q.queuedTransfer.get(chatId) as QueuedTransferRow | undefined;
        return row ? toQueuedTransfer(row) : null;
      }),
    setQueuedTransfer: (chatId, from, note) =>
      group.write(() => {
        q.setQueuedTransfer.run(chatId, from.id, from.name, note, now());
      }),
    clearQueuedTransfer: (chatId) =>
      group.write(() => {
        q.clearQueuedTransfer.run(chatId);
      }),

    wrapUp: (chatId) =>
      group.read(() => {
        const row = q.wrapUp.get(chatId) as WrapUpRow | undefined;
        return row ? toStoredWrapUp(row) : null;
      }),
    openWrapUps: () => group.read(() => rowsOf<WrapUpRow>(q.openWrapUps.all()).map(toStoredWrapUp)),
    agentWrapUps: (agentId) => group.read(() => rowsOf<WrapUpRow>(q.agentWrapUps.all(agentId)).map(toWrapUp)),
    createWrapUp: (chatId, agentId, customerName, dueInMs) =>
      group.write(() => {
        const at = now();
        if (dueInMs === null) q.insertWrapUp.run(chatId, agentId, customerName, 'waiting', null, null);
        else q.insertWrapUp.run(chatId, agentId, customerName, 'running', at, at + dueInMs);
      }),
    startWrapUp: (chatId, dueInMs) =>
      group.write(() => {
        const at = now();
        q.startWrapUp.run(at, at + dueInMs, chatId);
      }),
    finishWrapUp: (chatId, reasons, notes, timedOut) =>
      group.write(() => {
        const result = q.finishWrapUp.run(JSON.stringify(reasons), notes, now(), timedOut ? 1 : 0, chatId);
        return Number(result.changes) > 0;
      }),
  };
}
