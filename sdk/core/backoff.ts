/**
 * Exponential backoff with "full jitter": a random wait in [0, min(max, base · 2^attempt)).
 * Spreading retries over the whole window keeps many clients that lost the same server from
 * coming back in lock-step. https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1); injected so that tests are deterministic. */
  random?: () => number;
}

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs, random = Math.random }: BackoffOptions,
): number {
  const exponent = Number.isNaN(attempt) ? 0 : Math.max(0, Math.floor(attempt));
  // 2 ** 1100 is Infinity, which Math.min turns back into maxMs; `|| 0` catches 0 · Infinity.
  const ceiling = Math.max(0, Math.min(maxMs, baseMs * 2 ** exponent) || 0);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
