/**
 * What only the PostgreSQL engine does (the Storage contract itself is ../storageContract.ts, run by
 * postgresContract.test.ts): nodes that start together migrate once, a newer database is refused,
 * and a database that goes away is a retryable error that passes once it is back.
 */
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HybridChatError } from '../../../../sdk/core/errors.ts';
import { startPostgres, type PostgresServer } from '../../../testing/postgresServer.ts';
import type { Storage } from '../storage.ts';
import { text } from '../storageContract.ts';
import { MIGRATIONS } from './migrations.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

let server: PostgresServer;
const opened: Storage[] = [];
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close().catch(() => undefined);
});
afterAll(() => server?.stop());

async function open(url: string): Promise<Storage> {
  const storage = await openPostgresStorage({ url, log: { warn: () => undefined } });
  opened.push(storage);
  return storage;
}

async function sql<T>(url: string, query: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('PostgreSQL storage', () => {
  it('migrates once when several nodes start together on an empty database', async () => {
    const url = await server.createDatabase();
    const nodes = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    expect(nodes.map((node) => node.engine)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
    expect(await sql(url, 'SELECT version FROM schema_version')).toEqual([{ version: MIGRATIONS.length }]);
    // A node started later finds the schema current and changes nothing.
    await open(url);
    expect(await sql(url, 'SELECT version FROM schema_version')).toEqual([{ version: MIGRATIONS.length }]);
  });

  it('refuses a database newer than the server', async () => {
    const url = await server.createDatabase();
    await sql(
      url,
      `CREATE TABLE schema_version (version INTEGER NOT NULL);
      INSERT INTO schema_version VALUES (${MIGRATIONS.length + 1})`,
    );
    await expect(openPostgresStorage({ url })).rejects.toThrow(/newer than this server/);
  });

  it('answers a retryable UNAVAILABLE while the database is down, and goes on once it is back', async () => {
    const url = await server.createDatabase();
    const storage = await open(url);
    await storage.customers.upsert('c1', 'Dana');
    const { chat } = await storage.chats.start({
      customerId: 'c1',
      startClientId: 's',
      queue: 'q',
      preChat: {},
    });
    await storage.messages.append(text(chat.id, 'm1'));

    await server.down();
    const error: unknown = await storage.messages
      .append(text(chat.id, 'm2'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HybridChatError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    await expect(storage.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    await server.restart();
    // The pool opens new connections by itself; what was acknowledged before is there.
    expect((await storage.messages.append(text(chat.id, 'm2'))).message.seq).toBe(2);
    expect((await storage.messages.after(chat.id, 0)).map((message) => message.clientId)).toEqual([
      'm1',
      'm2',
    ]);
  }, 60_000);
});
