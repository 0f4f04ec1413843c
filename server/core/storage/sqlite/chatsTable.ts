/**
 * Customers and chats (tables `customers`, `chats`; a chat's customer and agent rows in
 * `participants` are written with it). Every chat row written here is read back into the cache in
 * the same write, so the next message finds it in memory.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ChatStore, CustomerStore, StoredChat, WaitingChat } from '../storage.ts';
import type { ChatCache } from './chatCache.ts';
import type { GroupCommit } from './groupCommit.ts';
import { CHAT_SELECT, rowsOf } from './rows.ts';
import { toChat, toPrevious, type ChatRow, type PreviousRow } from '../rows.ts';

export function createChatTables(
  db: DatabaseSync,
  group: GroupCommit,
  cache: ChatCache,
  now: () => number,
): { customers: CustomerStore; chats: ChatStore; peek: (id: string) => StoredChat | null } {
  const previousSelect = `SELECT id, queue, status, created_at, ended_at, agent_name, customer_id,
      lower(trim(json_extract(pre_chat, '$.email'))) AS email FROM chats`;
  const q = {
    customer: db.prepare('SELECT name FROM customers WHERE id = ?'),
    upsertCustomer: db.prepare(
      `INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
    ),
    chat: db.prepare(`${CHAT_SELECT} WHERE c.id = ?`),
    chatByStart: db.prepare(`SELECT id FROM chats WHERE customer_id = ? AND start_client_id = ?`),
    openOfCustomer: db.prepare(`SELECT id FROM chats WHERE customer_id = ? AND status != 'ended' LIMIT 1`),
    insertChat: db.prepare(
      `INSERT INTO chats (id, customer_id, start_client_id, queue, status, pre_chat, created_at, queued_at, waiting_since)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    ),
    waiting: db.prepare(
      `${CHAT_SELECT} WHERE c.status IN ('queued', 'offered') ORDER BY c.queued_at, c.created_at`,
    ),
    active: db.prepare(`${CHAT_SELECT} WHERE c.status = 'active' ORDER BY c.accepted_at`),
    ofCustomer: db.prepare(
      `${CHAT_SELECT} WHERE c.customer_id = ? AND (c.status != 'ended' OR c.ended_at > ?) ORDER BY c.created_at`,
    ),
    ofAgent: db.prepare(`${CHAT_SELECT} WHERE c.agent_id = ? AND c.status = 'active' ORDER BY c.accepted_at`),
    joinedBy: db.prepare(
      `${CHAT_SELECT} WHERE c.status = 'active' AND IFNULL(c.agent_id, '') != ?1 AND c.id IN
         (SELECT chat_id FROM participants WHERE participant_id = ?1 AND role = 'agent' AND left_at IS NULL)
       ORDER BY c.accepted_at`,
    ),
    setStatus: db.prepare('UPDATE chats SET status = ? WHERE id = ?'),
    accept: db.prepare(
      `UPDATE chats SET status = 'active', agent_id = ?, agent_name = ?, accepted_at = ? WHERE id = ?`,
    ),
    end: db.prepare(`UPDATE chats SET status = 'ended', ended_at = ?, ended_by = ? WHERE id = ?`),
    setOwner: db.prepare('UPDATE chats SET agent_id = ?, agent_name = ? WHERE id = ?'),
    requeue: db.prepare(
      `UPDATE chats SET status = 'queued', agent_id = NULL, agent_name = NULL, accepted_at = NULL,
         queue = ?, queued_at = ?, waiting_since = ? WHERE id = ?`,
    ),
    join: db.prepare(
      `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET left_at = NULL, name = excluded.name`,
    ),
    leave: db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'agent' AND participant_id = ? AND left_at IS NULL`,
    ),
    leaveAll: db.prepare('UPDATE participants SET left_at = ? WHERE chat_id = ? AND left_at IS NULL'),
    previousByCustomer: db.prepare(
      `${previousSelect} WHERE customer_id = ? AND id != ? ORDER BY created_at DESC LIMIT ?`,
    ),
    previousByEmail: db.prepare(
      `${previousSelect} WHERE (customer_id = ? OR lower(trim(json_extract(pre_chat, '$.email'))) = ?) AND id != ?
       ORDER BY created_at DESC LIMIT ?`,
    ),
    previousOne: db.prepare(`${previousSelect} WHERE id = ?`),
  };

  /** The chat as stored now, kept in the cache (inside a write: what this transaction wrote). */
  function load(id: string): StoredChat | null {
    const row = q.chat.get(id) as ChatRow | undefined;
    return row ? cache.keep(toChat(row)) : null;
  }
  const cached = (id: string): StoredChat | null => cache.chat(id) ?? load(id);
  const list = (rows: unknown[]): StoredChat[] => rowsOf<ChatRow>(rows).map((row) => cache.keep(toChat(row)));
  const mustLoad = (id: string): StoredChat => {
    const chat = load(id);
    if (!chat) throw new Error(`[hybrid-chat] no chat ${id}`);
    return chat;
  };

  const customers: CustomerStore = {
    upsert: (id, name) =>
      group.write(() => {
        const before = q.customer.get(id) as { name: string } | undefined;
        q.upsertCustomer.run(id, name, now());
        if (before && before.name !== name) cache.dropCustomer(id);
      }),
    exists: (id) => group.read(() => q.customer.get(id) !== undefined),
  };

  const chats: ChatStore = {
    get: (id) => group.read(() => cached(id)),

    start: (input) =>
      group.write(() => {
        const existing = (q.chatByStart.get(input.customerId, input.startClientId) ??
          q.openOfCustomer.get(input.customerId)) as { id: string } | undefined;
        if (existing) return { chat: mustLoad(existing.id), created: false };
        const id = randomUUID();
        const at = now();
        q.insertChat.run(
          id,
          input.customerId,
          input.startClientId,
          input.queue,
          JSON.stringify(input.preChat),
          at,
          at,
          at,
        );
        const customer = q.customer.get(input.customerId) as { name: string };
        q.join.run(id, 'customer', input.customerId, customer.name, at);
        cache.setLastSeq(id, 0);
        return { chat: mustLoad(id), created: true };
      }),

    waiting: () =>
      group.read(() =>
        rowsOf<ChatRow>(q.waiting.all()).map((row): WaitingChat => ({
          chat: cache.keep(toChat(row)),
          queuedAt: row.queued_at ?? row.created_at,
          waitingSince: row.waiting_since ?? row.created_at,
        })),
      ),
    active: () => group.read(() => list(q.active.all())),
    ofCustomer: (customerId, endedAfter) => group.read(() => list(q.ofCustomer.all(customerId, endedAfter))),
    ofAgent: (agentId) => group.read(() => list(q.ofAgent.all(agentId))),
    joinedBy: (agentId) => group.read(() => list(q.joinedBy.all(agentId))),

    setStatus: (chatId, status) =>
      group.write(() => {
        q.setStatus.run(status, chatId);
        load(chatId);
      }),
    accept: (chatId, agent) =>
      group.write(() => {
        const at = now();
        q.accept.run(agent.id, agent.name, at, chatId);
        q.join.run(chatId, 'agent', agent.id, agent.name, at);
        cache.dropParticipants(chatId);
        return mustLoad(chatId);
      }),
    end: (chatId, by) =>
      group.write(() => {
        const at = now();
        q.end.run(at, by, chatId);
        q.leaveAll.run(at, chatId);
        cache.dropParticipants(chatId);
        return mustLoad(chatId);
      }),
    setOwner: (chatId, from, to) =>
      group.write(() => {
        const at = now();
        q.leave.run(at, chatId, from);
        q.leave.run(at, chatId, to.id);
        q.setOwner.run(to.id, to.name, chatId);
        q.join.run(chatId, 'agent', to.id, to.name, at);
        cache.dropParticipants(chatId);
        return mustLoad(chatId);
      }),
    requeue: (chatId, input) =>
      group.write(() => {
        q.leave.run(now(), chatId, input.from);
        q.requeue.run(input.queue, input.queuedAt, input.waitingSince, chatId);
        cache.dropParticipants(chatId);
        return mustLoad(chatId);
      }),

    previous: ({ customerId, email, exceptId, limit }) =>
      group.read(() =>
        rowsOf<PreviousRow>(
          email
            ? q.previousByEmail.all(customerId, email, exceptId, limit)
            : q.previousByCustomer.all(customerId, exceptId, limit),
        ).map(toPrevious),
      ),
    previousChat: (id) =>
      group.read(() => {
        const row = q.previousOne.get(id) as PreviousRow | undefined;
        return row ? { ...toPrevious(row), customerId: row.customer_id, email: row.email } : null;
      }),
  };

  return { customers, chats, peek: cached };
}
