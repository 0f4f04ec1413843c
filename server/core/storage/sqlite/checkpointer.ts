/**
 * Who moves the write-ahead log into the database file. SQLite's automatic checkpoint runs inside a
 * COMMIT on the committing thread and calls fsync there: on the server's event loop, many times a
 * second under load. Here the main connection never checkpoints (`wal_autocheckpoint = 0`); a worker
 * thread with its own connection does, every second, once the database has seen some writes. Should
 * that thread fail, the main connection checkpoints by itself again, so the log never grows unbounded.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  path: string;
  intervalMs?: number;
  /** Commits before the thread starts: a server that barely writes never needs one. */
  startAfterCommits?: number;
  /** The thread is gone: the main connection must checkpoint again. */
  fallBack(): void;
  log?: { warn(obj: object, msg: string): void };
}

export function createCheckpointer(options: CheckpointerOptions) {
  const startAfter = options.startAfterCommits ?? 64;
  let commits = 0;
  let worker: Worker | null = null;
  let stopped = false;

  function fail(error: unknown): void {
    if (stopped) return;
    worker = null;
    stopped = true;
    options.log?.warn({ err: error }, 'WAL checkpoint thread failed; the server checkpoints by itself');
    options.fallBack();
  }

  function start(): void {
    try {
      worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), {
        workerData: { path: options.path, intervalMs: options.intervalMs ?? 1000 },
      });
    } catch (error) {
      fail(error);
      return;
    }
    worker.unref();
    worker.on('error', fail);
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'error') options.log?.warn({ detail: message.message }, 'WAL checkpoint failed');
    });
  }

  return {
    committed(): void {
      if (worker || stopped) return;
      commits += 1;
      if (commits >= startAfter) start();
    },
    get running(): boolean {
      return worker !== null;
    },
    async stop(): Promise<void> {
      stopped = true;
      const running = worker;
      worker = null;
      if (!running) return;
      const exited = once(running, 'exit');
      running.postMessage('stop');
      const timeout = setTimeout(() => void running.terminate(), 2000);
      await exited.catch(() => undefined);
      clearTimeout(timeout);
    },
  };
}

export type Checkpointer = ReturnType<typeof createCheckpointer>;
