/**
 * Chats, messages, customers and agents in SQLite. Message sequence numbers are per chat and
 * without gaps; a message is stored once per (chat, client id) and a duplicate gets the `seq`
 * of the first (DESIGN.md, "Delivery without loss").
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type {
  ChatEventKind,
  ChatMessage,
  ChatStatus,
  ChatSummary,
  FileInfo,
  ParticipantRef,
  ParticipantRole,
} from '../../sdk/core/protocol.ts';
import { transaction } from './database.ts';

interface ChatRow {
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
  last_seq: number;
}

interface MessageRow {
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

export interface AgentRecord {
  id: string;
  name: string;
  requestedState: 'READY' | 'NOT_READY';
  stateReason: string | null;
  idleSince: number;
}

export interface NewMessage {
  chatId: string;
  clientId: string;
  from: ParticipantRef;
  kind: ChatMessage['kind'];
  text: string;
  event?: ChatEventKind;
  /** A `file` message's attachment, stored before the message (server/files/fileStore.ts). */
  file?: FileInfo;
}

/** A stored chat before the router adds its live queue position. */
export type StoredChat = Omit<ChatSummary, 'queuePosition'>;

const CHAT_SELECT = `SELECT c.*, cu.name AS customer_name FROM chats c JOIN customers cu ON cu.id = c.customer_id`;
const MESSAGE_SELECT = `SELECT m.*, f.id AS file_id, f.name AS file_name, f.size AS file_size, f.type AS file_type
  FROM messages m LEFT JOIN files f ON m.kind = 'file' AND f.chat_id = m.chat_id AND f.client_id = m.client_id`;

function toChat(row: ChatRow): StoredChat {
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

function toMessage(row: MessageRow): ChatMessage {
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

export function createChatStore(db: DatabaseSync, now: () => number = Date.now) {
  const q = {
    customer: db.prepare('SELECT id, name FROM customers WHERE id = ?'),
    upsertCustomer: db.prepare(
      `INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
    ),
    chat: db.prepare(`${CHAT_SELECT} WHERE c.id = ?`),
    chatByStart: db.prepare(`${CHAT_SELECT} WHERE c.customer_id = ? AND c.start_client_id = ?`),
    insertChat: db.prepare(
      `INSERT INTO chats (id, customer_id, start_client_id, queue, status, pre_chat, created_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
    ),
    openChats: db.prepare(`${CHAT_SELECT} WHERE c.status IN ('queued', 'offered') ORDER BY c.created_at`),
    activeChats: db.prepare(`${CHAT_SELECT} WHERE c.status = 'active' ORDER BY c.accepted_at`),
    customerChats: db.prepare(
      `${CHAT_SELECT} WHERE c.customer_id = ? AND (c.status != 'ended' OR c.ended_at > ?) ORDER BY c.created_at`,
    ),
    agentChats: db.prepare(
      `${CHAT_SELECT} WHERE c.agent_id = ? AND c.status = 'active' ORDER BY c.accepted_at`,
    ),
    setStatus: db.prepare('UPDATE chats SET status = ? WHERE id = ?'),
    accept: db.prepare(
      `UPDATE chats SET status = 'active', agent_id = ?, agent_name = ?, accepted_at = ? WHERE id = ?`,
    ),
    end: db.prepare(`UPDATE chats SET status = 'ended', ended_at = ?, ended_by = ? WHERE id = ?`),
    addParticipant: db.prepare(
      `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET left_at = NULL`,
    ),
    leaveAll: db.prepare('UPDATE participants SET left_at = ? WHERE chat_id = ? AND left_at IS NULL'),
    // Supervisors who barged in are participants of role `supervisor` (server/supervisor).
    supervisors: db.prepare(
      `SELECT participant_id AS id, name FROM participants
       WHERE chat_id = ? AND role = 'supervisor' AND left_at IS NULL ORDER BY joined_at, participant_id`,
    ),
    supervisedChats: db.prepare(
      `SELECT p.chat_id AS id FROM participants p JOIN chats c ON c.id = p.chat_id
       WHERE p.participant_id = ? AND p.role = 'supervisor' AND p.left_at IS NULL AND c.status != 'ended'`,
    ),
    dropSupervisors: db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'supervisor' AND left_at IS NULL`,
    ),
    messageByClientId: db.prepare(`${MESSAGE_SELECT} WHERE m.chat_id = ? AND m.client_id = ?`),
    bumpSeq: db.prepare('UPDATE chats SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq'),
    insertMessage: db.prepare(
      `INSERT INTO messages (chat_id, seq, client_id, from_role, from_id, from_name, kind, text, event, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    messagesAfter: db.prepare(`${MESSAGE_SELECT} WHERE m.chat_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`),
    agent: db.prepare('SELECT * FROM agents WHERE id = ?'),
    upsertAgent: db.prepare(
      `INSERT INTO agents (id, name, requested_state, state_reason, idle_since) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, requested_state = excluded.requested_state,
         state_reason = excluded.state_reason, idle_since = excluded.idle_since`,
    ),
  };

  const getChat = (id: string): StoredChat | null => {
    const row = q.chat.get(id) as ChatRow | undefined;
    return row ? toChat(row) : null;
  };

  return {
    upsertCustomer(id: string, name: string): void {
      q.upsertCustomer.run(id, name, now());
    },
    customerExists(id: string): boolean {
      return q.customer.get(id) !== undefined;
    },

    getChat,

    /** Creates a queued chat, or returns the one this start request already created. */
    startChat(input: {
      customerId: string;
      startClientId: string;
      queue: string;
      preChat: Record<string, string>;
    }): { chat: StoredChat; created: boolean } {
      return transaction(db, () => {
        const existing = q.chatByStart.get(input.customerId, input.startClientId) as ChatRow | undefined;
        if (existing) return { chat: toChat(existing), created: false };
        const id = randomUUID();
        q.insertChat.run(
          id,
          input.customerId,
          input.startClientId,
          input.queue,
          JSON.stringify(input.preChat),
          now(),
        );
        const customer = q.customer.get(input.customerId) as { name: string };
        q.addParticipant.run(id, 'customer', input.customerId, customer.name, now());
        return { chat: getChat(id) as StoredChat, created: true };
      });
    },

    waitingChats(): StoredChat[] {
      return (q.openChats.all() as unknown as ChatRow[]).map(toChat);
    },
    activeChats(): StoredChat[] {
      return (q.activeChats.all() as unknown as ChatRow[]).map(toChat);
    },
    /** A customer's open chats and those ended in the last hour (the widget shows how they ended). */
    customerChats(customerId: string): StoredChat[] {
      return (q.customerChats.all(customerId, now() - 3600_000) as unknown as ChatRow[]).map(toChat);
    },
    agentChats(agentId: string): StoredChat[] {
      return (q.agentChats.all(agentId) as unknown as ChatRow[]).map(toChat);
    },

    setStatus(chatId: string, status: 'queued' | 'offered'): void {
      q.setStatus.run(status, chatId);
    },
    accept(chatId: string, agent: { id: string; name: string }): void {
      transaction(db, () => {
        q.accept.run(agent.id, agent.name, now(), chatId);
        q.addParticipant.run(chatId, 'agent', agent.id, agent.name, now());
      });
    },
    end(chatId: string, by: ParticipantRole): void {
      transaction(db, () => {
        q.end.run(now(), by, chatId);
        q.leaveAll.run(now(), chatId);
      });
    },

    /** A supervisor barged in: they take part in the chat until it ends or is force-transferred. */
    addSupervisor(chatId: string, supervisor: { id: string; name: string }): void {
      q.addParticipant.run(chatId, 'supervisor', supervisor.id, supervisor.name, now());
    },
    supervisors(chatId: string): Array<{ id: string; name: string }> {
      return q.supervisors.all(chatId) as unknown as Array<{ id: string; name: string }>;
    },
    /** Open chats this supervisor barged into (their socket joins them again on connect). */
    supervisedChats(supervisorId: string): string[] {
      return (q.supervisedChats.all(supervisorId) as unknown as Array<{ id: string }>).map((row) => row.id);
    },
    dropSupervisors(chatId: string): void {
      q.dropSupervisors.run(now(), chatId);
    },

    /** Stores a message once; a retry with the same client id returns the stored one. */
    appendMessage(input: NewMessage): { message: ChatMessage; duplicate: boolean } {
      return transaction(db, () => {
        const existing = q.messageByClientId.get(input.chatId, input.clientId) as MessageRow | undefined;
        if (existing) return { message: toMessage(existing), duplicate: true };
        const { last_seq: seq } = q.bumpSeq.get(input.chatId) as { last_seq: number };
        const sentAt = now();
        q.insertMessage.run(
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
        return {
          message: {
            chatId: input.chatId,
            seq,
            clientId: input.clientId,
            from: input.from,
            kind: input.kind,
            text: input.text,
            ...(input.event ? { event: input.event } : {}),
            ...(input.file ? { file: input.file } : {}),
            sentAt,
          },
          duplicate: false,
        };
      });
    },

    messageByClientId(chatId: string, clientId: string): ChatMessage | null {
      const row = q.messageByClientId.get(chatId, clientId) as MessageRow | undefined;
      return row ? toMessage(row) : null;
    },

    messagesAfter(chatId: string, afterSeq: number, limit = 1000): ChatMessage[] {
      return (q.messagesAfter.all(chatId, afterSeq, limit) as unknown as MessageRow[]).map(toMessage);
    },

    getAgent(id: string): AgentRecord | null {
      const row = q.agent.get(id) as
        | {
            id: string;
            name: string;
            requested_state: string;
            state_reason: string | null;
            idle_since: number;
          }
        | undefined;
      if (!row) return null;
      return {
        id: row.id,
        name: row.name,
        requestedState: row.requested_state === 'READY' ? 'READY' : 'NOT_READY',
        stateReason: row.state_reason,
        idleSince: row.idle_since,
      };
    },
    saveAgent(agent: AgentRecord): void {
      q.upsertAgent.run(agent.id, agent.name, agent.requestedState, agent.stateReason, agent.idleSince);
    },
  };
}

export type ChatStore = ReturnType<typeof createChatStore>;
