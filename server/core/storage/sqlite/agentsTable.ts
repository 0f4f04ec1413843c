/** Agents' requested chat state and idle clock (table `agents`), so a restart keeps who was READY. */
import type { DatabaseSync } from 'node:sqlite';
import { toAgentRecord, type AgentRow } from '../rows.ts';
import type { AgentStore } from '../storage.ts';
import type { GroupCommit } from './groupCommit.ts';
import { rowsOf } from './rows.ts';

export function createAgentsTable(db: DatabaseSync, group: GroupCommit): AgentStore {
  const q = {
    get: db.prepare('SELECT * FROM agents WHERE id = ?'),
    all: db.prepare('SELECT * FROM agents'),
    upsert: db.prepare(
      `INSERT INTO agents (id, name, requested_state, state_reason, idle_since) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, requested_state = excluded.requested_state,
         state_reason = excluded.state_reason, idle_since = excluded.idle_since`,
    ),
  };

  return {
    get: (id) =>
      group.read(() => {
        const row = q.get.get(id) as AgentRow | undefined;
        return row ? toAgentRecord(row) : null;
      }),
    all: () => group.read(() => rowsOf<AgentRow>(q.all.all()).map(toAgentRecord)),
    save: (agent) =>
      group.write(() => {
        q.upsert.run(agent.id, agent.name, agent.requestedState, agent.stateReason, agent.idleSince);
      }),
  };
}
