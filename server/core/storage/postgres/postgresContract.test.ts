/**
 * The Storage contract (../storageContract.ts) on the PostgreSQL engine: one PostgreSQL server for
 * this file (server/testing/postgresServer.ts), a new database per test.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../testing/postgresServer.ts';
import { describeStorage } from '../storageContract.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

let server: PostgresServer;
let url = '';
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

describeStorage('PostgreSQL', {
  sharedByNodes: true,
  fresh: async () => {
    url = await server.createDatabase();
  },
  open: ({ now } = {}) => openPostgresStorage({ url, ...(now ? { now } : {}) }),
});
