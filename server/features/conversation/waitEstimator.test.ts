import { describe, expect, it } from 'vitest';
import { createWaitEstimator, DEFAULT_HANDLE_S, estimateSeconds, toRange } from './waitEstimator.ts';

const none = { answerMs: null, handleMs: null };
const staff = (agents: number, freeSlots: number, perAgent = 5) => ({
  agents,
  slots: agents * perAgent,
  freeSlots,
});

describe('wait estimate', () => {
  it('has none while nobody can take chats', () => {
    expect(estimateSeconds({ position: 1, staffing: staff(0, 0), history: none })).toBeNull();
  });

  it('is the answer time when a slot is free for this chat, within 10 s … 2 min', () => {
    expect(
      estimateSeconds({ position: 1, staffing: staff(1, 1), history: { answerMs: 30_000, handleMs: null } }),
    ).toBe(30);
    expect(
      estimateSeconds({ position: 2, staffing: staff(1, 3), history: { answerMs: 2_000, handleMs: null } }),
    ).toBe(10);
    expect(
      estimateSeconds({
        position: 1,
        staffing: staff(1, 1),
        history: { answerMs: 3600_000, handleMs: null },
      }),
    ).toBe(120);
  });

  it('adds the turnover of busy slots for the chats ahead', () => {
    const history = { answerMs: 20_000, handleMs: 300_000 };
    // Two agents with 5 slots each, all busy: one slot frees every 300/10 = 30 s.
    expect(estimateSeconds({ position: 1, staffing: staff(2, 0), history })).toBe(20 + 30);
    expect(estimateSeconds({ position: 4, staffing: staff(2, 0), history })).toBe(20 + 4 * 30);
    // One free slot: the second in line waits for one chat to end.
    expect(estimateSeconds({ position: 2, staffing: staff(2, 1), history })).toBe(20 + 30);
    expect(estimateSeconds({ position: 1, staffing: staff(1, 0), history: none })).toBe(
      45 + DEFAULT_HANDLE_S / 5,
    );
  });

  it('grows with the place in the queue and is never negative', () => {
    let previous = 0;
    for (let position = 1; position <= 30; position++) {
      const seconds = estimateSeconds({
        position,
        staffing: staff(3, 1),
        history: { answerMs: -5000, handleMs: -1 },
      });
      expect(seconds).not.toBeNull();
      expect(seconds!).toBeGreaterThanOrEqual(previous);
      const range = toRange(seconds!);
      expect(range.minS).toBeGreaterThanOrEqual(0);
      expect(range.maxS).toBeGreaterThan(range.minS);
      previous = seconds!;
    }
  });

  it('rounds to a range of whole minutes around the estimate', () => {
    expect(toRange(30)).toEqual({ minS: 0, maxS: 60 });
    expect(toRange(0)).toEqual({ minS: 0, maxS: 60 });
    expect(toRange(600)).toEqual({ minS: 420, maxS: 780 });
    expect(toRange(45 * 60)).toEqual({ minS: 31 * 60, maxS: 59 * 60 });
  });

  it('reads the history of a queue at most every 15 s', async () => {
    let reads = 0;
    let clock = 0;
    const estimator = createWaitEstimator({
      history: () => {
        reads += 1;
        return none;
      },
      now: () => clock,
    });
    expect(await estimator.estimate('q', null, staff(1, 1))).toBeNull();
    await estimator.estimate('q', 1, staff(1, 1));
    await estimator.estimate('q', 2, staff(1, 1));
    expect(reads).toBe(1);
    clock += 15_000;
    await estimator.estimate('q', 1, staff(1, 1));
    expect(reads).toBe(2);
  });
});
