import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, securePrivateDataDir } from './privateFiles.ts';
import { openSqliteStorage } from './sqlite/openSqliteStorage.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const roots: string[] = [];
const tempRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'hybrid-chat-modes-'));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('files at rest', () => {
  it('creates the database 0600 with its -wal and -shm, in a 0700 directory', async () => {
    const dir = join(tempRoot(), 'new', 'data');
    const path = join(dir, 'chat.db');
    const storage = openSqliteStorage({ path });
    await storage.ping();
    expect(modeOf(join(dir, '..'))).toBe(0o700);
    expect(modeOf(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600);
    await storage.close();
  });

  it("tightens an older install's wider database and directory", async () => {
    const dir = join(tempRoot(), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const path = join(dir, 'chat.db');
    await openSqliteStorage({ path }).close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      writeFileSync(file, '', { flag: 'a' });
      chmodSync(file, 0o644);
    }
    const storage = openSqliteStorage({ path });
    await storage.ping();
    expect(modeOf(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600);
    await storage.close();
  });

  it('tightens DATA_DIR and its entries, never widens', () => {
    const dir = join(tempRoot(), 'data');
    mkdirSync(join(dir, 'files'), { recursive: true });
    writeFileSync(join(dir, 'token-secret'), 'x');
    writeFileSync(join(dir, 'narrow'), 'x');
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'files'), 0o775);
    chmodSync(join(dir, 'token-secret'), 0o644);
    chmodSync(join(dir, 'narrow'), 0o400);
    securePrivateDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'files'))).toBe(0o700);
    expect(modeOf(join(dir, 'token-secret'))).toBe(0o600);
    expect(modeOf(join(dir, 'narrow'))).toBe(0o400);
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });
});
