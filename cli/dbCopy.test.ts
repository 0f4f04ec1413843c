/**
 * `hybrid-chat db copy` against a real PostgreSQL (server/testing/postgresServer.ts): a SQLite
 * database with chats, messages and the rest is copied, counted, and then read and written through
 * the PostgreSQL storage as the server would; a non-empty target and a wrong command line are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../server/core/storage/postgres/openPostgresStorage.ts';
import { openSqliteStorage } from '../server/core/storage/sqlite/openSqliteStorage.ts';
import { text } from '../server/core/storage/storageContract.ts';
import { startPostgres, type PostgresServer } from '../server/testing/postgresServer.ts';
import { runInProcess } from './testing/runInProcess.ts';

let server: PostgresServer;
const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-db-copy-'));
const file = join(dir, 'chat.db');
let chatId = '';

beforeAll(async () => {
  server = await startPostgres();
  const sqlite = openSqliteStorage({ path: file });
  await sqlite.customers.upsert('c1', 'Dana');
  const { chat } = await sqlite.chats.start({
    customerId: 'c1',
    startClientId: 's',
    queue: 'q',
    preChat: {},
  });
  chatId = chat.id;
  await sqlite.chats.accept(chat.id, { id: '1001', name: 'Alice' });
  await sqlite.participants.join(chat.id, { id: '1002', name: 'Bob' });
  for (let index = 1; index <= 25; index++) await sqlite.messages.append(text(chat.id, `m${index}`));
  await sqlite.collaboration.addWhisper({
    id: 'w1',
    chatId: chat.id,
    clientId: 'n1',
    from: { id: '1001', name: 'Alice' },
    text: 'VIP',
  });
  await sqlite.receipts.raise(chat.id, 'agent', { delivered: 25, read: 20 });
  await sqlite.agents.save({
    id: '1001',
    name: 'Alice',
    requestedState: 'READY',
    stateReason: null,
    idleSince: 1,
  });
  await sqlite.revocations.revoke('jti-1', Date.now() + 60_000);
  await sqlite.close();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('db copy', () => {
  it('copies every table into an empty PostgreSQL database and checks the counts', async () => {
    const url = await server.createDatabase();
    const result = await runInProcess(['db', 'copy', '--from', file, '--to', url]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/messages +25\n/);
    expect(result.stdout).toMatch(/participants +3\n/);
    expect(result.stdout).toContain("every table's row count matches");

    // The server goes on there: the chat, its members, its messages, and the next seq.
    const storage = await openPostgresStorage({ url });
    try {
      expect(await storage.chats.get(chatId)).toMatchObject({
        status: 'active',
        lastSeq: 25,
        agent: { id: '1001' },
      });
      expect(await storage.participants.members(chatId)).toEqual([{ id: '1002', name: 'Bob' }]);
      expect((await storage.messages.after(chatId, 0)).map((m) => m.clientId)).toEqual(
        Array.from({ length: 25 }, (_, index) => `m${index + 1}`),
      );
      expect((await storage.messages.append(text(chatId, 'm26'))).message.seq).toBe(26);
      expect((await storage.messages.append(text(chatId, 'm3'))).duplicate).toBe(true);
      expect((await storage.collaboration.whispers(chatId)).map((w) => w.text)).toEqual(['VIP']);
      expect((await storage.receipts.get(chatId)).agent).toEqual({ delivered: 25, read: 20 });
      expect((await storage.revocations.active(Date.now())).map((r) => r.jti)).toEqual(['jti-1']);
    } finally {
      await storage.close();
    }

    // A second copy into the same database is refused, and changes nothing.
    const again = await runInProcess(['db', 'copy', '--from', file, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the PostgreSQL database is not empty');
  });

  it('refuses a wrong command line with exit 2', async () => {
    expect((await runInProcess(['db', 'copy', '--from', file])).code).toBe(2);
    expect((await runInProcess(['db', 'copy', '--from', file, '--to', 'mysql://x'])).stderr).toContain(
      '--to needs a postgres:// URL',
    );
    expect((await runInProcess(['db', 'move'])).code).toBe(2);
    expect((await runInProcess(['db', 'copy', '--help'])).stdout).toContain('Usage: hybrid-chat db copy');
  });
});
