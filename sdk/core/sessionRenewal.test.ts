import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter.ts';
import { HybridChatError } from './errors.ts';
import { createSessionRenewal, type RenewableSession, type SessionRenewalOptions } from './sessionRenewal.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Session extends RenewableSession {
  n: number;
}

function setup(life: number, overrides: Partial<SessionRenewalOptions<Session>> = {}) {
  const refusals = new Emitter<{ connectError: HybridChatError }>();
  let issued = 0;
  const renew = vi.fn(async (_current: Session): Promise<Session> => ({
    token: `t${++issued}`,
    expiresAt: Date.now() + life,
    n: issued,
  }));
  const reconnect = vi.fn();
  const onRenewed = vi.fn();
  const renewal = createSessionRenewal<Session>({
    session: { token: 't0', expiresAt: Date.now() + life, n: 0 },
    renew,
    refusals,
    reconnect,
    onRenewed,
    onError: () => undefined,
    ...overrides,
  });
  const refuse = () => refusals.emit('connectError', new HybridChatError('UNAUTHORIZED', 'expired'));
  return { renewal, renew, reconnect, onRenewed, refuse, refusals };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session renewal: when', () => {
  it('renews a minute before a long-lived token expires, and again for the new one', async () => {
    const { renewal, renew } = setup(HOUR);
    await vi.advanceTimersByTimeAsync(HOUR - MINUTE - 1);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renewal.token()).toBe('t1');
    await vi.advanceTimersByTimeAsync(HOUR - MINUTE);
    expect(renewal.token()).toBe('t2');
    renewal.close();
  });

  it('renews a short-lived token a quarter of its life early, not every second', async () => {
    const { renewal, renew } = setup(8000);
    await vi.advanceTimersByTimeAsync(5999);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5999);
    expect(renew).toHaveBeenCalledTimes(1);
    renewal.close();
  });

  it('tries a failed renewal again after retryMs instead of giving up', async () => {
    const { renewal, renew } = setup(HOUR);
    renew.mockRejectedValueOnce(new HybridChatError('DISCONNECTED', 'down'));
    await vi.advanceTimersByTimeAsync(HOUR - MINUTE);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(renewal.token()).toBe('t0');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(renewal.token()).toBe('t1');
    renewal.close();
  });

  it('stops renewing once closed', async () => {
    const { renewal, renew } = setup(HOUR);
    renewal.close();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(renew).not.toHaveBeenCalled();
    expect(await renewal.renewNow()).toBe(false);
  });
});

describe('session renewal: refusals', () => {
  it('renews after a refused handshake and then connects again', async () => {
    const { renewal, renew, reconnect, refusals } = setup(HOUR);
    refusals.emit('connectError', new HybridChatError('DISCONNECTED', 'network'));
    expect(renew).not.toHaveBeenCalled();
    refusals.emit('connectError', new HybridChatError('UNAUTHORIZED', 'expired'));
    await vi.advanceTimersByTimeAsync(0);
    expect(renewal.token()).toBe('t1');
    expect(reconnect).toHaveBeenCalledTimes(1);
    renewal.close();
  });

  it('renews at most once per retryMs for refusals, answering a later one at the end of that time', async () => {
    const { renewal, renew, reconnect, refuse } = setup(HOUR);
    refuse();
    await vi.advanceTimersByTimeAsync(0);
    refuse(); // the server refuses the new token too
    await vi.advanceTimersByTimeAsync(29_999);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(reconnect).toHaveBeenCalledTimes(2);
    renewal.close();
  });

  it('shares one renewal between a refused handshake and refused HTTP calls', async () => {
    let finish: (session: Session) => void = () => undefined;
    const signIn = vi.fn(() => new Promise<Session>((resolve) => (finish = resolve)));
    const { renewal, refuse } = setup(HOUR, { renew: signIn });
    refuse();
    const calls = [renewal.renewNow(), renewal.renewNow()];
    finish({ token: 'fresh', expiresAt: Date.now() + HOUR, n: 1 });
    expect(await Promise.all(calls)).toEqual([true, true]);
    expect(renewal.token()).toBe('fresh');
    expect(signIn).toHaveBeenCalledTimes(1);
    renewal.close();
  });

  it('renews for a refused HTTP call, but not twice within retryMs', async () => {
    const { renewal, renew } = setup(HOUR);
    expect(await renewal.renewNow()).toBe(true);
    expect(await renewal.renewNow()).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await renewal.renewNow()).toBe(true);
    expect(renew).toHaveBeenCalledTimes(2);
    renewal.close();
  });
});

describe('session renewal: paused', () => {
  it('renews nothing while paused, and renews and reconnects on resume', async () => {
    const { renewal, renew, reconnect, refuse, onRenewed } = setup(HOUR);
    renewal.pause();
    refuse();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(await renewal.renewNow()).toBe(false);
    expect(renew).not.toHaveBeenCalled();
    renewal.resume(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(renewal.token()).toBe('t1');
    expect(onRenewed).toHaveBeenCalledWith(expect.objectContaining({ token: 't1' }));
    expect(reconnect).toHaveBeenCalledTimes(1);
    renewal.close();
  });

  it('reports a session that arrived after the pause, without reconnecting', async () => {
    let finish: (session: Session) => void = () => undefined;
    const { renewal, reconnect, refuse, onRenewed } = setup(HOUR, {
      renew: () => new Promise<Session>((resolve) => (finish = resolve)),
    });
    refuse();
    renewal.pause();
    finish({ token: 'late', expiresAt: Date.now() + HOUR, n: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(onRenewed).toHaveBeenCalledWith(expect.objectContaining({ token: 'late' }));
    expect(reconnect).not.toHaveBeenCalled();
    renewal.close();
  });
});
