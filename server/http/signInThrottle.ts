/**
 * Agent sign-in throttle: wrong passwords per agent id and per client address, with a growing delay.
 *
 * The chat server checks an agent's credentials by asking Finesse for their User object, so every
 * guess it passes on is a guess against the real Finesse (and may count towards a lockout there).
 * Past the allowed failures (LIMIT_SIGNIN_FAILURES_PER_AGENT / _PER_IP) a key must wait before its
 * next try: 1 s after the last allowed failure, doubling with each further failure, up to
 * LIMIT_SIGNIN_MAX_DELAY_S. A try made while a key waits is answered RATE_LIMITED here and never
 * reaches Finesse, so it is no password oracle either. Past the allowance only one try of a key is
 * in flight at a time, so parallel requests cannot slip past the count. A success resets the agent
 * id's count; an address's count only fades (after a quiet spell), so that one valid account
 * cannot wipe the record of guesses at others. OWASP Authentication Cheat Sheet, "Protect Against
 * Automated Attacks"; OWASP Blocking Brute Force Attacks.
 */
import { rateLimited } from '../limits/tokenBuckets.ts';
import type { LimitName, Refusals } from '../limits/refusals.ts';
import type { Limits } from '../limits/limitsConfig.ts';

/** The first wait past the allowance; it doubles per further failure. */
export const FIRST_DELAY_MS = 1000;
/** A key with no failure for this long (or the max delay, if longer) starts again from zero. */
export const QUIET_RESET_MS = 15 * 60_000;
/** Keys kept before expired ones are swept; past MAX_KEYS the oldest are dropped (bounded memory). */
const SWEEP_AT = 10_000;
const MAX_KEYS = 100_000;

interface Entry {
  failures: number;
  pending: number;
  lastFailureAt: number;
  /** No try before this time (ms since the epoch). */
  waitUntil: number;
}

/** One sign-in attempt that was let through: report how it ended, exactly once. */
export interface SignInAttempt {
  /** Finesse refused the credentials. */
  failed(): void;
  /** Finesse accepted them: the agent id's count starts again. */
  succeeded(): void;
  /** Neither (Finesse down, a bad request): the attempt leaves no trace. */
  abandoned(): void;
}

export interface SignInThrottle {
  /** Lets an attempt through, or throws RATE_LIMITED (with retryAfterMs) and counts the refusal. */
  begin(agentId: string, address: string): SignInAttempt;
  /** Keys currently tracked (for tests). */
  size(): number;
}

export function createSignInThrottle(
  limits: Limits['signIn'],
  refusals: Pick<Refusals, 'count'>,
  now: () => number = () => Date.now(),
): SignInThrottle {
  const maxDelayMs = limits.maxDelayS * 1000;
  const forgetAfterMs = Math.max(QUIET_RESET_MS, maxDelayMs);
  const entries = new Map<string, Entry>();

  const keyOf = (limit: LimitName, id: string) => `${limit}\u0000${id}`;
  // Nothing to remember: no try in flight, and no failure (or only long-past ones).
  const stale = (entry: Entry, t: number) =>
    entry.pending === 0 &&
    (entry.failures === 0 || (t >= entry.waitUntil && t - entry.lastFailureAt >= forgetAfterMs));

  function sweep(t: number): void {
    for (const [key, entry] of entries) if (stale(entry, t)) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size < MAX_KEYS) break;
      entries.delete(key); // oldest first (insertion order)
    }
  }

  function entryFor(key: string, t: number): Entry {
    let entry = entries.get(key);
    if (entry && stale(entry, t)) {
      entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      if (entries.size >= SWEEP_AT) sweep(t);
      entry = { failures: 0, pending: 0, lastFailureAt: t, waitUntil: 0 };
      entries.set(key, entry);
    }
    return entry;
  }

  /** Milliseconds `entry` must still wait, or 0 when a try may go through now. */
  function waitFor(entry: Entry, allowed: number, t: number): number {
    if (t < entry.waitUntil) return entry.waitUntil - t;
    if (entry.failures + entry.pending < allowed) return 0;
    // Past the allowance: one try at a time; the others wait about as long as Finesse takes.
    return entry.pending === 0 ? 0 : FIRST_DELAY_MS;
  }

  function recordFailure(entry: Entry, allowed: number, t: number): void {
    entry.failures += 1;
    entry.lastFailureAt = t;
    const beyond = entry.failures - allowed;
    if (beyond >= 0) entry.waitUntil = t + Math.min(maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(beyond, 30));
  }

  return {
    begin(agentId, address) {
      const t = now();
      const checks = [
        { limit: 'signInPerAgent', id: agentId.trim().toLowerCase(), allowed: limits.failuresPerAgent },
        { limit: 'signInPerIp', id: address, allowed: limits.failuresPerIp },
      ] as const;
      const held = checks.map((check) => ({ ...check, entry: entryFor(keyOf(check.limit, check.id), t) }));
      for (const { limit, id, allowed, entry } of held) {
        const wait = waitFor(entry, allowed, t);
        if (wait > 0) {
          refusals.count(limit, id);
          throw rateLimited('failed sign-ins', wait);
        }
      }
      for (const { entry } of held) entry.pending += 1;
      let settled = false;
      const settle = (outcome: 'failed' | 'succeeded' | 'abandoned') => {
        if (settled) return;
        settled = true;
        const at = now();
        for (const { limit, allowed, entry } of held) {
          entry.pending -= 1;
          if (outcome === 'failed') recordFailure(entry, allowed, at);
          else if (outcome === 'succeeded' && limit === 'signInPerAgent') {
            entry.failures = 0;
            entry.waitUntil = 0;
          }
        }
      };
      return {
        failed: () => settle('failed'),
        succeeded: () => settle('succeeded'),
        abandoned: () => settle('abandoned'),
      };
    },
    size: () => entries.size,
  };
}
