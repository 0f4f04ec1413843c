/**
 * A fixed-window rate limit per key (an IP address, a customer, a chat) for the public and
 * customer endpoints that cost something: a left message, a transcript email. In memory: a
 * restart forgets the counts, which errs on the side of letting a customer through.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface RateLimiter {
  /** Counts one use of `key`; throws RATE_LIMITED past the limit (the use is not counted then). */
  take(key: string): void;
}

/** Keys kept before old windows are swept (bounds memory against many distinct senders). */
const SWEEP_AT = 10_000;

export function createRateLimiter({ limit, windowMs, now = Date.now }: RateLimitOptions): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();

  function sweep(at: number): void {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
  }

  return {
    take(key) {
      const at = now();
      if (windows.size >= SWEEP_AT) sweep(at);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      if (window.count >= limit) {
        const retryAfterMs = window.resetAt - at;
        throw new HybridChatError(
          'RATE_LIMITED',
          `too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
          { retryAfterMs },
        );
      }
      window.count += 1;
    },
  };
}
