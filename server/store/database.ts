/**
 * The embedded SQLite database (Node's built-in `node:sqlite`). WAL mode: a commit is in the
 * write-ahead log before the server acknowledges a message, so a killed process loses nothing
 * it acknowledged; `synchronous=NORMAL` leaves only an OS crash as a risk, the usual trade.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const MIGRATIONS: string[] = [
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
  // Widget conversation (server/store/conversationStore.ts): messages left when no chat was
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
  // Receipts and attachments (server/store/receiptStore.ts, server/files/fileStore.ts): per chat and
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
];

export function openDatabase(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  db.exec('PRAGMA busy_timeout = 5000;');
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = row?.user_version ?? 0;
  for (let version = current; version < MIGRATIONS.length; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

type StatementSync = ReturnType<DatabaseSync['prepare']>;
const control = new WeakMap<
  DatabaseSync,
  { begin: StatementSync; commit: StatementSync; rollback: StatementSync }
>();

/** Runs `work` in one IMMEDIATE transaction (rolled back if it throws). */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  // Prepared once per database: `exec` would parse the statement on every message.
  let statements = control.get(db);
  if (!statements) {
    statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
    control.set(db, statements);
  }
  statements.begin.run();
  try {
    const result = work();
    statements.commit.run();
    return result;
  } catch (error) {
    statements.rollback.run();
    throw error;
  }
}
