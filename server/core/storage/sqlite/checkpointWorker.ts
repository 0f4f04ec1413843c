/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database copies the
 * write-ahead log back into the database file every `intervalMs`, and at once when asked, with the
 * fsyncs that needs, so that none of them runs on the server's event loop. PASSIVE: it never waits
 * for or blocks the writer.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort?.postMessage({ type: 'ready' });

function run(): { busy: number; log: number; checkpointed: number } | { error: string } {
  try {
    return checkpoint.get() as { busy: number; log: number; checkpointed: number };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const timer = setInterval(() => {
  const result = run();
  if ('error' in result) parentPort?.postMessage({ type: 'error', message: result.error });
}, intervalMs);

parentPort?.on('message', (message: { type: string; id?: number }) => {
  if (message.type === 'checkpoint') {
    parentPort?.postMessage({ type: 'checkpointed', id: message.id, ...run() });
    return;
  }
  if (message.type !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort?.close();
});
