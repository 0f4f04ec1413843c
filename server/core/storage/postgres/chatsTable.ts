/**
 * Customers and chats on PostgreSQL (tables `customers`, `chats`; a chat's customer and agent rows
 * in `participants` are written with it). Nothing is cached: several nodes write the same rows, so
 * every read asks the database.
 *
 * One open chat per customer, whatever the node: `start` locks the customer's row (SELECT … FOR
 * UPDATE, PostgreSQL manual section 13.3.2 "Row-Level Locks"), so two starts of one customer run one
 * after the other, and the second sees the first one's chat; the partial unique index
 * `chats_one_open` refuses a second open chat should anything else try.
 */
import { randomUUID } from 'node:crypto';
import { toChat, toPrevious, type ChatRow, type PreviousRow } from '../rows.ts';
import type { ChatStore, CustomerStore, StoredChat, WaitingChat } from '../storage.ts';
import type { Db, Queryable } from './db.ts';

/** A chat with its customer's name and its last seq (the highest of its messages). */
export const CHAT_SELECT = `SELECT c.*, cu.name AS customer_name,
  COALESCE((SELECT MAX(m.seq) FROM messages m WHERE m.chat_id = c.id), 0) AS last_seq
  FROM chats c JOIN customers cu ON cu.id = c.customer_id`;

const EMAIL = `lower(trim(pre_chat::jsonb ->> 'email'))`;
const PREVIOUS_SELECT = `SELECT id, queue, status, created_at, ended_at, agent_name, customer_id, ${EMAIL} AS email FROM chats`;
export const JOIN_SQL = `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (chat_id, role, participant_id) DO UPDATE SET left_at = NULL, name = excluded.name`;
const LEAVE = `UPDATE participants SET left_at = $1 WHERE chat_id = $2 AND role = 'agent' AND participant_id = $3 AND left_at IS NULL`;

export function createChatTables(db: Db, now: () => number): { customers: CustomerStore; chats: ChatStore } {
  async function load(q: Queryable, id: string): Promise<StoredChat | null> {
    const row = await q.row<ChatRow>(`${CHAT_SELECT} WHERE c.id = $1`, [id]);
    return row ? toChat(row) : null;
  }
  async function mustLoad(q: Queryable, id: string): Promise<StoredChat> {
    const chat = await load(q, id);
    if (!chat) throw new Error(`[hybrid-chat] no chat ${id}`);
    return chat;
  }
  const list = async (sql: string, params: unknown[]) => (await db.rows<ChatRow>(sql, params)).map(toChat);

  const customers: CustomerStore = {
    upsert: async (id, name) => {
      await db.run(
        `INSERT INTO customers (id, name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
        [id, name, now()],
      );
    },
    exists: async (id) => (await db.row('SELECT 1 FROM customers WHERE id = $1', [id])) !== undefined,
  };

  const chats: ChatStore = {
    get: (id) => load(db, id),

    start: (input) =>
      db.tx(async (q) => {
        const customer = await q.row<{ name: string }>(
          'SELECT name FROM customers WHERE id = $1 FOR UPDATE',
          [input.customerId],
        );
        if (!customer) throw new Error(`[hybrid-chat] no customer ${input.customerId}`);
        const existing =
          (await q.row<{ id: string }>(
            'SELECT id FROM chats WHERE customer_id = $1 AND start_client_id = $2',
            [input.customerId, input.startClientId],
          )) ??
          (await q.row<{ id: string }>(
            `SELECT id FROM chats WHERE customer_id = $1 AND status <> 'ended' LIMIT 1`,
            [input.customerId],
          ));
        if (existing) return { chat: await mustLoad(q, existing.id), created: false };
        const id = randomUUID();
        const at = now();
        await q.run(
          `INSERT INTO chats (id, customer_id, start_client_id, queue, status, pre_chat, created_at, queued_at, waiting_since)
           VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6, $6)`,
          [id, input.customerId, input.startClientId, input.queue, JSON.stringify(input.preChat), at],
        );
        await q.run(JOIN_SQL, [id, 'customer', input.customerId, customer.name, at]);
        return { chat: await mustLoad(q, id), created: true };
      }),

    waiting: async () =>
      (
        await db.rows<ChatRow>(
          `${CHAT_SELECT} WHERE c.status IN ('queued', 'offered') ORDER BY c.queued_at, c.created_at`,
        )
      ).map((row): WaitingChat => ({
        chat: toChat(row),
        queuedAt: row.queued_at ?? row.created_at,
        waitingSince: row.waiting_since ?? row.created_at,
      })),
    active: () => list(`${CHAT_SELECT} WHERE c.status = 'active' ORDER BY c.accepted_at`, []),
    ofCustomer: (customerId, endedAfter) =>
      list(
        `${CHAT_SELECT} WHERE c.customer_id = $1 AND (c.status <> 'ended' OR c.ended_at > $2) ORDER BY c.created_at`,
        [customerId, endedAfter],
      ),
    ofAgent: (agentId) =>
      list(`${CHAT_SELECT} WHERE c.agent_id = $1 AND c.status = 'active' ORDER BY c.accepted_at`, [agentId]),
    joinedBy: (agentId) =>
      list(
        `${CHAT_SELECT} WHERE c.status = 'active' AND COALESCE(c.agent_id, '') <> $1 AND c.id IN
           (SELECT chat_id FROM participants WHERE participant_id = $1 AND role = 'agent' AND left_at IS NULL)
         ORDER BY c.accepted_at`,
        [agentId],
      ),

    setStatus: async (chatId, status) => {
      await db.run('UPDATE chats SET status = $1 WHERE id = $2', [status, chatId]);
    },
    accept: (chatId, agent) =>
      db.tx(async (q) => {
        const at = now();
        await q.run(
          `UPDATE chats SET status = 'active', agent_id = $1, agent_name = $2, accepted_at = $3 WHERE id = $4`,
          [agent.id, agent.name, at, chatId],
        );
        await q.run(JOIN_SQL, [chatId, 'agent', agent.id, agent.name, at]);
        return mustLoad(q, chatId);
      }),
    end: (chatId, by) =>
      db.tx(async (q) => {
        const at = now();
        await q.run(`UPDATE chats SET status = 'ended', ended_at = $1, ended_by = $2 WHERE id = $3`, [
          at,
          by,
          chatId,
        ]);
        await q.run('UPDATE participants SET left_at = $1 WHERE chat_id = $2 AND left_at IS NULL', [
          at,
          chatId,
        ]);
        return mustLoad(q, chatId);
      }),
    setOwner: (chatId, from, to) =>
      db.tx(async (q) => {
        const at = now();
        await q.run(LEAVE, [at, chatId, from]);
        await q.run(LEAVE, [at, chatId, to.id]);
        await q.run('UPDATE chats SET agent_id = $1, agent_name = $2 WHERE id = $3', [
          to.id,
          to.name,
          chatId,
        ]);
        await q.run(JOIN_SQL, [chatId, 'agent', to.id, to.name, at]);
        return mustLoad(q, chatId);
      }),
    requeue: (chatId, input) =>
      db.tx(async (q) => {
        await q.run(LEAVE, [now(), chatId, input.from]);
        await q.run(
          `UPDATE chats SET status = 'queued', agent_id = NULL, agent_name = NULL, accepted_at = NULL,
             queue = $1, queued_at = $2, waiting_since = $3 WHERE id = $4`,
          [input.queue, input.queuedAt, input.waitingSince, chatId],
        );
        return mustLoad(q, chatId);
      }),

    previous: async ({ customerId, email, exceptId, limit }) =>
      (email
        ? await db.rows<PreviousRow>(
            `${PREVIOUS_SELECT} WHERE (customer_id = $1 OR ${EMAIL} = $2) AND id <> $3 ORDER BY created_at DESC LIMIT $4`,
            [customerId, email, exceptId, limit],
          )
        : await db.rows<PreviousRow>(
            `${PREVIOUS_SELECT} WHERE customer_id = $1 AND id <> $2 ORDER BY created_at DESC LIMIT $3`,
            [customerId, exceptId, limit],
          )
      ).map(toPrevious),
    previousChat: async (id) => {
      const row = await db.row<PreviousRow>(`${PREVIOUS_SELECT} WHERE id = $1`, [id]);
      return row ? { ...toPrevious(row), customerId: row.customer_id, email: row.email } : null;
    },
  };

  return { customers, chats };
}
