import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../testing/redisServer.ts';
import { createLeaderLease, type LeaderLease } from './leaderLease.ts';

let redis: RedisServer;
const clients: Redis[] = [];
const leases: LeaderLease[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  for (const lease of leases) await lease.stop();
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

const changedAt = new Map<string, number[]>();

function lease(nodeId: string, key: string, changes: boolean[]) {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  clients.push(client);
  const made = createLeaderLease({
    redis: client,
    key,
    nodeId,
    ttlMs: 600,
    onChange: (leading) => {
      changes.push(leading);
      changedAt.set(`${key}:${nodeId}:${leading}`, [
        ...(changedAt.get(`${key}:${nodeId}:${leading}`) ?? []),
        Date.now(),
      ]);
    },
    log: { warn: () => undefined },
  });
  leases.push(made);
  return { lease: made, client };
}

const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('not in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('routing leader lease', () => {
  it('one node leads; the other takes over once the leader stops', async () => {
    const a: boolean[] = [];
    const b: boolean[] = [];
    const first = lease('a', 'lease:handover', a);
    first.lease.start();
    await until(() => first.lease.leading());
    const second = lease('b', 'lease:handover', b);
    second.lease.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(second.lease.leading()).toBe(false);
    expect(first.lease.leading()).toBe(true);

    await first.lease.stop();
    expect(a).toEqual([true, false]);
    await until(() => second.lease.leading());
    expect(b).toEqual([true]);
  });

  it('a leader cut off from Redis stops leading before its lease can pass to another', async () => {
    const a: boolean[] = [];
    const cut = lease('a', 'lease:cut', a);
    cut.lease.start();
    await until(() => cut.lease.leading());
    // Its connection is gone for good; the key lives on in Redis until its ttl.
    cut.client.disconnect();
    const other = lease('b', 'lease:cut', []);
    other.lease.start();
    await until(() => other.lease.leading());
    expect(a).toEqual([true, false]);
    // The cut-off leader had given up before the other could take the lease.
    const gaveUp = changedAt.get('lease:cut:a:false')?.[0] ?? Infinity;
    const tookOver = changedAt.get('lease:cut:b:true')?.[0] ?? 0;
    expect(gaveUp).toBeLessThan(tookOver);
    expect(cut.lease.leading()).toBe(false);
  });
});
