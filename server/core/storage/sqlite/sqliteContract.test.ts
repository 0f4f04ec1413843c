/** The Storage contract (../storageContract.ts) on the embedded SQLite engine, a new file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStorage } from '../storageContract.ts';
import { openSqliteStorage } from './openSqliteStorage.ts';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-contract-'));
let files = 0;
let path = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStorage('SQLite', {
  sharedByNodes: false,
  fresh: async () => {
    path = join(dir, `chat-${++files}.db`);
  },
  open: async ({ now } = {}) => openSqliteStorage({ path, ...(now ? { now } : {}) }),
});
