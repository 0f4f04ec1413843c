/**
 * Who takes part in a chat besides its customer and owner (table `participants`) on PostgreSQL:
 * agents in a consult/conference, and supervisors who barged in. Rows keep the order they were
 * first added (`pos`), as the SQLite engine keeps its rowid order.
 */
import type { ParticipantTableRow } from '../rows.ts';
import type { AgentRef, ChatStore, ParticipantStore } from '../storage.ts';
import { JOIN_SQL } from './chatsTable.ts';
import type { Db } from './db.ts';

const ref = (row: ParticipantTableRow): AgentRef => ({ id: row.participant_id, name: row.name });
const byJoin = (a: ParticipantTableRow, b: ParticipantTableRow) =>
  a.joined_at - b.joined_at || a.participant_id.localeCompare(b.participant_id);

export function createParticipantsTable(db: Db, chats: ChatStore, now: () => number): ParticipantStore {
  const rows = (chatId: string, role: ParticipantTableRow['role']) =>
    db.rows<ParticipantTableRow>(
      `SELECT role, participant_id, name, joined_at, left_at FROM participants
       WHERE chat_id = $1 AND role = $2 ORDER BY joined_at, pos`,
      [chatId, role],
    );

  return {
    /** Agents besides the owner still in the chat (of an ended chat: those who were in it at the end). */
    async members(chatId) {
      const current = await chats.get(chatId);
      if (!current) return [];
      const owner = current.agent?.id;
      return (await rows(chatId, 'agent'))
        .filter(
          (row) =>
            row.participant_id !== owner &&
            (row.left_at === null ||
              (current.status === 'ended' && current.endedAt !== null && row.left_at >= current.endedAt)),
        )
        .sort(byJoin)
        .map(ref);
    },
    join: async (chatId, agent) => {
      await db.run(JOIN_SQL, [chatId, 'agent', agent.id, agent.name, now()]);
    },
    leave: async (chatId, agentId) => {
      await db.run(
        `UPDATE participants SET left_at = $1 WHERE chat_id = $2 AND role = 'agent' AND participant_id = $3 AND left_at IS NULL`,
        [now(), chatId, agentId],
      );
    },
    supervisors: async (chatId) =>
      (await rows(chatId, 'supervisor'))
        .filter((row) => row.left_at === null)
        .sort(byJoin)
        .map(ref),
    addSupervisor: async (chatId, supervisor) => {
      await db.run(JOIN_SQL, [chatId, 'supervisor', supervisor.id, supervisor.name, now()]);
    },
    supervisedBy: async (supervisorId) =>
      (
        await db.rows<{ id: string }>(
          `SELECT p.chat_id AS id FROM participants p JOIN chats c ON c.id = p.chat_id
           WHERE p.participant_id = $1 AND p.role = 'supervisor' AND p.left_at IS NULL AND c.status <> 'ended'`,
          [supervisorId],
        )
      ).map((row) => row.id),
    dropSupervisors: async (chatId) => {
      await db.run(
        `UPDATE participants SET left_at = $1 WHERE chat_id = $2 AND role = 'supervisor' AND left_at IS NULL`,
        [now(), chatId],
      );
    },
  };
}
