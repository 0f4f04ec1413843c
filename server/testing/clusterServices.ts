/**
 * Test support for several chat-server nodes: msw standing in for Finesse, and one real PostgreSQL
 * and one real Redis for the test file (started before its tests, stopped after them). Each test
 * makes its nodes with `startTestServer` on a new database of that PostgreSQL and on that Redis.
 */
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from './postgresServer.ts';
import { startRedis, type RedisServer } from './redisServer.ts';
import { FINESSE_URL, finesseHandlersFor } from './testServer.ts';

export interface ClusterServices {
  readonly postgres: PostgresServer;
  readonly redis: RedisServer;
}

export function useClusterServices(
  handlers: RequestHandler[] = finesseHandlersFor(FINESSE_URL),
): ClusterServices {
  const finesse = setupServer(...handlers);
  let postgres: PostgresServer | undefined;
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    finesse.listen({ onUnhandledRequest: 'bypass' });
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    finesse.close();
    await Promise.all([postgres?.stop(), redis?.stop()]);
  }, 30_000);
  return {
    get postgres() {
      if (!postgres) throw new Error('PostgreSQL is started before the tests');
      return postgres;
    },
    get redis() {
      if (!redis) throw new Error('Redis is started before the tests');
      return redis;
    },
  };
}
