/**
 * What only the SQLite engine does (the Storage contract itself is ../storageContract.ts, run by
 * sqliteContract.test.ts): a database of the previous schema is migrated with its data, the
 * checkpointer thread moves the WAL into the database file, and `power` durability still answers.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage.ts';
import { MIGRATIONS } from './migrations.ts';
import { openSqliteStorage } from './openSqliteStorage.ts';

let dir: string;
let path: string;
const open: Storage[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-storage-'));
  path = join(dir, 'chat.db');
});
afterEach(async () => {
  for (const storage of open.splice(0)) await storage.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function storageAt(file = path, durability: 'process' | 'power' = 'process', maxWalBytes?: number): Storage {
  const storage = openSqliteStorage({ path: file, durability, ...(maxWalBytes ? { maxWalBytes } : {}) });
  open.push(storage);
  return storage;
}

const text = (chatId: string, clientId: string) => ({
  chatId,
  clientId,
  from: { role: 'customer' as const, id: 'c1', name: 'Dana' },
  kind: 'text' as const,
  text: `message ${clientId}`,
});

async function chatWithMessages(storage: Storage, count: number) {
  await storage.customers.upsert('c1', 'Dana');
  const { chat } = await storage.chats.start({
    customerId: 'c1',
    startClientId: 's1',
    queue: 'billing',
    preChat: {},
  });
  for (let index = 1; index <= count; index++) await storage.messages.append(text(chat.id, `m${index}`));
  return chat;
}

describe('SQLite storage', () => {
  it('migrates a database of the previous schema with its chats, messages and whispers', async () => {
    const old = new DatabaseSync(path);
    old.exec('PRAGMA journal_mode = WAL');
    for (const step of MIGRATIONS.slice(0, 3)) old.exec(step);
    // The previous server created collaboration's tables outside the migration list.
    old.exec(`CREATE TABLE whispers (id TEXT PRIMARY KEY, chat_id TEXT NOT NULL REFERENCES chats(id),
      client_id TEXT NOT NULL, from_id TEXT NOT NULL, from_name TEXT NOT NULL, text TEXT NOT NULL,
      sent_at INTEGER NOT NULL, UNIQUE (chat_id, client_id))`);
    old.exec(`INSERT INTO customers VALUES ('c1', 'Dana', 1);
      INSERT INTO chats (id, customer_id, start_client_id, queue, status, created_at, last_seq)
        VALUES ('chat-1', 'c1', 's1', 'billing', 'queued', 1000, 2);
      INSERT INTO messages VALUES ('chat-1', 1, 'm1', 'customer', 'c1', 'Dana', 'text', 'Hello', NULL, 1001);
      INSERT INTO messages VALUES ('chat-1', 2, 'm2', 'customer', 'c1', 'Dana', 'text', 'Anyone?', NULL, 1002);
      INSERT INTO whispers VALUES ('w1', 'chat-1', 'n1', '1001', 'Alice', 'VIP customer', 1003);
      PRAGMA user_version = 3;`);
    old.close();

    const storage = storageAt();
    const [waiting] = await storage.chats.waiting();
    expect(waiting).toMatchObject({ chat: { id: 'chat-1', lastSeq: 2 }, queuedAt: 1000, waitingSince: 1000 });
    expect((await storage.messages.append(text('chat-1', 'm3'))).message.seq).toBe(3);
    expect((await storage.collaboration.whispers('chat-1')).map((w) => w.text)).toEqual(['VIP customer']);
    const version = new DatabaseSync(path).prepare('PRAGMA user_version').get() as { user_version: number };
    expect(version.user_version).toBe(MIGRATIONS.length);
  });

  it('refuses a database newer than the server', () => {
    const newer = new DatabaseSync(path);
    newer.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => storageAt()).toThrow(/newer than this server/);
  });

  it('moves the WAL into the database file from its own thread', async () => {
    const storage = storageAt();
    // Enough commits to start the checkpointer (it does not start for a server that barely writes).
    const chat = await chatWithMessages(storage, 80);
    const copy = join(dir, 'copy.db');
    const inFile = async () => {
      // The database file alone, without its WAL: only what a checkpoint has moved there.
      copyFileSync(path, copy);
      const db = new DatabaseSync(copy);
      try {
        return (
          db.prepare('SELECT COUNT(*) AS n FROM messages WHERE chat_id = ?').get(chat.id) as { n: number }
        ).n;
      } catch {
        return 0;
      } finally {
        db.close();
      }
    };
    const deadline = Date.now() + 5000;
    let moved = await inFile();
    while (moved < 80 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      moved = await inFile();
    }
    expect(moved).toBe(80);
  });

  it('with power durability, syncs the WAL before answering a write', async () => {
    const storage = storageAt(path, 'power');
    const chat = await chatWithMessages(storage, 5);
    expect((await storage.messages.after(chat.id, 0)).length).toBe(5);
  });

  it('keeps the WAL bounded under a steady stream of writes: it starts over once past its size', async () => {
    const storage = storageAt(path, 'process', 256 * 1024);
    // A customer has one open chat: two hundred chats need two hundred customers.
    for (let index = 0; index < 200; index++) await storage.customers.upsert(`c${index}`, 'Dana');
    const chats = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        storage.chats.start({ customerId: `c${index}`, startClientId: `s${index}`, queue: 'q', preChat: {} }),
      ),
    );
    let largest = 0;
    // Twenty messages to twenty chats per turn, turn after turn: tens of MB of WAL in all.
    for (let turn = 0; turn < 400; turn++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          storage.messages.append(text(chats[(turn * 20 + index) % 200]!.chat.id, `t${turn}-${index}`)),
        ),
      );
      largest = Math.max(largest, walSize());
    }
    // It grew past 256 KB between two looks at its size, never far.
    expect(largest).toBeLessThan(8 * 1024 * 1024);
    const stored = await Promise.all(chats.map(({ chat }) => storage.messages.after(chat.id, 0)));
    expect(stored.reduce((sum, messages) => sum + messages.length, 0)).toBe(8000);
  });
});

function walSize(): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
