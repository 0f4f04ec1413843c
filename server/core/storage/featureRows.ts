/**
 * Rows of the features' tables as both engines return them, and their protocol shapes:
 * collaboration's whispers, wrap-ups and queued transfers (server/features/collaboration), the
 * conversation's offline messages and ratings (server/features/conversation). One row type and one
 * mapper serve the SQLite and the PostgreSQL engine, as in rows.ts.
 */
import type { ChatRating, OfferInvite, OfflineMessage, Whisper, WrapUp } from '../../../sdk/core/protocol.ts';
import type { StoredWrapUp } from './storage.ts';

export interface WhisperRow {
  id: string;
  chat_id: string;
  client_id: string;
  from_id: string;
  from_name: string;
  text: string;
  sent_at: number;
}

export const toWhisper = (row: WhisperRow): Whisper => ({
  chatId: row.chat_id,
  id: row.id,
  clientId: row.client_id,
  from: { id: row.from_id, name: row.from_name },
  text: row.text,
  sentAt: row.sent_at,
});

export interface WrapUpRow {
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

export const toWrapUp = (row: WrapUpRow): WrapUp => ({
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

/** A wrap-up with the agent it belongs to. */
export const toStoredWrapUp = (row: WrapUpRow): StoredWrapUp => ({ ...toWrapUp(row), agentId: row.agent_id });

/** The sender and note of a transfer to a queue (table `queued_transfers`). */
export interface QueuedTransferRow {
  from_id: string;
  from_name: string;
  note: string;
}

export const toQueuedTransfer = (row: QueuedTransferRow): OfferInvite => ({
  kind: 'transfer',
  via: 'queue',
  from: { id: row.from_id, name: row.from_name },
  note: row.note,
});

export interface OfflineRow {
  id: string;
  queue: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  locale: string | null;
  reason: OfflineMessage['reason'];
  created_at: number;
  handled_at: number | null;
  handled_by: string | null;
}

export const toOfflineMessage = (row: OfflineRow): OfflineMessage => ({
  id: row.id,
  queue: row.queue,
  name: row.name,
  email: row.email,
  phone: row.phone,
  message: row.message,
  locale: row.locale,
  reason: row.reason,
  createdAt: row.created_at,
  handledAt: row.handled_at,
  handledBy: row.handled_by,
});

/** A chat's CSAT rating (table `chat_ratings`). */
export interface RatingRow {
  score: ChatRating['score'];
  comment: string | null;
  created_at: number;
}

export const toRating = (row: RatingRow): ChatRating => ({
  score: row.score,
  comment: row.comment,
  ratedAt: row.created_at,
});
