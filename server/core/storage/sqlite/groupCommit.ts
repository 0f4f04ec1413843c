/**
 * Group commit for the embedded SQLite engine. A write runs at once, inside the transaction that is
 * open for this turn of the event loop (a savepoint each, so one failing write leaves the others
 * alone); the transaction commits in `setImmediate`, after every socket message of the same poll
 * phase has added its writes, and only then do the writes' promises resolve. Many messages, one
 * COMMIT: that is what takes the per-message cost of a transaction away.
 *
 * Reads run at once too and see the writes before them, but resolve only once those are committed,
 * so nothing uncommitted ever leaves the server. With `syncWal` the promises also wait for the WAL's
 * fdatasync, done in libuv's thread pool (never on the event loop), in commit order.
 */
import type { DatabaseSync } from 'node:sqlite';

export interface GroupCommitOptions {
  /** Flushes the write-ahead log to disk; given, a commit resolves only after it. */
  syncWal?: () => Promise<void>;
  /** A commit failed and was rolled back: caches of what it wrote must be dropped. */
  onRollback?: () => void;
  /** After every successful COMMIT (the checkpointer counts them). */
  onCommit?: () => void;
}

export interface GroupCommit {
  write<T>(work: () => T): Promise<T>;
  read<T>(work: () => T): Promise<T>;
  /** Commits the open group now (before the database closes). */
  flush(): void;
}

interface Group {
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function newGroup(): Group {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A group nobody awaits (its writes' callers went away) must not count as an unhandled rejection.
  done.catch(() => undefined);
  return { done, resolve, reject };
}

export function createGroupCommit(db: DatabaseSync, options: GroupCommitOptions = {}): GroupCommit {
  const sql = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT write_op'),
    release: db.prepare('RELEASE write_op'),
    undo: db.prepare('ROLLBACK TO write_op'),
  };
  let open: Group | null = null;
  /** The newest committed group still waiting for its WAL sync (reads wait for it too). */
  let syncing: Group | null = null;
  let syncQueue: Group[] = [];
  let syncRunning = false;

  function begin(): Group {
    if (open) return open;
    sql.begin.run();
    open = newGroup();
    setImmediate(commit);
    return open;
  }

  function commit(): void {
    const group = open;
    if (!group) return;
    open = null;
    try {
      sql.commit.run();
    } catch (error) {
      try {
        sql.rollback.run();
      } catch {
        // COMMIT failing may already have rolled back; there is nothing left to undo then.
      }
      options.onRollback?.();
      group.reject(error);
      return;
    }
    options.onCommit?.();
    if (!options.syncWal) group.resolve();
    else {
      syncing = group;
      syncQueue.push(group);
      if (!syncRunning) void runSync(options.syncWal);
    }
  }

  /** One fdatasync at a time; the groups that committed meanwhile share the next one, in order. */
  async function runSync(sync: () => Promise<void>): Promise<void> {
    syncRunning = true;
    while (syncQueue.length > 0) {
      const groups = syncQueue;
      syncQueue = [];
      try {
        await sync();
        for (const group of groups) group.resolve();
      } catch (error) {
        for (const group of groups) group.reject(error);
      }
      if (syncing && groups.includes(syncing)) syncing = null;
    }
    syncRunning = false;
  }

  return {
    write<T>(work: () => T): Promise<T> {
      const group = begin();
      sql.savepoint.run();
      let value: T;
      try {
        value = work();
        sql.release.run();
      } catch (error) {
        sql.undo.run();
        sql.release.run();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return group.done.then(() => value);
    },

    read<T>(work: () => T): Promise<T> {
      const value = work();
      const pending = open ?? syncing;
      return pending ? pending.done.then(() => value) : Promise.resolve(value);
    },

    flush(): void {
      commit();
    },
  };
}
