/**
 * The router's invariant under random sequences of events (a seeded generator, fake timers): after
 * every step no free agent is left with a waiting chat they could be offered.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eligible } from './decision.ts';
import { QUEUES, readyAgent, settle, setup } from './routerTesting.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('router invariants', () => {
  it('after any sequence of events, no free agent is left with a chat they could be offered', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    for (let run = 0; run < 20; run++) {
      const s = await setup(QUEUES, undefined, 2);
      const agents = ['a1', 'a2', 'es-pro', 'es-new', 's1', 's2'];
      const teams: Record<string, string> = {
        a1: '10',
        a2: '10',
        'es-pro': '10',
        'es-new': '10',
        s1: '20',
        s2: '20',
      };
      const open: string[] = [];
      for (let step = 0; step < 60; step++) {
        const roll = random();
        const agent = pick(agents);
        if (roll < 0.25) {
          const chat = s.store.newChat(pick(['billing', 'support', 'spanish', 'vip']));
          s.router.chatQueued(chat);
          open.push(chat.id);
        } else if (roll < 0.4) readyAgent(s.router, agent, teams[agent]!);
        else if (roll < 0.5) s.router.setRequestedState(agent, 'NOT_READY');
        else if (roll < 0.6) s.router.agentDisconnected(agent);
        else if (roll < 0.75) {
          const offer = [...s.router.inspect().waiting].find((w) => w.offeredTo !== null);
          if (offer) await s.router.accept(offer.offeredTo!, offer.chatId);
        } else if (roll < 0.85) {
          const offer = [...s.router.inspect().waiting].find((w) => w.offeredTo !== null);
          if (offer) s.router.decline(offer.offeredTo!, offer.chatId);
        } else if (roll < 0.95 && open.length > 0) {
          const chatId = open.splice(Math.floor(random() * open.length), 1)[0]!;
          s.router.chatEnded(s.store.end(chatId));
        } else await vi.advanceTimersByTimeAsync(Math.floor(random() * 40_000));
        await settle();

        const state = s.router.inspect();
        for (const waiting of state.waiting.filter((w) => w.offeredTo === null)) {
          for (const free of state.agents.filter((a) => a.free)) {
            expect(
              eligible(waiting.candidate, free.candidate),
              `run ${run} step ${step}: ${free.id} is free and could take ${waiting.chatId}`,
            ).toBe(false);
          }
        }
      }
      s.router.close();
    }
  });
});
