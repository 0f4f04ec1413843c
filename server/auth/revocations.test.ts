/**
 * The revocation list over the real SQLite storage: a revocation is stored and refused at once, a
 * second process sharing the database learns it at its next refresh, and records of expired tokens
 * are purged from the table and from memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStorage } from '../core/storage/sqlite/openSqliteStorage.ts';
import type { Storage } from '../core/storage/storage.ts';
import { createRevocations } from './revocations.ts';

const log = { warn: () => undefined };
const opened: Storage[] = [];
const dirs: string[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const storage of opened.splice(0)) await storage.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database() {
  const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-revocations-'));
  dirs.push(dir);
  return join(dir, 'chat.db');
}

function storageAt(path: string, now: () => number): Storage {
  const storage = openSqliteStorage({ path, now });
  opened.push(storage);
  return storage;
}

/** Runs the next refresh, then waits until `check` passes (storage commits on real timers). */
async function afterRefresh(check: () => void): Promise<void> {
  await vi.advanceTimersByTimeAsync(1000);
  await vi.waitFor(check, { timeout: 2000, interval: 10 });
}

describe('revocations', () => {
  it('refuses a revoked id at once and keeps it across a restart until the token expires', async () => {
    const now = 1_000_000;
    const path = database();
    const first = createRevocations({ store: storageAt(path, () => now).revocations, log, now: () => now });
    await first.start();
    const seen: string[] = [];
    first.onRevoke((jti) => seen.push(jti));

    expect(await first.revoke({ jti: 'a', exp: now + 60_000 })).toBe(true);
    expect(await first.revoke({ exp: now + 60_000 })).toBe(false);
    expect(first.has('a')).toBe(true);
    expect(seen).toEqual(['a']);
    first.close();

    const again = createRevocations({ store: storageAt(path, () => now).revocations, log, now: () => now });
    await again.start();
    expect(again.has('a')).toBe(true);
    again.close();
  });

  it('learns another process’s revocations and purges expired ones at each refresh', async () => {
    // Only the refresh interval is faked: the storage's commits run on real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = 1_000_000;
    const path = database();
    const store = storageAt(path, () => now).revocations;
    const here = createRevocations({ store, log, now: () => now, refreshMs: 1000 });
    const there = createRevocations({ store: storageAt(path, () => now).revocations, log, now: () => now });
    await here.start();
    await there.start();
    const seen: string[] = [];
    here.onRevoke((jti) => seen.push(jti));

    await there.revoke({ jti: 'short', exp: now + 5_000 });
    await there.revoke({ jti: 'long', exp: now + 3_600_000 });
    expect(here.has('short')).toBe(false);
    await afterRefresh(() => expect(seen).toEqual(['short', 'long']));
    expect(here.has('short')).toBe(true);

    now += 10_000;
    await afterRefresh(() => expect(here.has('short')).toBe(false));
    expect(here.has('long')).toBe(true);
    expect((await store.active(0)).map((row) => row.jti)).toEqual(['long']);
    here.close();
    there.close();
  });
});
