/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database copies the
 * write-ahead log back into the database file every `intervalMs`, and at once when asked, with the
 * fsyncs that needs, so that none of them runs on the server's event loop. PASSIVE: it never waits
 * for or blocks the writer. Asked to restart the WAL (while the server holds its writes), it also
 * writes one row once everything is copied: the first frame written then starts the WAL over, and
 * SQLite's sync of the new WAL header happens here too.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
const { maxWalBytes } = workerData as { maxWalBytes: number };
db.exec(
  `PRAGMA busy_timeout = 1000; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = ${maxWalBytes};`,
);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('INSERT OR REPLACE INTO wal_restarts (id, at) VALUES (1, ?)');
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
    const result = run();
    if (!('error' in result) && result.log === result.checkpointed) {
      try {
        restart.run(Date.now());
      } catch (error) {
        parentPort?.postMessage({ type: 'error', message: (error as Error).message });
      }
    }
    parentPort?.postMessage({ type: 'checkpointed', id: message.id, ...result });
    return;
  }
  if (message.type !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort?.close();
});
