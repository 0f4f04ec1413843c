import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startKeepalive } from './keepalive.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keepalive (XEP-0199)', () => {
  it('pings only after a quiet interval, and again after each answer', async () => {
    const ping = vi.fn(async () => undefined);
    const dead = vi.fn();
    const keepalive = startKeepalive(1_000, ping, dead);
    await vi.advanceTimersByTimeAsync(900);
    keepalive.heard();
    await vi.advanceTimersByTimeAsync(900);
    expect(ping).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(ping).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ping).toHaveBeenCalledTimes(2);
    keepalive.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(2);
    expect(dead).not.toHaveBeenCalled();
  });

  it('says the connection is dead once when a ping gets no answer', async () => {
    const ping = vi.fn(() => Promise.reject(new Error('timeout')));
    const dead = vi.fn();
    startKeepalive(1_000, ping, dead);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ping).toHaveBeenCalledTimes(1);
    expect(dead).toHaveBeenCalledTimes(1);
  });

  it('does nothing with an interval of 0', async () => {
    const ping = vi.fn(async () => undefined);
    startKeepalive(0, ping, vi.fn()).heard();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).not.toHaveBeenCalled();
  });
});
