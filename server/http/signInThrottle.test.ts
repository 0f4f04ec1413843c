import { describe, expect, it } from 'vitest';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { LimitName } from '../limits/refusals.ts';
import { createSignInThrottle, QUIET_RESET_MS } from './signInThrottle.ts';

function setup(limits = { failuresPerAgent: 3, failuresPerIp: 5, maxDelayS: 8 }) {
  let clock = 1_000_000;
  const refused: Array<[LimitName, string]> = [];
  const throttle = createSignInThrottle(
    limits,
    { count: (limit, key) => refused.push([limit, key]) },
    () => clock,
  );
  /** The retryAfterMs of a refused try, or 0 when the try went through (and then failed). */
  const fail = (agent = '1001', ip = '203.0.113.9'): number => {
    try {
      throttle.begin(agent, ip).failed();
      return 0;
    } catch (error) {
      expect(error).toBeInstanceOf(HybridChatError);
      expect((error as HybridChatError).code).toBe('RATE_LIMITED');
      return (error as HybridChatError).retryAfterMs ?? -1;
    }
  };
  return { throttle, refused, fail, advance: (ms: number) => (clock += ms) };
}

describe('sign-in throttle', () => {
  it('lets the allowed failures through, then refuses for 1 s, doubling per failure up to the max', () => {
    const { fail, advance } = setup();
    expect([fail(), fail(), fail()]).toEqual([0, 0, 0]);
    expect(fail()).toBe(1000);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const wait = fail();
      waits.push(wait);
      advance(wait);
      expect(fail()).toBe(0); // the try after the wait reaches Finesse (and fails again)
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('counts refusals per agent id (case folded) and per address', () => {
    const { fail, refused } = setup();
    for (let i = 0; i < 3; i++) fail('Agent7', `198.51.100.${i}`);
    expect(fail('agent7', '198.51.100.200')).toBeGreaterThan(0);
    expect(refused).toEqual([['signInPerAgent', 'agent7']]);
    for (let i = 0; i < 5; i++) fail(`other-${i}`, '192.0.2.1');
    expect(fail('fresh', '192.0.2.1')).toBeGreaterThan(0);
    expect(refused.at(-1)).toEqual(['signInPerIp', '192.0.2.1']);
  });

  it('resets the agent id on success, but not the address', () => {
    const { throttle, fail, advance } = setup();
    for (let i = 0; i < 3; i++) fail('1001', '192.0.2.1');
    advance(1000);
    throttle.begin('1001', '192.0.2.1').succeeded();
    expect([fail('1001', '192.0.2.2'), fail('1001', '192.0.2.2'), fail('1001', '192.0.2.2')]).toEqual([
      0, 0, 0,
    ]);
    // The address had 3 failures, then 0 more were forgiven: 2 more and it waits.
    expect([fail('a', '192.0.2.1'), fail('b', '192.0.2.1')]).toEqual([0, 0]);
    expect(fail('c', '192.0.2.1')).toBe(1000);
  });

  it('forgets a key after a quiet spell', () => {
    const { fail, advance } = setup();
    for (let i = 0; i < 3; i++) fail();
    advance(QUIET_RESET_MS);
    expect([fail(), fail(), fail()]).toEqual([0, 0, 0]);
  });

  it('lets one try at a time through past the allowance, so parallel guesses cannot slip past', () => {
    const { throttle, fail } = setup({ failuresPerAgent: 1, failuresPerIp: 100, maxDelayS: 60 });
    const first = throttle.begin('1001', '192.0.2.1');
    expect(fail('1001', '192.0.2.2')).toBeGreaterThan(0);
    first.abandoned();
    const second = throttle.begin('1001', '192.0.2.3');
    second.failed();
    second.failed(); // settles once
    expect(fail('1001', '192.0.2.4')).toBe(1000);
  });

  it('remembers only keys with failures: successes do not fill the memory', () => {
    const { throttle, fail } = setup({ failuresPerAgent: 3, failuresPerIp: 1_000_000, maxDelayS: 8 });
    fail('1001', '192.0.2.1');
    for (let i = 0; i < 10_010; i++) throttle.begin(`agent-${i}`, '192.0.2.2').succeeded();
    expect(throttle.size()).toBeLessThan(100);
    expect(fail('1001', '192.0.2.1')).toBe(0);
    expect(fail('1001', '192.0.2.1')).toBe(0);
    expect(fail('1001', '192.0.2.1')).toBe(1000); // the failure from before the sweep was kept
  });

  it('abandoned tries (Finesse down) leave no failure behind', () => {
    const { throttle, fail } = setup();
    for (let i = 0; i < 10; i++) throttle.begin('1001', '192.0.2.1').abandoned();
    expect([fail(), fail(), fail()]).toEqual([0, 0, 0]);
  });
});
