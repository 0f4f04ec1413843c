/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database copies the
 * write-ahead log back into the database file every `intervalMs`, with the fsyncs that needs, so that
 * none of them runs on the server's event loop. PASSIVE: it never waits for or blocks the writer.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function run(): void {
  try {
    const result = checkpoint.get() as { busy: number; log: number; checkpointed: number } | undefined;
    parentPort?.postMessage({ type: 'checkpoint', ...result });
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: (error as Error).message });
  }
}

const timer = setInterval(run, intervalMs);
parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort?.close();
});
