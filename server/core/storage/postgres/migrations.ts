/**
 * The versioned schema of the PostgreSQL engine: one list, applied in order at start-up and recorded
 * in `schema_version`. A step is never edited once released; a change is a new step at the end.
 *
 * Several chat-server nodes may start together on one database. All steps run in one transaction
 * that first takes a transaction-level advisory lock (`pg_advisory_xact_lock`, PostgreSQL manual,
 * section 13.3.5 "Advisory Locks"): a second node waits for the first one's COMMIT, then reads the
 * version it left and has nothing to do. A database newer than this server is refused.
 *
 * The tables are those of the SQLite engine (sqlite/migrations.ts, at its latest step), so a
 * database can be copied from one to the other row by row, with three additions the shared database
 * needs: `messages` and `whispers` keep UNIQUE (chat_id, client_id) (several nodes write them, so
 * no node's memory can tell a retry), `participants` and `whispers` number their rows (`pos`) for a
 * stable order, and a partial unique index keeps one open chat per customer.
 */
import type { PoolClient } from 'pg';

/** The advisory lock's key: any 64-bit number the application reserves for its migrations. */
const MIGRATION_LOCK = 0x4863_6d67; // "Hcmg"

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE customers (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE agents (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     requested_state TEXT NOT NULL DEFAULT 'NOT_READY',
     state_reason TEXT,
     idle_since BIGINT NOT NULL
   );
   CREATE TABLE chats (
     id TEXT PRIMARY KEY,
     customer_id TEXT NOT NULL REFERENCES customers(id),
     start_client_id TEXT NOT NULL,
     queue TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'offered', 'active', 'ended')),
     agent_id TEXT,
     agent_name TEXT,
     pre_chat TEXT NOT NULL DEFAULT '{}',
     created_at BIGINT NOT NULL,
     accepted_at BIGINT,
     ended_at BIGINT,
     ended_by TEXT,
     queued_at BIGINT,
     waiting_since BIGINT,
     UNIQUE (customer_id, start_client_id)
   );
   CREATE UNIQUE INDEX chats_one_open ON chats (customer_id) WHERE status <> 'ended';
   CREATE INDEX chats_open ON chats (status, created_at);
   CREATE INDEX chats_agent ON chats (agent_id, status);
   CREATE INDEX chats_waiting ON chats (status, queued_at);
   CREATE INDEX chats_queue_accepted ON chats (queue, accepted_at);
   CREATE INDEX chats_queue_ended ON chats (queue, ended_at);
   CREATE TABLE participants (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     role TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     name TEXT NOT NULL,
     joined_at BIGINT NOT NULL,
     left_at BIGINT,
     pos BIGINT GENERATED ALWAYS AS IDENTITY,
     PRIMARY KEY (chat_id, role, participant_id)
   );
   CREATE INDEX participants_member ON participants (participant_id, role, left_at);
   CREATE TABLE messages (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     seq BIGINT NOT NULL,
     client_id TEXT NOT NULL,
     from_role TEXT NOT NULL,
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     text TEXT NOT NULL,
     event TEXT,
     sent_at BIGINT NOT NULL,
     PRIMARY KEY (chat_id, seq),
     UNIQUE (chat_id, client_id)
   );
   CREATE TABLE offline_messages (
     id TEXT PRIMARY KEY,
     client_id TEXT NOT NULL UNIQUE,
     queue TEXT NOT NULL,
     name TEXT NOT NULL,
     email TEXT NOT NULL,
     phone TEXT,
     message TEXT NOT NULL,
     locale TEXT,
     reason TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     handled_at BIGINT,
     handled_by TEXT
   );
   CREATE INDEX offline_messages_open ON offline_messages (handled_at, created_at);
   CREATE TABLE chat_ratings (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
     comment TEXT,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE receipts (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     side TEXT NOT NULL CHECK (side IN ('customer', 'agent')),
     delivered_seq BIGINT NOT NULL DEFAULT 0,
     read_seq BIGINT NOT NULL DEFAULT 0,
     updated_at BIGINT NOT NULL,
     PRIMARY KEY (chat_id, side)
   );
   CREATE TABLE files (
     id TEXT PRIMARY KEY,
     chat_id TEXT NOT NULL REFERENCES chats(id),
     client_id TEXT NOT NULL,
     uploader_role TEXT NOT NULL,
     uploader_id TEXT NOT NULL,
     name TEXT NOT NULL,
     size BIGINT NOT NULL,
     type TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     UNIQUE (chat_id, client_id)
   );
   CREATE TABLE whispers (
     id TEXT PRIMARY KEY,
     chat_id TEXT NOT NULL REFERENCES chats(id),
     client_id TEXT NOT NULL,
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     text TEXT NOT NULL,
     sent_at BIGINT NOT NULL,
     pos BIGINT GENERATED ALWAYS AS IDENTITY,
     UNIQUE (chat_id, client_id)
   );
   CREATE INDEX whispers_chat ON whispers (chat_id, sent_at);
   CREATE TABLE wrap_ups (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     agent_id TEXT NOT NULL,
     customer_name TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'done')),
     started_at BIGINT,
     due_at BIGINT,
     reasons TEXT NOT NULL DEFAULT '[]',
     notes TEXT NOT NULL DEFAULT '',
     completed_at BIGINT,
     timed_out INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX wrap_ups_agent ON wrap_ups (agent_id, state);
   CREATE TABLE queued_transfers (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     note TEXT NOT NULL,
     queued_at BIGINT NOT NULL
   );
   CREATE TABLE revoked_tokens (
     jti TEXT PRIMARY KEY,
     expires_at BIGINT NOT NULL,
     revoked_at BIGINT NOT NULL
   );
   CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);`,
];

/** Brings the database to the newest step, once across every node that starts at the same time. */
export async function migrate(client: PoolClient): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `[hybrid-chat] the database is at schema version ${current}, newer than this server (${MIGRATIONS.length})`,
      );
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version] ?? '');
    }
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    else await client.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
    return { from: current, to: MIGRATIONS.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
