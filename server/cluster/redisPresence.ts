/**
 * Presence shared through Redis (server/features/presence/sharedPresence.ts): each node keeps the
 * participants its tracker counts there in a hash of its own, `hybrid-chat:online:<node>`, which
 * lives only as long as the node keeps renewing it; a node that is killed takes its entries with it
 * when the hash expires. The nodes alive are those that renewed their mark in a sorted set recently.
 */
import type { SharedPresence } from '../features/presence/sharedPresence.ts';
import type { RedisClients } from './redisClients.ts';

const NODES = 'hybrid-chat:online-nodes';
const hashOf = (nodeId: string) => `hybrid-chat:online:${nodeId}`;

export function createRedisPresence(options: {
  clients: Pick<RedisClients, 'command'>;
  nodeId: string;
  /** How long a node's entries outlive its last renewal (default 10 s). */
  ttlMs?: number;
  log: { warn(obj: object, msg: string): void };
  now?: () => number;
}): SharedPresence {
  const { command } = options.clients;
  const ttlMs = options.ttlMs ?? 10_000;
  const now = options.now ?? Date.now;
  const mine = new Set<string>();
  const key = options.nodeId;
  const warn = (what: string) => (error: unknown) => options.log.warn({ err: error }, what);

  /** Writes the whole of this node's entries again (after a Redis restart they are gone). */
  async function renew(): Promise<void> {
    const pipeline = command.multi().del(hashOf(key));
    if (mine.size > 0) pipeline.hset(hashOf(key), Object.fromEntries([...mine].map((entry) => [entry, '1'])));
    // Nodes long gone leave the list of nodes too.
    pipeline
      .pexpire(hashOf(key), ttlMs)
      .zadd(NODES, now(), key)
      .zremrangebyscore(NODES, '-inf', now() - ttlMs * 6);
    await pipeline.exec();
  }
  const timer = setInterval(() => void renew().catch(() => undefined), Math.floor(ttlMs / 4));
  timer.unref?.();
  void renew().catch(() => undefined);

  return {
    set(role, id, online) {
      const entry = `${role}:${id}`;
      if (online) mine.add(entry);
      else mine.delete(entry);
      const write = online ? command.hset(hashOf(key), entry, '1') : command.hdel(hashOf(key), entry);
      void write.catch(warn('shared presence not written'));
    },
    async elsewhere(role, id) {
      const others = (await command.zrangebyscore(NODES, now() - ttlMs, '+inf')).filter(
        (node) => node !== key,
      );
      if (others.length === 0) return false;
      const found = await Promise.all(others.map((node) => command.hexists(hashOf(node), `${role}:${id}`)));
      return found.some((exists) => exists === 1);
    },
    async close() {
      clearInterval(timer);
      await command
        .multi()
        .del(hashOf(key))
        .zrem(NODES, key)
        .exec()
        .catch(() => undefined);
    },
  };
}
