/**
 * The embedded SQLite engine (Node's built-in `node:sqlite`): one file, write-ahead log, group commit.
 *
 * What an acknowledgement promises (docs/storage.md): a write resolves once
 * its transaction is committed to the WAL. With `durability: 'process'` (the default, SQLite's
 * `synchronous = NORMAL`) the commit is in the operating system's hands: a crash or kill of the server
 * process loses nothing acknowledged, while a power loss or OS crash may lose what was acknowledged
 * since the last checkpoint (about a second). With `'power'` every group commit's WAL is also
 * fdatasync'ed, in libuv's thread pool, before its acknowledgements go out.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensurePrivateDir, ensurePrivateFile, tightenSqliteFiles } from '../privateFiles.ts';
import type { Storage, StoredChat } from '../storage.ts';
import { createAgentsTable } from './agentsTable.ts';
import { createChatCache } from './chatCache.ts';
import { createChatTables } from './chatsTable.ts';
import { createCheckpointer } from './checkpointer.ts';
import { createCollaborationTables } from './collaborationTables.ts';
import { createConversationTables } from './conversationTables.ts';
import { createFilesTable } from './filesTable.ts';
import { createGroupCommit, type GroupCommit } from './groupCommit.ts';
import { createMessagesTable } from './messagesTable.ts';
import { migrate } from './migrations.ts';
import { createParticipantsTable } from './participantsTable.ts';
import { createReceiptsTable } from './receiptsTable.ts';
import { createRevocationsTable } from './revocationsTable.ts';

export interface SqliteStorageOptions {
  /** The database file, or ':memory:'. */
  path: string;
  durability?: 'process' | 'power';
  /** The WAL's size past which it is made to start over (checkpointer.ts; default 64 MB). */
  maxWalBytes?: number;
  now?: () => number;
  log?: { warn(obj: object, msg: string): void };
}

export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  const { path } = options;
  const now = options.now ?? Date.now;
  const inMemory = path === ':memory:';
  if (!inMemory) {
    // Private at rest: the directory 0700, the database 0600 before SQLite opens it (privateFiles.ts).
    ensurePrivateDir(dirname(path));
    tightenSqliteFiles(path);
    ensurePrivateFile(path);
  }
  const db = new DatabaseSync(path);
  // 2 KB pages for a new file: a message lands on a random page of its chat's index, and each such page
  // is written whole to the WAL and copied back; half the page, half the bytes for the same work.
  db.exec('PRAGMA page_size = 2048;');
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  // Messages of thousands of chats go to pages all over the indexes: keep them in memory (64 MB of
  // page cache, and the file mapped rather than read page by page), not on a `pread` per page.
  db.exec('PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;');
  const maxWalBytes = options.maxWalBytes ?? 64 * 1024 * 1024;
  // A WAL that starts over is cut back to this size (checkpointer.ts makes it start over past it).
  db.exec(`PRAGMA busy_timeout = 5000; PRAGMA journal_size_limit = ${Math.floor(maxWalBytes)};`);
  migrate(db);
  if (!inMemory) {
    db.exec('PRAGMA wal_autocheckpoint = 0');
    tightenSqliteFiles(path); // -wal and -shm exist now, with the database's mode
  }

  // The checkpointer and the group commit call each other (a commit counts, a restart holds): each
  // only does so once writes flow, when both exist.
  const checkpointer = inMemory
    ? null
    : createCheckpointer({
        path,
        hold: () => group.hold(),
        release: () => group.release(),
        fallBack: () => db.exec('PRAGMA wal_autocheckpoint = 1000'),
        maxWalBytes,
        ...(options.log ? { log: options.log } : {}),
      });
  let wal: Promise<FileHandle> | null = null;
  const syncWal =
    options.durability === 'power' && !inMemory
      ? async () => {
          wal ??= open(`${path}-wal`, 'r+');
          await (await wal).datasync();
        }
      : undefined;

  const cache = createChatCache();
  const group: GroupCommit = createGroupCommit(db, {
    ...(syncWal ? { syncWal } : {}),
    onRollback: () => cache.clear(),
    onCommit: () => checkpointer?.committed(),
  });
  const { customers, chats, peek } = createChatTables(db, group, cache, now);
  const ping = db.prepare('SELECT 1');

  return {
    engine: 'sqlite',
    customers,
    chats,
    participants: createParticipantsTable(db, group, cache, (id): StoredChat | null => peek(id), now),
    messages: createMessagesTable(db, group, cache, now),
    agents: createAgentsTable(db, group),
    collaboration: createCollaborationTables(db, group, now),
    conversation: createConversationTables(db, group, now),
    receipts: createReceiptsTable(db, group, now),
    files: createFilesTable(db, group, now),
    revocations: createRevocationsTable(db, group, now),
    ping: () =>
      group.read(() => {
        ping.get();
      }),
    async close() {
      group.flush();
      await group.read(() => undefined);
      await checkpointer?.stop();
      if (wal) await (await wal).close();
      db.close();
    },
  };
}
