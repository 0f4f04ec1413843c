/**
 * The versioned schema of the embedded SQLite engine: one list, applied in order at start-up, each
 * step in its own transaction and recorded in `PRAGMA user_version`. A step is never edited once
 * released; a change is a new step at the end.
 */
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE customers (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE agents (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     requested_state TEXT NOT NULL DEFAULT 'NOT_READY',
     state_reason TEXT,
     idle_since INTEGER NOT NULL
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
     created_at INTEGER NOT NULL,
     accepted_at INTEGER,
     ended_at INTEGER,
     ended_by TEXT,
     last_seq INTEGER NOT NULL DEFAULT 0,
     UNIQUE (customer_id, start_client_id)
   );
   CREATE INDEX chats_open ON chats (status, created_at);
   CREATE INDEX chats_agent ON chats (agent_id, status);
   CREATE TABLE participants (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     role TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     name TEXT NOT NULL,
     joined_at INTEGER NOT NULL,
     left_at INTEGER,
     PRIMARY KEY (chat_id, role, participant_id)
   );
   CREATE TABLE messages (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     seq INTEGER NOT NULL,
     client_id TEXT NOT NULL,
     from_role TEXT NOT NULL,
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     text TEXT NOT NULL,
     event TEXT,
     sent_at INTEGER NOT NULL,
     PRIMARY KEY (chat_id, seq),
     UNIQUE (chat_id, client_id)
   );`,
  // Widget conversation (server/core/storage/sqlite/conversationTables.ts): messages left when no chat was
  // possible, CSAT ratings, and the indexes of the wait estimate's history.
  `CREATE TABLE IF NOT EXISTS offline_messages (
     id TEXT PRIMARY KEY,
     client_id TEXT NOT NULL UNIQUE,
     queue TEXT NOT NULL,
     name TEXT NOT NULL,
     email TEXT NOT NULL,
     phone TEXT,
     message TEXT NOT NULL,
     locale TEXT,
     reason TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     handled_at INTEGER,
     handled_by TEXT
   );
   CREATE INDEX IF NOT EXISTS offline_messages_open ON offline_messages (handled_at, created_at);
   CREATE TABLE IF NOT EXISTS chat_ratings (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
     comment TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX IF NOT EXISTS chats_queue_accepted ON chats (queue, accepted_at);
   CREATE INDEX IF NOT EXISTS chats_queue_ended ON chats (queue, ended_at);`,
  // Receipts and attachments (receiptsTable.ts, filesTable.ts): per chat and
  // side the delivered/read watermarks; per file its metadata (bytes under DATA_DIR/files/<id>).
  // A `file` message is joined to its file by (chat_id, client_id), both unique within a chat.
  `CREATE TABLE IF NOT EXISTS receipts (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     side TEXT NOT NULL CHECK (side IN ('customer', 'agent')),
     delivered_seq INTEGER NOT NULL DEFAULT 0,
     read_seq INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (chat_id, side)
   );
   CREATE TABLE IF NOT EXISTS files (
     id TEXT PRIMARY KEY,
     chat_id TEXT NOT NULL REFERENCES chats(id),
     client_id TEXT NOT NULL,
     uploader_role TEXT NOT NULL,
     uploader_id TEXT NOT NULL,
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     type TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (chat_id, client_id)
   );`,
  // Collaboration (server/features/collaboration): whispers (never in `messages`, so nothing that reads
  // a chat's messages can reach them), wrap-ups, and the note of a transfer to a queue. Databases
  // from before this step may have these tables already (they were created outside the list).
  // Routing (server/core/routing): a waiting chat's place in its queue (`queued_at`, lower for a chat
  // put back at the head) and since when it waits (`waiting_since`). A chat's last seq is the highest
  // seq of its messages; the storage keeps it in memory instead of a column updated per message.
  `CREATE TABLE IF NOT EXISTS whispers (
     id TEXT PRIMARY KEY,
     chat_id TEXT NOT NULL REFERENCES chats(id),
     client_id TEXT NOT NULL,
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     text TEXT NOT NULL,
     sent_at INTEGER NOT NULL,
     UNIQUE (chat_id, client_id)
   );
   CREATE INDEX IF NOT EXISTS whispers_chat ON whispers (chat_id, sent_at);
   CREATE TABLE IF NOT EXISTS wrap_ups (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     agent_id TEXT NOT NULL,
     customer_name TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'done')),
     started_at INTEGER,
     due_at INTEGER,
     reasons TEXT NOT NULL DEFAULT '[]',
     notes TEXT NOT NULL DEFAULT '',
     completed_at INTEGER,
     timed_out INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX IF NOT EXISTS wrap_ups_agent ON wrap_ups (agent_id, state);
   CREATE TABLE IF NOT EXISTS queued_transfers (
     chat_id TEXT PRIMARY KEY REFERENCES chats(id),
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     note TEXT NOT NULL,
     queued_at INTEGER NOT NULL
   );
   ALTER TABLE chats ADD COLUMN queued_at INTEGER;
   ALTER TABLE chats ADD COLUMN waiting_since INTEGER;
   UPDATE chats SET queued_at = created_at, waiting_since = created_at;
   CREATE INDEX chats_waiting ON chats (status, queued_at);
   ALTER TABLE chats DROP COLUMN last_seq;
   CREATE INDEX participants_member ON participants (participant_id, role, left_at);`,
  // Messages: one index fewer. A message is found once per (chat, client id) by the storage's own
  // set of each open chat's client ids (messagesTable.ts), so the UNIQUE index that checked it cost a
  // random page per message for nothing; without it, storing a message writes about half as much.
  // `wal_restarts`: the checkpoint thread's one-row table; its write starts the WAL over (checkpointer.ts).
  `CREATE TABLE messages_v5 (
     chat_id TEXT NOT NULL REFERENCES chats(id),
     seq INTEGER NOT NULL,
     client_id TEXT NOT NULL,
     from_role TEXT NOT NULL,
     from_id TEXT NOT NULL,
     from_name TEXT NOT NULL,
     kind TEXT NOT NULL,
     text TEXT NOT NULL,
     event TEXT,
     sent_at INTEGER NOT NULL,
     PRIMARY KEY (chat_id, seq)
   );
   INSERT INTO messages_v5 SELECT chat_id, seq, client_id, from_role, from_id, from_name, kind, text, event, sent_at
     FROM messages;
   DROP TABLE messages;
   ALTER TABLE messages_v5 RENAME TO messages;
   CREATE TABLE wal_restarts (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);`,
  // Revoked session tokens (revocationsTable.ts): a token's id until the token would have expired;
  // the index serves the purge of expired ones and the load of the live ones at start.
  `CREATE TABLE revoked_tokens (
     jti TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL,
     revoked_at INTEGER NOT NULL
   );
   CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);`,
];

/** Brings the database to the newest step. */
export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = row?.user_version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `[hybrid-chat] the database is at schema version ${current}, newer than this server (${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
