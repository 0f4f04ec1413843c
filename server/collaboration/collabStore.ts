/**
 * Storage of transfer, consult/conference, whisper and wrap-up (server/collaboration). Its tables
 * are created here, idempotently, so this feature needs no step in the shared migration list.
 * Whispers live in a table of their own, never in `messages`: whatever reads a chat's messages
 * (customer sync, history, transcripts) cannot reach them, and the customer's `seq` has no gaps.
 * Conference members are the chat's `participants` rows of role `agent` that have not left.
 * A transfer to a queue keeps its sender and note in `queued_transfers` until the chat ends, so the
 * next agent's offer still shows them after a restart.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { OfferInvite, Whisper, WrapUp } from '../../sdk/core/protocol.ts';
import { transaction } from '../store/database.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS whispers (
    id TEXT PRIMARY KEY,
    chat_id TEXT NOT NULL REFERENCES chats(id),
    client_id TEXT NOT NULL,
    from_id TEXT NOT NULL,
    from_name TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    UNIQUE (chat_id, client_id)
  );
  CREATE INDEX IF NOT EXISTS whispers_chat ON whispers (chat_id, sent_at);
  CREATE TABLE IF NOT EXISTS wrap_ups (
    chat_id TEXT PRIMARY KEY REFERENCES chats(id),
    agent_id TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'done')),
    started_at INTEGER,
    due_at INTEGER,
    reasons TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    completed_at INTEGER,
    timed_out INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS wrap_ups_agent ON wrap_ups (agent_id, state);
  CREATE TABLE IF NOT EXISTS queued_transfers (
    chat_id TEXT PRIMARY KEY REFERENCES chats(id),
    from_id TEXT NOT NULL,
    from_name TEXT NOT NULL,
    note TEXT NOT NULL,
    queued_at INTEGER NOT NULL
  );`;

interface WhisperRow {
  id: string;
  chat_id: string;
  client_id: string;
  from_id: string;
  from_name: string;
  text: string;
  sent_at: number;
}

interface WrapUpRow {
  chat_id: string;
  agent_id: string;
  customer_name: string;
  state: WrapUp['state'];
  started_at: number | null;
  due_at: number | null;
  reasons: string;
  notes: string;
  completed_at: number | null;
  timed_out: number;
}

const toWhisper = (row: WhisperRow): Whisper => ({
  chatId: row.chat_id,
  id: row.id,
  clientId: row.client_id,
  from: { id: row.from_id, name: row.from_name },
  text: row.text,
  sentAt: row.sent_at,
});

const toWrapUp = (row: WrapUpRow): WrapUp => ({
  chatId: row.chat_id,
  customerName: row.customer_name,
  state: row.state,
  startedAt: row.started_at,
  dueAt: row.due_at,
  reasons: JSON.parse(row.reasons) as string[],
  notes: row.notes,
  completedAt: row.completed_at,
  timedOut: row.timed_out === 1,
});

export function createCollabStore(db: DatabaseSync, now: () => number = Date.now) {
  db.exec(SCHEMA);
  const q = {
    whisperByClient: db.prepare('SELECT * FROM whispers WHERE chat_id = ? AND client_id = ?'),
    insertWhisper: db.prepare(
      `INSERT INTO whispers (id, chat_id, client_id, from_id, from_name, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    whispers: db.prepare('SELECT * FROM whispers WHERE chat_id = ? ORDER BY sent_at, rowid'),
    members: db.prepare(
      `SELECT p.participant_id AS id, p.name FROM participants p JOIN chats c ON c.id = p.chat_id
       WHERE p.chat_id = ? AND p.role = 'agent' AND p.participant_id != IFNULL(c.agent_id, '')
         AND (p.left_at IS NULL OR (c.status = 'ended' AND p.left_at >= c.ended_at))
       ORDER BY p.joined_at`,
    ),
    memberChats: db.prepare(
      `SELECT p.chat_id AS id FROM participants p JOIN chats c ON c.id = p.chat_id
       WHERE p.participant_id = ? AND p.role = 'agent' AND p.left_at IS NULL AND c.status = 'active'
         AND IFNULL(c.agent_id, '') != p.participant_id`,
    ),
    join: db.prepare(
      `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES (?, 'agent', ?, ?, ?)
       ON CONFLICT DO UPDATE SET left_at = NULL, name = excluded.name`,
    ),
    leave: db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'agent' AND participant_id = ? AND left_at IS NULL`,
    ),
    setOwner: db.prepare(`UPDATE chats SET agent_id = ?, agent_name = ? WHERE id = ?`),
    requeue: db.prepare(
      `UPDATE chats SET status = 'queued', agent_id = NULL, agent_name = NULL, queue = IFNULL(?, queue) WHERE id = ?`,
    ),
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
    queuedTransfer: db.prepare('SELECT from_id, from_name, note FROM queued_transfers WHERE chat_id = ?'),
    setQueuedTransfer: db.prepare(
      `INSERT INTO queued_transfers (chat_id, from_id, from_name, note, queued_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET from_id = excluded.from_id, from_name = excluded.from_name,
         note = excluded.note, queued_at = excluded.queued_at`,
    ),
    clearQueuedTransfer: db.prepare('DELETE FROM queued_transfers WHERE chat_id = ?'),
    finishWrapUp: db.prepare(
      `UPDATE wrap_ups SET state = 'done', reasons = ?, notes = ?, completed_at = ?, timed_out = ?
       WHERE chat_id = ? AND state != 'done'`,
    ),
  };

  const wrapUp = (chatId: string): (WrapUp & { agentId: string }) | null => {
    const row = q.wrapUp.get(chatId) as WrapUpRow | undefined;
    return row ? { ...toWrapUp(row), agentId: row.agent_id } : null;
  };

  return {
    /** Stores a whisper once per (chat, client id); a retry gets the stored one. */
    addWhisper(input: Omit<Whisper, 'id' | 'sentAt'>, id: string): { whisper: Whisper; duplicate: boolean } {
      return transaction(db, () => {
        const existing = q.whisperByClient.get(input.chatId, input.clientId) as WhisperRow | undefined;
        if (existing) return { whisper: toWhisper(existing), duplicate: true };
        const sentAt = now();
        q.insertWhisper.run(
          id,
          input.chatId,
          input.clientId,
          input.from.id,
          input.from.name,
          input.text,
          sentAt,
        );
        return { whisper: { ...input, id, sentAt }, duplicate: false };
      });
    },
    whispers(chatId: string): Whisper[] {
      return (q.whispers.all(chatId) as unknown as WhisperRow[]).map(toWhisper);
    },

    /** Agents in the chat besides its owner. */
    members(chatId: string): Array<{ id: string; name: string }> {
      return q.members.all(chatId) as unknown as Array<{ id: string; name: string }>;
    },
    /** Active chats the agent takes part in without owning them. */
    memberChats(agentId: string): string[] {
      return (q.memberChats.all(agentId) as unknown as Array<{ id: string }>).map((row) => row.id);
    },
    join(chatId: string, agent: { id: string; name: string }): void {
      q.join.run(chatId, agent.id, agent.name, now());
    },
    leave(chatId: string, agentId: string): void {
      q.leave.run(now(), chatId, agentId);
    },
    /** A transfer's new owner; the old one leaves the chat. */
    setOwner(chatId: string, from: string, to: { id: string; name: string }): void {
      transaction(db, () => {
        q.leave.run(now(), chatId, from);
        q.leave.run(now(), chatId, to.id);
        q.setOwner.run(to.id, to.name, chatId);
        q.join.run(chatId, to.id, to.name, now());
      });
    },
    /** Back to the queue without an owner (transfer to a queue, or a transfer nobody took). */
    requeue(chatId: string, from: string, queue: string | null): void {
      transaction(db, () => {
        q.leave.run(now(), chatId, from);
        q.requeue.run(queue, chatId);
      });
    },

    /** The sender and note of the chat's latest transfer to a queue (shown on its offers). */
    queuedTransfer(chatId: string): OfferInvite | null {
      const row = q.queuedTransfer.get(chatId) as
        { from_id: string; from_name: string; note: string } | undefined;
      return row
        ? { kind: 'transfer', via: 'queue', from: { id: row.from_id, name: row.from_name }, note: row.note }
        : null;
    },
    setQueuedTransfer(chatId: string, from: { id: string; name: string }, note: string): void {
      q.setQueuedTransfer.run(chatId, from.id, from.name, note, now());
    },
    clearQueuedTransfer(chatId: string): void {
      q.clearQueuedTransfer.run(chatId);
    },

    wrapUp,
    openWrapUps(): Array<WrapUp & { agentId: string }> {
      return (q.openWrapUps.all() as unknown as WrapUpRow[]).map((row) => ({
        ...toWrapUp(row),
        agentId: row.agent_id,
      }));
    },
    agentWrapUps(agentId: string): WrapUp[] {
      return (q.agentWrapUps.all(agentId) as unknown as WrapUpRow[]).map(toWrapUp);
    },
    createWrapUp(chatId: string, agentId: string, customerName: string, dueInMs: number | null): void {
      const at = now();
      if (dueInMs === null) q.insertWrapUp.run(chatId, agentId, customerName, 'waiting', null, null);
      else q.insertWrapUp.run(chatId, agentId, customerName, 'running', at, at + dueInMs);
    },
    startWrapUp(chatId: string, dueInMs: number): void {
      const at = now();
      q.startWrapUp.run(at, at + dueInMs, chatId);
    },
    finishWrapUp(chatId: string, reasons: string[], notes: string, timedOut: boolean): boolean {
      const result = q.finishWrapUp.run(JSON.stringify(reasons), notes, now(), timedOut ? 1 : 0, chatId);
      return Number(result.changes) > 0;
    },
  };
}

export type CollabStore = ReturnType<typeof createCollabStore>;
