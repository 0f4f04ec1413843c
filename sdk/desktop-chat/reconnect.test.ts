/**
 * superviseReconnect against a stand-in for the xmpp.js client: which server each retry goes to,
 * how long it waits, and that it stops when the client is stopped.
 */
import type { XmppClient } from '@xmpp/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { superviseReconnect } from './reconnect.ts';
import type { DesktopChatOptions, ServedBy } from './types.ts';

const PRIMARY = 'wss://im1.test/ws';
const SECONDARY = 'wss://im2.test/ws';

function fakeClient() {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  const tried: string[] = [];
  let reachable = new Set<string>();
  const fake = {
    status: 'online',
    options: { service: PRIMARY },
    reconnect: { delay: 1000, stop: vi.fn(), on: () => undefined },
    streamManagement: { enabled: false, id: '', on: (event: string, l: () => void) => fake.on(event, l) },
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return fake;
    },
    async connect(service: string) {
      tried.push(service);
      fake.status = 'connecting';
      if (!reachable.has(service)) throw new Error('refused');
    },
    async open() {
      fake.status = 'online';
      emit('online');
    },
  };
  const setStatus = (status: string) => {
    fake.status = status;
    emit('status', status);
  };
  return {
    client: fake as unknown as XmppClient,
    fake,
    tried,
    emit,
    setStatus,
    reachable: (...urls: string[]) => void (reachable = new Set(urls)),
  };
}

const options: DesktopChatOptions = {
  service: { primary: PRIMARY, secondary: SECONDARY },
  transport: 'websocket',
  domain: 'im.test',
  username: 'ann',
  password: 'pw',
  reconnect: { baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999 },
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('superviseReconnect', () => {
  it('retries the server of the session first, then alternates, backing off, until one answers', async () => {
    const { client, fake, tried, emit, setStatus, reachable } = fakeClient();
    const served: ServedBy[] = [];
    superviseReconnect(client, options, { onServed: (s) => served.push(s) });
    expect(fake.reconnect.stop).toHaveBeenCalled();
    emit('online');
    expect(served).toEqual([{ url: PRIMARY, which: 'primary' }]);

    setStatus('disconnect');
    await vi.advanceTimersByTimeAsync(998);
    expect(tried).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(tried).toEqual([PRIMARY]);
    await vi.advanceTimersByTimeAsync(1997);
    expect(tried).toEqual([PRIMARY]);
    await vi.advanceTimersByTimeAsync(1);
    expect(tried).toEqual([PRIMARY, SECONDARY]);
    await vi.advanceTimersByTimeAsync(3996);
    expect(tried).toEqual([PRIMARY, SECONDARY, PRIMARY]);
    reachable(SECONDARY);
    await vi.advanceTimersByTimeAsync(7992);
    expect(tried).toEqual([PRIMARY, SECONDARY, PRIMARY, SECONDARY]);
    expect(served.at(-1)).toEqual({ url: SECONDARY, which: 'secondary' });

    // The next drop starts again from the shortest wait, on the server of the session.
    setStatus('disconnect');
    await vi.advanceTimersByTimeAsync(999);
    expect(tried.at(-1)).toBe(SECONDARY);
    expect(tried).toHaveLength(5);
  });

  it('does nothing before the first session, and stops when the client is stopped', async () => {
    const { client, tried, emit, setStatus } = fakeClient();
    superviseReconnect(client, options, { onServed: () => undefined });
    setStatus('disconnect');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tried).toEqual([]);
    emit('online');
    setStatus('disconnect');
    setStatus('offline');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tried).toEqual([]);
  });
});
