/** Agents' requested chat state and idle clock (table `agents`) on PostgreSQL. */
import type { AgentRecord, AgentStore } from '../storage.ts';
import type { Db } from './db.ts';

interface AgentRow {
  id: string;
  name: string;
  requested_state: string;
  state_reason: string | null;
  idle_since: number;
}

const toRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  name: row.name,
  requestedState: row.requested_state === 'READY' ? 'READY' : 'NOT_READY',
  stateReason: row.state_reason,
  idleSince: row.idle_since,
});

export function createAgentsTable(db: Db): AgentStore {
  return {
    get: async (id) => {
      const row = await db.row<AgentRow>('SELECT * FROM agents WHERE id = $1', [id]);
      return row ? toRecord(row) : null;
    },
    all: async () => (await db.rows<AgentRow>('SELECT * FROM agents ORDER BY id')).map(toRecord),
    save: async (agent) => {
      await db.run(
        `INSERT INTO agents (id, name, requested_state, state_reason, idle_since) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, requested_state = excluded.requested_state,
           state_reason = excluded.state_reason, idle_since = excluded.idle_since`,
        [agent.id, agent.name, agent.requestedState, agent.stateReason, agent.idleSince],
      );
    },
  };
}
