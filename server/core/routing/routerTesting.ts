/**
 * A router for tests (router.test.ts, router.invariants.test.ts): fake timers are the caller's, the
 * store is in memory, and the offers, revocations and changes it announces are recorded.
 */
import { vi } from 'vitest';
import { Emitter } from '../../../sdk/core/emitter.ts';
import type { ChatOffer } from '../../../sdk/core/protocol.ts';
import { loadQueueFile } from '../../queueFile.ts';
import { createFakeRoutingStore, type FakeRoutingStore } from '../../testing/fakeRoutingStore.ts';
import type { DomainEvents } from '../events.ts';
import { createRouter, type Router } from './router.ts';
import { createRoutingModel } from './routingConfig.ts';

export const QUEUES = {
  queues: {
    billing: { label: { en: 'Billing', de: 'Rechnung' }, overflow: [{ afterS: 60, queues: ['support'] }] },
    support: {},
    spanish: { skills: { spanish: 3 }, overflow: [{ afterS: 30, skills: { spanish: 1 } }] },
    vip: { priority: 5, maxWaitS: 120 },
  },
  agents: {
    byTeam: { '10': { queues: ['billing', 'spanish', 'vip'] }, '20': { queues: ['support'] } },
    byAgent: { 'es-pro': { skills: { spanish: 4 } }, 'es-new': { skills: { spanish: 1 } } },
  },
};

export const OFFER_TIMEOUT_MS = 20_000;

export interface Setup {
  router: Router;
  store: FakeRoutingStore;
  offers: Array<{ agentId: string; offer: ChatOffer }>;
  revoked: Array<{ agentId: string; chatId: string; reason: string }>;
  changed: string[];
}

export async function setup(
  file: unknown = QUEUES,
  store?: FakeRoutingStore,
  maxChatsPerAgent = 2,
): Promise<Setup> {
  const events = new Emitter<DomainEvents>();
  const result = {
    store: store ?? createFakeRoutingStore(() => Date.now()),
    offers: [] as Setup['offers'],
    revoked: [] as Setup['revoked'],
    changed: [] as string[],
  };
  events.on('offer', (event) => result.offers.push(event));
  events.on('offerRevoked', (event) => result.revoked.push(event));
  events.on('chatChanged', ({ chatId }) => result.changed.push(chatId));
  const router = await createRouter({
    storage: result.store,
    events,
    routing: createRoutingModel(loadQueueFile({ json: JSON.stringify(file) })),
    postJoined: async () => undefined,
    offerTimeoutMs: OFFER_TIMEOUT_MS,
    maxChatsPerAgent,
    positionDelayMs: 0,
  });
  return { router, ...result };
}

/** Lets offers (built after their hooks) and announcements go out. */
export const settle = () => vi.advanceTimersByTimeAsync(1);

export function readyAgent(router: Router, id: string, teamId: string): void {
  router.agentConnected(id, `Agent ${id}`, teamId);
  router.setRequestedState(id, 'READY');
}

export const offeredTo = (s: Setup, chatId: string) =>
  s.offers.filter((o) => o.offer.chatId === chatId).map((o) => o.agentId);
