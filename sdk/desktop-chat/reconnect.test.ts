import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { createReconnector } from './reconnect.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const options = { baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999 };

describe('createReconnector', () => {
  it('retries with a doubling wait, capped, until an attempt succeeds', async () => {
    const times: number[] = [];
    const start = Date.now();
    const reconnector = createReconnector(async (n) => {
      times.push(Date.now() - start);
      return n === 4;
    }, options);
    reconnector.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // 999, +1998, +3996, +7992 (the cap), +7992
    expect(times).toEqual([999, 2997, 6993, 14985, 22977]);
    expect(reconnector.active).toBe(false);
  });

  it('counts a rejected attempt as failed, and starts again from the shortest wait after a success', async () => {
    let calls = 0;
    const reconnector = createReconnector(async () => {
      calls += 1;
      if (calls === 1) throw new Error('refused');
      return true;
    }, options);
    reconnector.start();
    await vi.advanceTimersByTimeAsync(999 + 1998);
    expect(calls).toBe(2);
    reconnector.start();
    await vi.advanceTimersByTimeAsync(998);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
  });

  it('starts no attempt after stop, and waits at least a quarter of the base', async () => {
    let calls = 0;
    const reconnector = createReconnector(
      async () => {
        calls += 1;
        return false;
      },
      { baseDelayMs: 1000, random: () => 0 },
    );
    reconnector.start();
    await vi.advanceTimersByTimeAsync(249);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    reconnector.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    expect(reconnector.active).toBe(false);
  });
});
