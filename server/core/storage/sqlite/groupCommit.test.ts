/**
 * Group commit: writes of one turn share a COMMIT, each resolves only once it is committed, one
 * failing write leaves the others alone, reads wait for what they saw to be committed, and a failed
 * COMMIT rejects every write of its group.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from './groupCommit.ts';

let dir: string;
let db: DatabaseSync;
let other: DatabaseSync;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = new DatabaseSync(join(dir, 'test.db'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
  db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE items (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE,
      parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);`);
  // A second connection sees only what is committed.
  other = new DatabaseSync(join(dir, 'test.db'));
});

afterEach(() => {
  other.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const visible = () => (other.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;

describe('group commit', () => {
  it('commits the writes of one turn together and resolves each only after the commit', async () => {
    let commits = 0;
    const group = createGroupCommit(db, { onCommit: () => (commits += 1) });
    const insert = db.prepare('INSERT INTO items (text) VALUES (?) RETURNING id');
    const writes = Array.from({ length: 100 }, (_, index) =>
      group.write(() => (insert.get(`item ${index}`) as { id: number }).id),
    );
    // Written in this transaction, not yet committed: nobody else sees them.
    expect(visible()).toBe(0);
    let resolvedBeforeCommit = false;
    void writes[0]!.then(() => (resolvedBeforeCommit = commits === 0));
    const ids = await Promise.all(writes);
    expect(resolvedBeforeCommit).toBe(false);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(commits).toBe(1);
    expect(visible()).toBe(100);
  });

  it('rejects only the write that failed; the others of its group are committed', async () => {
    const group = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (text) VALUES (?)');
    const first = group.write(() => insert.run('same'));
    const duplicate = group.write(() => {
      insert.run('other');
      insert.run('same'); // UNIQUE: this write fails, and its first insert is undone with it
    });
    const third = group.write(() => insert.run('third'));
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await Promise.all([first, third]);
    const texts = other.prepare('SELECT text FROM items ORDER BY id').all() as Array<{ text: string }>;
    expect(texts.map((row) => row.text)).toEqual(['same', 'third']);
  });

  it('lets a read see the writes before it, and resolves it only once they are committed', async () => {
    const group = createGroupCommit(db);
    const write = group.write(() => db.prepare("INSERT INTO items (text) VALUES ('a')").run());
    let order: string[] = [];
    const read = group.read(() => (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n);
    void write.then(() => (order = [...order, 'write']));
    void read.then(() => (order = [...order, 'read']));
    expect(await read).toBe(1);
    expect(order).toEqual(['write', 'read']);
    // With nothing open, a read answers at once.
    expect(await group.read(() => 'now')).toBe('now');
  });

  it('rejects every write of a group whose COMMIT fails, and says so to drop caches', async () => {
    let rolledBack = 0;
    const group = createGroupCommit(db, { onRollback: () => (rolledBack += 1) });
    const fine = group.write(() => db.prepare("INSERT INTO items (text) VALUES ('fine')").run());
    // A deferred foreign key is only checked at COMMIT: this one makes the COMMIT fail.
    const orphan = group.write(() =>
      db.prepare("INSERT INTO items (text, parent) VALUES ('orphan', 42)").run(),
    );
    await expect(fine).rejects.toThrow(/FOREIGN KEY/);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    expect(rolledBack).toBe(1);
    expect(visible()).toBe(0);
    // The next turn starts afresh.
    await group.write(() => db.prepare("INSERT INTO items (text) VALUES ('later')").run());
    expect(visible()).toBe(1);
  });

  it('with a WAL sync, resolves groups in commit order after their sync, one sync for groups that wait', async () => {
    const syncs: Array<() => void> = [];
    const group = createGroupCommit(db, {
      syncWal: () => new Promise<void>((resolve) => syncs.push(resolve)),
      minGapMs: 0,
    });
    const insert = db.prepare('INSERT INTO items (text) VALUES (?)');
    const done: string[] = [];
    void group.write(() => insert.run('a')).then(() => done.push('a'));
    await new Promise((resolve) => setImmediate(resolve));
    void group.write(() => insert.run('b')).then(() => done.push('b'));
    await new Promise((resolve) => setImmediate(resolve));
    void group.write(() => insert.run('c')).then(() => done.push('c'));
    await new Promise((resolve) => setImmediate(resolve));
    // Committed (others see them) but not acknowledged before the sync.
    expect(visible()).toBe(3);
    expect(done).toEqual([]);
    expect(syncs).toHaveLength(1);
    syncs[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['a']);
    // b and c committed while a's sync ran: one sync covers both.
    expect(syncs).toHaveLength(2);
    syncs[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('while held, queues every operation in order and runs them on release; the event loop goes on', async () => {
    const group = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (text) VALUES (?)');
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
    group.hold();
    const first = group.write(() => insert.run('a'));
    const seen = group.read(count);
    const second = group.write(() => insert.run('b'));
    let ticks = 0;
    await new Promise<void>((resolve) => setTimeout(() => ((ticks += 1), resolve()), 5));
    // Nothing ran while held, and the loop was free.
    expect(ticks).toBe(1);
    expect(count()).toBe(0);
    group.release();
    await Promise.all([first, second]);
    expect(await seen).toBe(1);
    expect(visible()).toBe(2);
  });

  it('paces commits under load so each carries more, never waiting longer than the gap', async () => {
    let commits = 0;
    let clock = 0;
    const group = createGroupCommit(db, { minGapMs: 50, now: () => clock, onCommit: () => (commits += 1) });
    const insert = db.prepare('INSERT INTO items (text) VALUES (?)');
    await group.write(() => insert.run('first'));
    expect(commits).toBe(1);
    // Just after a commit: the next group waits out the gap, gathering the writes of several turns.
    const writes = [group.write(() => insert.run('a'))];
    await new Promise((resolve) => setImmediate(resolve));
    writes.push(group.write(() => insert.run('b')));
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toBe(1);
    clock = 50;
    await Promise.all(writes);
    expect(commits).toBe(2);
    expect(visible()).toBe(3);
  });
});
