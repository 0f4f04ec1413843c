/**
 * What the limits refused: counted per limit for `/health`, and logged — once per limit and key
 * (an address, a customer, an agent id) a minute, with how many refusals that line stands for, so
 * that a flood cannot flood the log too.
 */
export const LIMIT_NAMES = [
  'sessionsPerIp',
  'chatsPerIp',
  'chatsPerSession',
  'socketsPerToken',
  'socketsPerIp',
  'messages',
  'typing',
  'receipts',
  'events',
  'socketDisconnected',
  'filesPerChat',
  'fileBytesPerChat',
  'filesPerCustomer',
  'transcriptsPerAddress',
  'signInPerAgent',
  'signInPerIp',
] as const;

export type LimitName = (typeof LIMIT_NAMES)[number];

export interface RefusalLog {
  warn(obj: object, msg: string): void;
}

export interface Refusals {
  /** One refusal by `limit` of `key`. */
  count(limit: LimitName, key: string): void;
  /** Refusals per limit since the server started. */
  snapshot(): Record<LimitName, number>;
}

const LOG_EVERY_MS = 60_000;
/** Keys remembered for log pacing before old ones are swept (bounds memory against many senders). */
const SWEEP_AT = 10_000;

export function createRefusals(log: RefusalLog, now: () => number = Date.now): Refusals {
  const totals = Object.fromEntries(LIMIT_NAMES.map((name) => [name, 0])) as Record<LimitName, number>;
  const logged = new Map<string, { at: number; unlogged: number }>();

  function sweep(at: number): void {
    for (const [key, entry] of logged) if (at - entry.at >= LOG_EVERY_MS) logged.delete(key);
  }

  return {
    count(limit, key) {
      totals[limit] += 1;
      const at = now();
      const id = `${limit}\u0000${key}`;
      const entry = logged.get(id);
      if (entry && at - entry.at < LOG_EVERY_MS) {
        entry.unlogged += 1;
        return;
      }
      if (logged.size >= SWEEP_AT) sweep(at);
      const refused = 1 + (entry?.unlogged ?? 0);
      logged.set(id, { at, unlogged: 0 });
      log.warn({ limit, key, refused }, 'limit refused');
    },
    snapshot: () => ({ ...totals }),
  };
}
