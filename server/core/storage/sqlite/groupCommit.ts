/**
 * Group commit for the embedded SQLite engine. A write runs at once, inside the transaction that is
 * open for this turn of the event loop (a savepoint each, so one failing write leaves the others
 * alone); the transaction commits in `setImmediate`, after every socket message of the same poll
 * phase has added its writes, and only then do the writes' promises resolve. Many messages, one
 * COMMIT: that is what takes the per-message cost of a transaction away. Under load, commits are
 * paced `minGapMs` apart, so each one carries more.
 *
 * Reads run at once too and see the writes before them, but resolve only once those are committed,
 * so nothing uncommitted ever leaves the server. With `syncWal` the promises also wait for the WAL's
 * fdatasync, done in libuv's thread pool (never on the event loop), in commit order.
 *
 * `hold()` pauses the storage without blocking the event loop: operations queue, in order, until
 * `release()` (the checkpointer uses it to let the WAL start over, checkpointer.ts).
 */
import type { DatabaseSync } from 'node:sqlite';

export interface GroupCommitOptions {
  /** Flushes the write-ahead log to disk; given, a commit resolves only after it. */
  syncWal?: () => Promise<void>;
  /** A commit failed and was rolled back: caches of what it wrote must be dropped. */
  onRollback?: () => void;
  /** After every successful COMMIT (the checkpointer counts them). */
  onCommit?: () => void;
  /** The least time between two commits (default 2 ms); a commit never waits longer than that. */
  minGapMs?: number;
  now?: () => number;
}

export interface GroupCommit {
  write<T>(work: () => T): Promise<T>;
  read<T>(work: () => T): Promise<T>;
  /** Commits the open group now (before the database closes, or before a hold). */
  flush(): void;
  /** Queues every operation from now on until `release()`. */
  hold(): void;
  release(): void;
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
  const now = options.now ?? (() => performance.now());
  const minGapMs = options.minGapMs ?? 2;
  let open: Group | null = null;
  let lastCommitAt = -Infinity;
  /** The newest committed group still waiting for its WAL sync (reads wait for it too). */
  let syncing: Group | null = null;
  let syncQueue: Group[] = [];
  let syncRunning = false;
  let held: Array<() => void> | null = null;

  function begin(): Group {
    if (open) return open;
    sql.begin.run();
    open = newGroup();
    const wait = lastCommitAt + minGapMs - now();
    if (wait <= 0) setImmediate(commit);
    else setTimeout(commit, wait);
    return open;
  }

  function commit(): void {
    const group = open;
    if (!group) return;
    open = null;
    lastCommitAt = now();
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

  function write<T>(work: () => T): Promise<T> {
    if (held) return later(() => write(work));
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
  }

  function read<T>(work: () => T): Promise<T> {
    if (held) return later(() => read(work));
    const value = work();
    const pending = open ?? syncing;
    return pending ? pending.done.then(() => value) : Promise.resolve(value);
  }

  /** An operation asked for during a hold runs, in its turn, once the hold is released. */
  function later<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => held?.push(() => run().then(resolve, reject)));
  }

  return {
    write,
    read,
    flush: commit,
    hold(): void {
      commit();
      held ??= [];
    },
    release(): void {
      const queued = held ?? [];
      held = null;
      for (const run of queued) run();
    },
  };
}
