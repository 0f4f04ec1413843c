import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const options = { baseMs: 500, maxMs: 15_000 };

  it('doubles the window with each attempt', () => {
    const top = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0.999_999 });
    expect([0, 1, 2, 3].map(top)).toEqual([499, 999, 1999, 3999]);
  });

  it('caps the window at maxMs, even for absurd attempt numbers', () => {
    const top = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0.999_999 });
    expect(top(5)).toBe(14_999);
    expect(top(5000)).toBe(14_999);
    expect(top(Infinity)).toBe(14_999);
  });

  it('spreads waits over the whole window (full jitter)', () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(2000);
  });

  it('treats a negative or NaN attempt as the first', () => {
    const half = { ...options, random: () => 0.5 };
    expect(backoffDelay(-3, half)).toBe(250);
    expect(backoffDelay(Number.NaN, half)).toBe(250);
  });

  it('stays inside the window with the default Math.random', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2000);
    }
  });
});
