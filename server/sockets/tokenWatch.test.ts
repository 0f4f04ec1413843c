/** The token watch with fake timers: a socket ends at its token's expiry, however far, or at its revocation. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenWatch, type WatchedSocket } from './tokenWatch.ts';

function fakeSocket() {
  const told: string[] = [];
  let onDisconnect: (() => void) | undefined;
  const socket: WatchedSocket & { told: string[] } = {
    connected: true,
    told,
    emit: (_event, notice) => told.push(notice.reason),
    disconnect() {
      (socket as { connected: boolean }).connected = false;
      onDisconnect?.();
    },
    once: (_event, listener) => (onDisconnect = listener),
  };
  return socket;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('token watch', () => {
  it('ends a socket at its token’s expiry, not before', () => {
    const watch = createTokenWatch(Date.now);
    const socket = fakeSocket();
    watch.watch(socket, { jti: 'a', exp: Date.now() + 5000 });
    vi.advanceTimersByTime(4999);
    expect(socket.connected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.told).toEqual(['expired']);
    expect(socket.connected).toBe(false);
    expect(watch.tokens).toBe(0);
  });

  it('waits for an expiry beyond the longest timer in steps', () => {
    const watch = createTokenWatch(Date.now);
    const socket = fakeSocket();
    const days = 40 * 86_400_000;
    watch.watch(socket, { jti: 'a', exp: Date.now() + days });
    vi.advanceTimersByTime(days - 1);
    expect(socket.connected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.told).toEqual(['expired']);
  });

  it('ends every socket of a revoked token and only those; a socket gone is forgotten', () => {
    const watch = createTokenWatch(Date.now);
    const [one, two, other, gone] = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket()];
    const exp = Date.now() + 60_000;
    for (const socket of [one, two, gone]) watch.watch(socket, { jti: 'a', exp });
    watch.watch(other, { jti: 'b', exp });
    gone.disconnect(true);
    watch.revoked('a');
    expect([one.told, two.told, other.told, gone.told]).toEqual([['revoked'], ['revoked'], [], []]);
    expect(other.connected).toBe(true);
    expect(watch.tokens).toBe(1);
    // Its expiry timer went with it: nothing more happens to the revoked sockets.
    vi.advanceTimersByTime(60_000);
    expect(one.told).toEqual(['revoked']);
    expect(other.told).toEqual(['expired']);
  });
});
