/**
 * Who moves the write-ahead log (WAL) into the database file. SQLite's automatic checkpoint runs
 * inside a COMMIT on the committing thread and calls fsync there: on the server's event loop, many
 * times a second under load. Here the main connection never checkpoints (`wal_autocheckpoint = 0`); a
 * worker thread with its own connection does, every second once the database has seen some writes.
 *
 * A WAL only starts over from its beginning when a write transaction begins after every frame in it
 * was checkpointed; under steady load that moment never comes, and a WAL that only grows makes every
 * page lookup slower. So once it passes `maxWalBytes`, the storage holds (operations queue, the event
 * loop runs on), the thread checkpoints what is left, and the next transaction starts the WAL over.
 * Should the thread fail, the main connection checkpoints by itself again, so the WAL stays bounded.
 */
import { statSync } from 'node:fs';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  path: string;
  intervalMs?: number;
  /**
   * The thread starts after this many commits, a WAL half its maximum, or `startAfterMs` (default 2 s)
   * of running, whichever comes first: a test server that lives a moment never needs one, and a
   * real one has it before its traffic does.
   */
  startAfterCommits?: number;
  startAfterMs?: number;
  /** The WAL's size past which it is made to start over (default 64 MB). */
  maxWalBytes?: number;
  /** Pause and resume the storage's operations (groupCommit.ts `hold`/`release`). */
  hold(): void;
  release(): void;
  /** The thread is gone: the main connection must checkpoint again. */
  fallBack(): void;
  log?: { warn(obj: object, msg: string): void };
}

/** How often the WAL's size is looked at, at most: a stat, a few microseconds. */
const SIZE_CHECK_MS = 20;
/** A hold never lasts longer than this, whatever the thread does. */
const HOLD_LIMIT_MS = 2000;

export function createCheckpointer(options: CheckpointerOptions) {
  const startAfter = options.startAfterCommits ?? 64;
  const maxWalBytes = options.maxWalBytes ?? 64 * 1024 * 1024;
  let commits = 0;
  let checkedAt = 0;
  let worker: Worker | null = null;
  /** The thread has opened the database and answers requests. */
  let ready = false;
  let stopped = false;
  let restarting: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  let nextId = 0;
  let restarts = 0;
  const startTimer = setTimeout(() => {
    if (!worker && !stopped) start();
  }, options.startAfterMs ?? 2000);
  startTimer.unref();

  function fail(error: unknown): void {
    if (stopped) return;
    worker = null;
    ready = false;
    stopped = true;
    endHold();
    options.log?.warn({ err: error }, 'WAL checkpoint thread failed; the server checkpoints by itself');
    options.fallBack();
  }

  function endHold(): void {
    if (!restarting) return;
    clearTimeout(restarting.timer);
    restarting = null;
    options.release();
  }

  function start(): void {
    clearTimeout(startTimer);
    try {
      worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), {
        workerData: { path: options.path, intervalMs: options.intervalMs ?? 1000, maxWalBytes },
      });
    } catch (error) {
      fail(error);
      return;
    }
    worker.unref();
    worker.on('error', fail);
    worker.on('message', (message: { type: string; id?: number; message?: string; error?: string }) => {
      if (message.type === 'ready') ready = true;
      if (message.type === 'error') options.log?.warn({ detail: message.message }, 'WAL checkpoint failed');
      if (message.type === 'checkpointed' && message.id === restarting?.id) {
        if (message.error) options.log?.warn({ detail: message.error }, 'WAL checkpoint failed');
        restarts += 1;
        endHold();
      }
    });
  }

  function walBytes(): number {
    try {
      return statSync(`${options.path}-wal`).size;
    } catch {
      return 0;
    }
  }

  /** Holds the storage while the thread checkpoints the rest; the next transaction starts the WAL over. */
  function restartWal(): void {
    if (!worker || !ready || restarting) return;
    options.hold();
    const id = ++nextId;
    restarting = { id, timer: setTimeout(endHold, HOLD_LIMIT_MS) };
    worker.postMessage({ type: 'checkpoint', id });
  }

  return {
    committed(): void {
      if (stopped) return;
      commits += 1;
      const at = performance.now();
      if (worker && at - checkedAt < SIZE_CHECK_MS) return;
      if (!worker && commits < startAfter && commits % 16 !== 0) return;
      checkedAt = at;
      const size = walBytes();
      if (!worker) {
        if (commits >= startAfter || size > maxWalBytes / 2) start();
        return;
      }
      if (size > maxWalBytes) restartWal();
    },
    /** How many times the WAL was made to start over (for tests and diagnostics). */
    get restarts(): number {
      return restarts;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(startTimer);
      endHold();
      const running = worker;
      worker = null;
      if (!running) return;
      const exited = once(running, 'exit');
      running.postMessage({ type: 'stop' });
      const timeout = setTimeout(() => void running.terminate(), 2000);
      await exited.catch(() => undefined);
      clearTimeout(timeout);
    },
  };
}

export type Checkpointer = ReturnType<typeof createCheckpointer>;
