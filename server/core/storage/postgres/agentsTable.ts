/** Agents' requested chat state and idle clock (table `agents`) on PostgreSQL. */
import { toAgentRecord, type AgentRow } from '../rows.ts';
import type { AgentStore } from '../storage.ts';
import type { Db } from './db.ts';

export function createAgentsTable(db: Db): AgentStore {
  return {
    get: async (id) => {
      const row = await db.row<AgentRow>('SELECT * FROM agents WHERE id = $1', [id]);
      return row ? toAgentRecord(row) : null;
    },
    all: async () => (await db.rows<AgentRow>('SELECT * FROM agents ORDER BY id')).map(toAgentRecord),
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
