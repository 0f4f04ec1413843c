/**
 * A lease in Redis that makes one node the routing leader: `SET key node NX PX ttl` takes it when
 * nobody holds it, and the holder extends it well before it runs out, only while the key is still
 * its own (a compare-and-extend script, as Redis's "Distributed Locks with Redis" page describes for
 * a single instance). A holder that cannot extend it in time gives it up by itself before the key
 * can expire for the others, so two nodes never both believe they lead: the one that lost it stops
 * at `validUntil() - margin`, and another may take it only once the key is gone at `ttl`.
 */
import type { Redis } from 'ioredis';

const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface LeaderLeaseOptions {
  redis: Redis;
  key: string;
  nodeId: string;
  /** How long the lease lasts without being extended (default 5 s). */
  ttlMs?: number;
  /** How often it is taken or extended (default a third of the ttl). */
  renewMs?: number;
  /** Leading starts or stops. A start's promise is waited for before the next renewal. */
  onChange(leading: boolean): void | Promise<void>;
  log: { warn(obj: object, msg: string): void };
  now?: () => number;
}

export interface LeaderLease {
  start(): void;
  leading(): boolean;
  /** Gives the lease up (a graceful stop), so that another node takes over at once. */
  stop(): Promise<void>;
}

export function createLeaderLease(options: LeaderLeaseOptions): LeaderLease {
  const ttlMs = options.ttlMs ?? 5000;
  const renewMs = options.renewMs ?? Math.floor(ttlMs / 3);
  const now = options.now ?? Date.now;
  // Stop leading this long before the key could expire: clocks and network delay.
  const marginMs = Math.min(1000, Math.floor(ttlMs / 5));
  let leading = false;
  let validUntil = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  async function change(to: boolean): Promise<void> {
    if (leading === to) return;
    leading = to;
    await options.onChange(to);
  }

  async function tick(): Promise<void> {
    const at = now();
    try {
      const held = leading
        ? (await options.redis.eval(EXTEND, 1, options.key, options.nodeId, String(ttlMs))) === 1
        : (await options.redis.set(options.key, options.nodeId, 'PX', ttlMs, 'NX')) === 'OK';
      if (held) {
        validUntil = at + ttlMs;
        await change(true);
      } else {
        await change(false);
      }
    } catch (error) {
      if (leading && now() >= validUntil - marginMs) {
        options.log.warn({ err: error }, 'routing lease could not be extended: no longer leading');
        await change(false);
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    // A leader that cannot reach Redis rechecks before its lease runs out, not only at the next renewal.
    const wait = leading ? Math.max(0, Math.min(renewMs, validUntil - marginMs - now())) : renewMs;
    timer = setTimeout(() => {
      void tick().finally(schedule);
    }, wait);
    timer.unref?.();
  }

  return {
    start() {
      void tick().finally(schedule);
    },
    leading: () => leading && now() < validUntil - marginMs,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const was = leading;
      await change(false);
      if (was) await options.redis.eval(RELEASE, 1, options.key, options.nodeId).catch(() => undefined);
    },
  };
}
