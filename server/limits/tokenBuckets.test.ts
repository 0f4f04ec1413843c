import { describe, expect, it } from 'vitest';
import { HybridChatError } from '../../sdk/core/errors.ts';
import { createTokenBucket, createTokenBuckets } from './tokenBuckets.ts';

function clock() {
  let t = 5_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('token buckets', () => {
  it('lets a burst through, then one use per refill interval', () => {
    const c = clock();
    const buckets = createTokenBuckets({ burst: 3, perS: 2 }, c.now);
    expect([1, 2, 3].map(() => buckets.take('203.0.113.9'))).toEqual([0, 0, 0]);
    expect(buckets.take('203.0.113.9')).toBe(500);
    c.advance(499);
    expect(buckets.take('203.0.113.9')).toBe(1);
    c.advance(1);
    expect(buckets.take('203.0.113.9')).toBe(0);
  });

  it('keeps keys apart', () => {
    const c = clock();
    const buckets = createTokenBuckets({ burst: 1, perS: 1 }, c.now);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
    expect(buckets.take('b')).toBe(0);
  });

  it('throws RATE_LIMITED with the wait', () => {
    const buckets = createTokenBuckets({ burst: 1, perS: 0.1 }, clock().now);
    buckets.takeOrThrow('k', 'sessions');
    const error = (() => {
      try {
        buckets.takeOrThrow('k', 'sessions');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(HybridChatError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 10_000 });
    expect((error as Error).message).toBe('too many sessions; try again in 10 s');
  });

  it('forgets full buckets when many keys pile up', () => {
    const c = clock();
    const buckets = createTokenBuckets({ burst: 2, perS: 1 }, c.now);
    for (let i = 0; i < 10_000; i++) buckets.take(`k${i}`);
    c.advance(1000); // every bucket is full again
    buckets.take('one-more');
    expect(buckets.size()).toBe(1);
  });

  it('a single bucket refills up to its burst, no further', () => {
    const c = clock();
    const bucket = createTokenBucket({ burst: 2, perS: 1 }, c.now);
    c.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 1000]);
  });
});
