/** Rows of the chat tables as SQLite returns them, and their protocol shapes. */
import type {
  ChatEventKind,
  ChatMessage,
  ChatStatus,
  FileInfo,
  ParticipantRole,
  PreviousChat,
} from '../../../../sdk/core/protocol.ts';
import type { StoredChat } from '../storage.ts';

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

/** A chat with its customer's name and its last seq (the highest of its messages). */
export const CHAT_SELECT = `SELECT c.*, cu.name AS customer_name,
  (SELECT IFNULL(MAX(m.seq), 0) FROM messages m WHERE m.chat_id = c.id) AS last_seq
  FROM chats c JOIN customers cu ON cu.id = c.customer_id`;

export const MESSAGE_SELECT = `SELECT m.*, f.id AS file_id, f.name AS file_name, f.size AS file_size, f.type AS file_type
  FROM messages m LEFT JOIN files f ON m.kind = 'file' AND f.chat_id = m.chat_id AND f.client_id = m.client_id`;

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

/** `all()` rows typed as `T` (node:sqlite returns plain records). */
export const rowsOf = <T>(rows: unknown[]): T[] => rows as T[];

/** A row of a customer's earlier chats (both engines). */
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
