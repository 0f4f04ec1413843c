/**
 * Who takes part in a chat besides its customer and owner (table `participants`): agents in a
 * consult/conference, and supervisors who barged in. Read on every message of a chat (its fan-out
 * and who may write), so a chat's rows are kept in memory once read.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ParticipantTableRow } from '../rows.ts';
import type { AgentRef, ParticipantStore, StoredChat } from '../storage.ts';
import type { ChatCache, ParticipantRow } from './chatCache.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

const ref = (row: ParticipantRow): AgentRef => ({ id: row.id, name: row.name });
const byJoin = (a: ParticipantRow, b: ParticipantRow) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id);

export function createParticipantsTable(
  db: DatabaseSync,
  group: GroupCommit,
  cache: ChatCache,
  chat: (id: string) => StoredChat | null,
  now: () => number,
): ParticipantStore {
  const q = {
    rows: db.prepare(
      'SELECT role, participant_id, name, joined_at, left_at FROM participants WHERE chat_id = ? ORDER BY joined_at, rowid',
    ),
    join: db.prepare(
      `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET left_at = NULL, name = excluded.name`,
    ),
    leave: db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'agent' AND participant_id = ? AND left_at IS NULL`,
    ),
    supervisedBy: db.prepare(
      `SELECT p.chat_id AS id FROM participants p JOIN chats c ON c.id = p.chat_id
       WHERE p.participant_id = ? AND p.role = 'supervisor' AND p.left_at IS NULL AND c.status != 'ended'`,
    ),
    dropSupervisors: db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'supervisor' AND left_at IS NULL`,
    ),
  };

  function rows(chatId: string): ParticipantRow[] {
    return (
      cache.participants(chatId) ??
      cache.keepParticipants(
        chatId,
        rowsOf<ParticipantTableRow>(q.rows.all(chatId)).map((row) => ({
          role: row.role,
          id: row.participant_id,
          name: row.name,
          joinedAt: row.joined_at,
          leftAt: row.left_at,
        })),
      )
    );
  }

  /** Agents besides the owner still in the chat (of an ended chat: those who were in it at the end). */
  function members(chatId: string): AgentRef[] {
    const current = chat(chatId);
    if (!current) return [];
    const owner = current.agent?.id;
    return rows(chatId)
      .filter(
        (row) =>
          row.role === 'agent' &&
          row.id !== owner &&
          (row.leftAt === null ||
            (current.status === 'ended' && current.endedAt !== null && row.leftAt >= current.endedAt)),
      )
      .sort(byJoin)
      .map(ref);
  }

  const write = (chatId: string, work: () => void) =>
    group.write(() => {
      work();
      cache.dropParticipants(chatId);
    });

  return {
    members: (chatId) => group.read(() => members(chatId)),
    join: (chatId, agent) => write(chatId, () => q.join.run(chatId, 'agent', agent.id, agent.name, now())),
    leave: (chatId, agentId) => write(chatId, () => q.leave.run(now(), chatId, agentId)),
    supervisors: (chatId) =>
      group.read(() =>
        rows(chatId)
          .filter((row) => row.role === 'supervisor' && row.leftAt === null)
          .sort(byJoin)
          .map(ref),
      ),
    addSupervisor: (chatId, supervisor) =>
      write(chatId, () => q.join.run(chatId, 'supervisor', supervisor.id, supervisor.name, now())),
    supervisedBy: (supervisorId) =>
      group.read(() => rowsOf<{ id: string }>(q.supervisedBy.all(supervisorId)).map((row) => row.id)),
    dropSupervisors: (chatId) => write(chatId, () => q.dropSupervisors.run(now(), chatId)),
  };
}
