/**
 * Several nodes: a running wrap-up whose deadline timer ran on a node that is gone is finished by
 * the others' sweeps, once, however many nodes sweep.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredWrapUp } from '../../core/storage/storage.ts';
import { createWrapUps, type WrapUps } from './wrapUp.ts';

/** One stored wrap-up, shared by the nodes, finished at most once (as the storage's conditional update does). */
function sharedStore(wrapUp: StoredWrapUp) {
  let row = { ...wrapUp };
  return {
    openWrapUps: async () => (row.state === 'done' ? [] : [{ ...row }]),
    wrapUp: async () => ({ ...row }),
    finishWrapUp: async (_chatId: string, reasons: string[], notes: string, timedOut: boolean) => {
      if (row.state === 'done') return false;
      row = { ...row, state: 'done', reasons, notes, timedOut, completedAt: Date.now() };
      return true;
    },
    current: () => row,
  };
}

function node(store: ReturnType<typeof sharedStore>, released: string[]) {
  return createWrapUps({
    core: {
      storage: { collaboration: store } as never,
      router: {
        releaseWrapUp: async (agentId: string, chatId: string) => void released.push(`${agentId}:${chatId}`),
      } as never,
      notify: () => undefined,
      log: { warn: () => undefined } as never,
    },
    seconds: 30,
    reasons: [],
    sweepMs: 1000,
  });
}

const running: WrapUps[] = [];
afterEach(() => {
  for (const wrapUps of running.splice(0)) wrapUps.close();
  vi.useRealTimers();
});

describe('wrap-up deadlines across nodes', () => {
  it('two nodes sweeping finish a lost timer’s wrap-up once, timed out, and free the slot once', async () => {
    vi.useFakeTimers({ now: 100_000 });
    const store = sharedStore({
      chatId: 'chat-1',
      agentId: '1001',
      customerName: 'Dana',
      state: 'running',
      startedAt: 60_000,
      dueAt: 90_000,
      reasons: [],
      notes: '',
      completedAt: null,
      timedOut: false,
    });
    const released: string[] = [];
    running.push(await node(store, released), await node(store, released));

    await vi.advanceTimersByTimeAsync(1000);

    expect(store.current()).toMatchObject({ state: 'done', timedOut: true });
    expect(released).toEqual(['1001:chat-1']);
  });

  it('leaves a deadline that has not passed (its own timer has it)', async () => {
    vi.useFakeTimers({ now: 100_000 });
    const store = sharedStore({
      chatId: 'chat-2',
      agentId: '1002',
      customerName: 'Eve',
      state: 'running',
      startedAt: 99_000,
      dueAt: 100_500,
      reasons: [],
      notes: '',
      completedAt: null,
      timedOut: false,
    });
    const released: string[] = [];
    running.push(await node(store, released));
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.current().state).toBe('running');
    expect(released).toEqual([]);
  });
});
