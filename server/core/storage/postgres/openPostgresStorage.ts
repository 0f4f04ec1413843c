/**
 * The PostgreSQL engine (node-postgres, a connection pool): the storage interface for several
 * chat-server nodes sharing one database (docs/storage.md, "PostgreSQL").
 *
 * What an acknowledgement promises: a write resolves once PostgreSQL answered its COMMIT. With the
 * server's default `synchronous_commit = on` the commit's WAL is flushed to the database server's
 * disk before that answer (PostgreSQL manual, section 30.4 "Asynchronous Commit"), so an
 * acknowledged message survives a crash of the chat server and of the database server alike.
 *
 * Opening applies the migrations (migrations.ts) under an advisory lock, once across nodes. Lost
 * connections reject with a retryable 'UNAVAILABLE' error (db.ts), never a crash.
 */
import type { Storage } from '../storage.ts';
import { createAgentsTable } from './agentsTable.ts';
import { createChatTables } from './chatsTable.ts';
import { createCollaborationTables } from './collaborationTables.ts';
import { createConversationTables } from './conversationTables.ts';
import { openDb } from './db.ts';
import { createFilesTable } from './filesTable.ts';
import { createMessagesTable } from './messagesTable.ts';
import { migrate } from './migrations.ts';
import { createParticipantsTable } from './participantsTable.ts';
import { createReceiptsTable } from './receiptsTable.ts';
import { createRevocationsTable } from './revocationsTable.ts';

export interface PostgresStorageOptions {
  /** postgres://user:password@host:port/database (node-postgres connection string). */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  now?: () => number;
  log?: { warn(obj: object, msg: string): void };
}

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const now = options.now ?? Date.now;
  const db = openDb({
    connectionString: options.url,
    ...(options.poolSize ? { max: options.poolSize } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await db.session((client) => migrate(client));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const { customers, chats } = createChatTables(db, now);
  return {
    engine: 'postgres',
    customers,
    chats,
    participants: createParticipantsTable(db, chats, now),
    messages: createMessagesTable(db, now),
    agents: createAgentsTable(db),
    collaboration: createCollaborationTables(db, now),
    conversation: createConversationTables(db, now),
    receipts: createReceiptsTable(db, now),
    files: createFilesTable(db, now),
    revocations: createRevocationsTable(db, now),
    ping: async () => {
      await db.row('SELECT 1');
    },
    close: () => db.close(),
  };
}
