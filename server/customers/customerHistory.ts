/**
 * The customer panel's data (issue 6): who the customer of a chat is, and their chats before this
 * one. The same person is recognised by the pre-chat email when they gave one (a new browser gets
 * a new customer id), and always by their customer id.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ChatStatus, CustomerProfile, PreviousChat } from '../../sdk/core/protocol.ts';
import type { StoredChat } from '../store/chatStore.ts';

/** Enough for a panel; older chats are rarely what an agent needs mid-conversation. */
export const PREVIOUS_CHATS_LIMIT = 20;

interface PreviousRow {
  id: string;
  queue: string;
  status: ChatStatus;
  created_at: number;
  ended_at: number | null;
  agent_name: string | null;
  customer_id: string;
  email: string | null;
}

const toPrevious = (row: PreviousRow): PreviousChat => ({
  id: row.id,
  queue: row.queue,
  status: row.status,
  createdAt: row.created_at,
  endedAt: row.ended_at,
  agentName: row.agent_name,
});

/** The pre-chat email, normalised for matching; null when none (or not an email). */
export function emailOf(preChat: Record<string, string>): string | null {
  const email = preChat['email']?.trim().toLowerCase();
  return email && email.includes('@') ? email : null;
}

/** The page the widget reported, if any (only ever shown as text). */
function pageOf(preChat: Record<string, string>): string | null {
  const page = preChat['page'] ?? preChat['pageUrl'] ?? null;
  return page && /^https?:\/\//i.test(page) ? page : null;
}

export function createCustomerHistory(db: DatabaseSync) {
  const select = `SELECT id, queue, status, created_at, ended_at, agent_name, customer_id,
      lower(trim(json_extract(pre_chat, '$.email'))) AS email FROM chats`;
  const q = {
    byCustomer: db.prepare(
      `${select} WHERE customer_id = ? AND id != ? ORDER BY created_at DESC LIMIT ${PREVIOUS_CHATS_LIMIT}`,
    ),
    byCustomerOrEmail: db.prepare(
      `${select} WHERE (customer_id = ? OR lower(trim(json_extract(pre_chat, '$.email'))) = ?) AND id != ?
       ORDER BY created_at DESC LIMIT ${PREVIOUS_CHATS_LIMIT}`,
    ),
    one: db.prepare(`${select} WHERE id = ?`),
  };

  return {
    profile(chat: StoredChat): CustomerProfile {
      const email = emailOf(chat.preChat);
      const rows = (email
        ? q.byCustomerOrEmail.all(chat.customer.id, email, chat.id)
        : q.byCustomer.all(chat.customer.id, chat.id)) as unknown as PreviousRow[];
      return {
        customer: { id: chat.customer.id, name: chat.customer.name, email },
        channel: { kind: 'web', page: pageOf(chat.preChat) },
        preChat: chat.preChat,
        previous: rows.map(toPrevious),
      };
    },

    /** A chat of the same customer as `chat` (by id or email), or null: no way to reach a stranger's. */
    previousOf(chat: StoredChat, previousId: string): PreviousChat | null {
      const row = q.one.get(previousId) as PreviousRow | undefined;
      if (!row || row.id === chat.id) return null;
      const email = emailOf(chat.preChat);
      const same = row.customer_id === chat.customer.id || (email !== null && row.email === email);
      return same ? toPrevious(row) : null;
    },
  };
}

export type CustomerHistory = ReturnType<typeof createCustomerHistory>;
