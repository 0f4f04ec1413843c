import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStateTracker, type ChatState } from './chatStates.ts';

let announced: ChatState[];
let tracker: ChatStateTracker;

beforeEach(() => {
  vi.useFakeTimers();
  announced = [];
  tracker = new ChatStateTracker((state) => announced.push(state), {
    pausedMs: 5_000,
    inactiveMs: 60_000,
    goneMs: 300_000,
  });
});
afterEach(() => {
  tracker.dispose();
  vi.useRealTimers();
});

describe('ChatStateTracker (XEP-0085)', () => {
  it('announces composing once while typing, paused after the typing stops', () => {
    tracker.typed();
    vi.advanceTimersByTime(4_000);
    tracker.typed();
    vi.advanceTimersByTime(4_999);
    expect(announced).toEqual(['composing']);
    vi.advanceTimersByTime(1);
    expect(announced).toEqual(['composing', 'paused']);
    tracker.typed();
    expect(announced).toEqual(['composing', 'paused', 'composing']);
  });

  it('announces nothing for a sent message (it carries active) and no paused afterwards', () => {
    tracker.typed();
    tracker.sent();
    vi.advanceTimersByTime(10_000);
    expect(announced).toEqual(['composing']);
    expect(tracker.state).toBe('active');
    tracker.focused();
    expect(announced).toEqual(['composing']);
  });

  it('goes inactive and then gone when the chat is left alone, active again on focus', () => {
    tracker.focused();
    vi.advanceTimersByTime(59_999);
    expect(announced).toEqual(['active']);
    vi.advanceTimersByTime(1);
    expect(announced).toEqual(['active', 'inactive']);
    vi.advanceTimersByTime(240_000);
    expect(announced).toEqual(['active', 'inactive', 'gone']);
    tracker.focused();
    expect(announced).toEqual(['active', 'inactive', 'gone', 'active']);
  });

  it('announces active when the field is emptied while composing', () => {
    tracker.typed();
    tracker.cleared();
    vi.advanceTimersByTime(6_000);
    expect(announced).toEqual(['composing', 'active']);
  });

  it('stops all timers on dispose', () => {
    tracker.typed();
    tracker.dispose();
    vi.advanceTimersByTime(1_000_000);
    expect(announced).toEqual(['composing']);
  });
});
