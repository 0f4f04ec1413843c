// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createChime } from './chime.ts';

/** Enough of an AudioContext to count the notes started. */
function fakeAudio() {
  const started: number[] = [];
  const param = { value: 0, setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() };
  class FakeContext {
    currentTime = 0;
    destination = {};
    resume = vi.fn(async () => {});
    close = vi.fn(async () => {});
    createGain = () => ({ gain: param, connect: (next: unknown) => next });
    createOscillator = () => ({
      frequency: { value: 0 },
      connect: (next: unknown) => next,
      start: (at: number) => started.push(at),
      stop: vi.fn(),
    });
  }
  return { AudioCtx: FakeContext as unknown as new () => AudioContext, started };
}

/** Web Locks as the browser shares them between tabs: `ifAvailable` gets null while held. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    request: vi.fn(async (name: string, _options: unknown, callback: (lock: unknown) => unknown) => {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    }),
  } as unknown as LockManager;
}

describe('message chime', () => {
  it('stays silent until the customer has clicked or typed in the chat', () => {
    const { AudioCtx, started } = fakeAudio();
    const chime = createChime(document, AudioCtx, undefined);
    expect(chime.play('c:1')).toBe(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(chime.play('c:1')).toBe(true);
    expect(started).toHaveLength(2);
    chime.dispose();
  });

  it('plays a message once across tabs that share the lock', async () => {
    vi.useFakeTimers();
    const locks = fakeLocks();
    const tabs = [fakeAudio(), fakeAudio()];
    const chimes = tabs.map(({ AudioCtx }) => {
      const target = new EventTarget() as unknown as Document;
      const chime = createChime(target, AudioCtx, locks);
      target.dispatchEvent(new Event('pointerdown'));
      return chime;
    });
    chimes.forEach((chime) => chime.play('c:7'));
    await vi.advanceTimersByTimeAsync(0);
    expect(tabs.map((tab) => tab.started.length)).toEqual([2, 0]);
    await vi.advanceTimersByTimeAsync(5000);
    chimes[1]?.play('c:8');
    await vi.advanceTimersByTimeAsync(0);
    expect(tabs.map((tab) => tab.started.length)).toEqual([2, 2]);
    vi.useRealTimers();
  });
});
