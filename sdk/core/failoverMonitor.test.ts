import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FinesseNode } from './failover.ts';
import { createFailoverMonitor } from './failoverMonitor.ts';
import type { FailoverChange, FailoverMonitorOptions } from './failoverMonitor.ts';

const INTERVAL = 5_000;

/** Two fake Finesse nodes: 'up', 'down', 'error' (rejects) or 'hang' (never answers, ignores abort). */
type Health = 'up' | 'down' | 'error' | 'hang';
function fakeFinesse() {
  const health: Record<FinesseNode, Health> = { primary: 'up', secondary: 'up' };
  const calls: Record<FinesseNode, number> = { primary: 0, secondary: 0 };
  const signals: AbortSignal[] = [];
  const hung: Array<(up: boolean) => void> = [];
  const probe = (node: FinesseNode, signal: AbortSignal): Promise<boolean> => {
    calls[node]++;
    signals.push(signal);
    const h = health[node];
    if (h === 'hang') return new Promise((resolve) => hung.push(resolve));
    return h === 'error' ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(h === 'up');
  };
  return { health, calls, signals, hung, probe };
}

function setup(extra: Partial<FailoverMonitorOptions> = {}) {
  const finesse = fakeFinesse();
  const monitor = createFailoverMonitor({ probe: finesse.probe, intervalMs: INTERVAL, ...extra });
  const changes: FailoverChange[] = [];
  const events: string[] = [];
  monitor.on('change', (change) => changes.push(change));
  monitor.on('halt', () => events.push('halt'));
  monitor.on('resume', ({ node }) => events.push(`resume:${node}`));
  return { finesse, monitor, changes, events };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createFailoverMonitor (publisher/subscriber failover)', () => {
  it('probes both nodes at start, stays on the publisher and reports nothing while all is well', async () => {
    const { finesse, monitor, changes } = setup();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(finesse.calls).toEqual({ primary: 1, secondary: 1 });
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(finesse.calls).toEqual({ primary: 3, secondary: 3 });
    expect(monitor.getState().active).toBe('primary');
    expect(changes).toEqual([]);
    monitor.stop();
  });

  it('switches to the subscriber within one interval when the publisher stops answering, and keeps polling it', async () => {
    const { finesse, monitor, changes } = setup();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    finesse.health.primary = 'error';
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(monitor.getState()).toMatchObject({ active: 'secondary', primaryUp: false, secondaryUp: true });
    expect(changes.map((c) => c.effects)).toEqual([
      [{ type: 'switchTo', node: 'secondary', from: 'primary' }],
    ]);
    const before = finesse.calls.primary;
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(finesse.calls.primary).toBe(before + 3);
    monitor.stop();
  });

  it('returns to the publisher as soon as it answers IN_SERVICE again', async () => {
    const { finesse, monitor, changes } = setup();
    finesse.health.primary = 'down';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getState().active).toBe('secondary');
    finesse.health.primary = 'up';
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(monitor.getState().active).toBe('primary');
    expect(changes.at(-1)?.effects).toEqual([{ type: 'switchTo', node: 'primary', from: 'secondary' }]);
    monitor.stop();
  });

  it('halts when both nodes are down and resumes on the first node that comes back', async () => {
    const { finesse, monitor, events } = setup();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    finesse.health.primary = 'down';
    finesse.health.secondary = 'error';
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(monitor.getState().active).toBeNull();
    expect(events).toEqual(['halt']);
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(events).toEqual(['halt']); // halted once, not on every poll
    finesse.health.secondary = 'up';
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(monitor.getState().active).toBe('secondary');
    expect(events).toEqual(['halt', 'resume:secondary']);
    monitor.stop();
  });

  it('counts a probe that does not answer within its timeout as down and aborts it', async () => {
    const { finesse, monitor } = setup({ probeTimeoutMs: 1_000 });
    finesse.health.primary = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(monitor.getState().active).toBe('primary');
    await vi.advanceTimersByTimeAsync(1);
    expect(monitor.getState().active).toBe('secondary');
    expect(finesse.signals[0]?.aborted).toBe(true);
    expect(finesse.signals[1]?.aborted).toBe(false);
    monitor.stop();
  });

  it('never sends a second probe to a node whose probe still hangs, and probes it again once it settles', async () => {
    const { finesse, monitor } = setup({ probeTimeoutMs: 1_000 });
    finesse.health.primary = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(finesse.calls).toEqual({ primary: 1, secondary: 4 });
    expect(monitor.getState().active).toBe('secondary');
    finesse.health.primary = 'up';
    finesse.hung[0]?.(true); // the stuck request finally returns; its late answer is not used
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getState().active).toBe('secondary');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(finesse.calls.primary).toBe(2);
    expect(monitor.getState().active).toBe('primary');
    monitor.stop();
  });

  it('never overlaps polls when probes are slower than the interval', async () => {
    let inFlight = 0;
    let most = 0;
    const probe = (): Promise<boolean> => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve(true);
        }, 3_000),
      );
    };
    const monitor = createFailoverMonitor({ probe, intervalMs: 2_000, probeTimeoutMs: 4_000 });
    monitor.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(most).toBe(2); // one probe per node, never two polls at once
    expect(monitor.getState().active).toBe('primary');
    monitor.stop();
  });

  it('reports a subscriber outage as a change without effects (no switch)', async () => {
    const { finesse, monitor, changes } = setup();
    finesse.health.secondary = 'down';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ effects: [], state: { active: 'primary', secondaryUp: false } });
    monitor.stop();
  });

  it('stop() clears every timer, aborts probes in flight and ignores late answers', async () => {
    const { finesse, monitor, changes } = setup();
    finesse.health.primary = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(finesse.signals[0]?.aborted).toBe(true);
    finesse.hung[0]?.(false);
    await vi.advanceTimersByTimeAsync(INTERVAL * 5);
    expect(finesse.calls).toEqual({ primary: 1, secondary: 1 });
    expect(changes).toEqual([]);
  });

  it('can start again after stop without counting the aborted probe as a down node', async () => {
    const { finesse, monitor, changes } = setup();
    finesse.health.primary = 'hang';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.stop();
    finesse.health.primary = 'up';
    monitor.start();
    monitor.start(); // a second start while running does nothing
    await vi.advanceTimersByTimeAsync(0);
    expect(finesse.calls).toEqual({ primary: 2, secondary: 2 });
    expect(changes).toEqual([]);
    monitor.stop();
  });

  it('calls onChange, and on() returns a working unsubscribe', async () => {
    const onChange = vi.fn();
    const { finesse, monitor } = setup({ onChange });
    const late = vi.fn();
    const off = monitor.on('change', late);
    off();
    finesse.health.primary = 'down';
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
    monitor.stop();
  });

  it('uses injected timers instead of the global ones', async () => {
    const scheduled: number[] = [];
    const finesse = fakeFinesse();
    const monitor = createFailoverMonitor({
      probe: finesse.probe,
      intervalMs: 30_000,
      setTimeout: (callback, ms) => {
        scheduled.push(ms);
        return globalThis.setTimeout(callback, ms);
      },
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduled).toEqual([5_000, 5_000, 30_000]); // two probe timeouts (capped at 5 s), then the next poll
    monitor.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a non-positive interval', () => {
    expect(() => createFailoverMonitor({ probe: async () => true, intervalMs: 0 })).toThrow(RangeError);
  });
});
