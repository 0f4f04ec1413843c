/**
 * Rows of the core chat tables as both engines return them, and their protocol shapes. The SQLite
 * engine reads plain records (node:sqlite), the PostgreSQL engine reads node-postgres rows with
 * BIGINT columns parsed as numbers (postgres/db.ts), so one row type and one mapper serve both.
 * What differs between the engines (their SQL dialect, caching, locking) stays in ./sqlite/ and
 * ./postgres/. The rows of the features' tables are in featureRows.ts.
 */
import type {
  ChatEventKind,
  ChatMessage,
  ChatStatus,
  FileInfo,
  ParticipantRole,
  PreviousChat,
  ReceiptWatermarks,
} from '../../../sdk/core/protocol.ts';
import type { AgentRecord, FileRecord, StoredChat } from './storage.ts';

/** A chat row with its customer's name and its last seq (each engine's CHAT_SELECT). */
export interface ChatRow {
  id: string;
  customer_id: string;
  customer_name: string;
  queue: string;
  status: ChatStatus;
  agent_id: string | null;
  agent_name: string | null;
  pre_chat: string;
  created_at: number;
  accepted_at: number | null;
  ended_at: number | null;
  ended_by: ParticipantRole | null;
  queued_at: number | null;
  waiting_since: number | null;
  last_seq: number;
}

export function toChat(row: ChatRow): StoredChat {
  return {
    id: row.id,
    status: row.status,
    queue: row.queue,
    customer: { id: row.customer_id, name: row.customer_name },
    agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? row.agent_id } : null,
    preChat: JSON.parse(row.pre_chat) as Record<string, string>,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    lastSeq: row.last_seq,
  };
}

export interface MessageRow {
  chat_id: string;
  seq: number;
  client_id: string;
  from_role: ParticipantRole;
  from_id: string;
  from_name: string;
  kind: ChatMessage['kind'];
  text: string;
  event: ChatEventKind | null;
  sent_at: number;
  /** The attachment of a `file` message (LEFT JOIN files, see MESSAGE_SELECT). */
  file_id: string | null;
  file_name: string | null;
  file_size: number | null;
  file_type: FileInfo['type'] | null;
}

/** Messages with their attachment's metadata; the same SQL in both engines. */
export const MESSAGE_SELECT = `SELECT m.*, f.id AS file_id, f.name AS file_name, f.size AS file_size, f.type AS file_type
  FROM messages m LEFT JOIN files f ON m.kind = 'file' AND f.chat_id = m.chat_id AND f.client_id = m.client_id`;

export function toMessage(row: MessageRow): ChatMessage {
  return {
    chatId: row.chat_id,
    seq: row.seq,
    clientId: row.client_id,
    from: { role: row.from_role, id: row.from_id, name: row.from_name },
    kind: row.kind,
    text: row.text,
    ...(row.event ? { event: row.event } : {}),
    ...(row.file_id
      ? {
          file: {
            id: row.file_id,
            name: row.file_name ?? row.text,
            size: row.file_size ?? 0,
            type: row.file_type ?? 'text/plain',
          },
        }
      : {}),
    sentAt: row.sent_at,
  };
}

/** A row of a customer's earlier chats. */
export interface PreviousRow {
  id: string;
  queue: string;
  status: PreviousChat['status'];
  created_at: number;
  ended_at: number | null;
  agent_name: string | null;
  customer_id: string;
  email: string | null;
}

export const toPrevious = (row: PreviousRow): PreviousChat => ({
  id: row.id,
  queue: row.queue,
  status: row.status,
  createdAt: row.created_at,
  endedAt: row.ended_at,
  agentName: row.agent_name,
});

/** A row of `participants` as both engines select it. */
export interface ParticipantTableRow {
  role: 'customer' | 'agent' | 'supervisor';
  participant_id: string;
  name: string;
  joined_at: number;
  left_at: number | null;
}

export interface AgentRow {
  id: string;
  name: string;
  requested_state: string;
  state_reason: string | null;
  idle_since: number;
}

export const toAgentRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  name: row.name,
  requestedState: row.requested_state === 'READY' ? 'READY' : 'NOT_READY',
  stateReason: row.state_reason,
  idleSince: row.idle_since,
});

export interface FileRow {
  id: string;
  chat_id: string;
  client_id: string;
  uploader_role: ParticipantRole;
  uploader_id: string;
  name: string;
  size: number;
  type: FileInfo['type'];
  created_at: number;
}

export const toFileRecord = (row: FileRow): FileRecord => ({
  id: row.id,
  chatId: row.chat_id,
  clientId: row.client_id,
  uploader: { role: row.uploader_role, id: row.uploader_id },
  name: row.name,
  size: row.size,
  type: row.type,
  createdAt: row.created_at,
});

/** One side's delivered/read watermarks (table `receipts`). */
export interface ReceiptRow {
  delivered_seq: number;
  read_seq: number;
}

export const toWatermarks = (row: ReceiptRow): ReceiptWatermarks => ({
  delivered: row.delivered_seq,
  read: row.read_seq,
});

export interface RevocationRow {
  jti: string;
  expires_at: number;
}

export const toRevocation = (row: RevocationRow) => ({ jti: row.jti, expiresAt: row.expires_at });
