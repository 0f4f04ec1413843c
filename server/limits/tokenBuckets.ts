/**
 * Token buckets: each key (an address, a customer, a socket) holds up to `burst` tokens and earns
 * `perS` a second; a use takes one. An empty bucket answers how long until the next token, which
 * becomes the `retryAfterMs` of a RATE_LIMITED error. A full bucket is the same as no bucket, so
 * full ones are swept when the map grows: memory stays bounded by the keys that are actually busy.
 */
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { Bucket } from './limitsConfig.ts';

export interface TokenBucket {
  /** Takes a token: 0 when there was one, else the milliseconds until there is (nothing is taken). */
  take(): number;
}

export interface TokenBuckets {
  /** Takes a token from `key`'s bucket: 0, or the milliseconds until one is there. */
  take(key: string): number;
  /** As `take`, but throws RATE_LIMITED (with `retryAfterMs`) when the bucket is empty. */
  takeOrThrow(key: string, what: string): void;
  /** Keys with a bucket that is not full (for tests and sweeping). */
  size(): number;
}

const SWEEP_AT = 10_000;

/** Milliseconds until a bucket holding `tokens` (< 1) has one; the epsilon absorbs float dust. */
const waitMs = (tokens: number, perS: number) => Math.max(1, Math.ceil(((1 - tokens) / perS) * 1000 - 1e-6));

/** One bucket, for one socket's one kind of event (no map: the socket holds it). */
export function createTokenBucket({ burst, perS }: Bucket, now: () => number = Date.now): TokenBucket {
  let tokens = burst;
  let at = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - at) / 1000) * perS);
      at = t;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return waitMs(tokens, perS);
    },
  };
}

export function rateLimited(what: string, retryAfterMs: number): HybridChatError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HybridChatError('RATE_LIMITED', `too many ${what}; try again in ${seconds} s`, {
    retryAfterMs,
  });
}

export function createTokenBuckets(bucket: Bucket, now: () => number = Date.now): TokenBuckets {
  const { burst, perS } = bucket;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function sweep(t: number): void {
    for (const [key, entry] of buckets)
      if (entry.tokens + ((t - entry.at) / 1000) * perS >= burst) buckets.delete(key);
  }

  function take(key: string): number {
    const t = now();
    let entry = buckets.get(key);
    if (!entry) {
      if (buckets.size >= SWEEP_AT) sweep(t);
      entry = { tokens: burst, at: t };
      buckets.set(key, entry);
    }
    entry.tokens = Math.min(burst, entry.tokens + ((t - entry.at) / 1000) * perS);
    entry.at = t;
    if (entry.tokens >= 1) {
      entry.tokens -= 1;
      return 0;
    }
    return waitMs(entry.tokens, perS);
  }

  return {
    take,
    takeOrThrow(key, what) {
      const wait = take(key);
      if (wait > 0) throw rateLimited(what, wait);
    },
    size: () => buckets.size,
  };
}
