/**
 * The router with fake timers and an in-memory store: offers by queue and skill, an offer timing out
 * to the next agent, declines, overflow after its time, an agent leaving mid-offer, priorities,
 * positions per queue, blending and capacity, the Finesse halt, the maximum wait and a restart.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFFER_TIMEOUT_MS, QUEUES, offeredTo, readyAgent, settle, setup } from './routerTesting.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('router', () => {
  it('offers a billing chat to the billing agent only, with the queue label; the support agent stays idle', async () => {
    const s = await setup();
    readyAgent(s.router, 'support-agent', '20');
    vi.advanceTimersByTime(1000);
    readyAgent(s.router, 'billing-agent', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    expect(s.offers).toEqual([
      {
        agentId: 'billing-agent',
        offer: expect.objectContaining({
          chatId: chat.id,
          queue: 'billing',
          queueLabel: { en: 'Billing', de: 'Rechnung' },
        }),
      },
    ]);
    // The support agent was idle longer and is still free: a support chat goes to them at once.
    const support = s.store.newChat('support');
    s.router.chatQueued(support);
    await settle();
    expect(offeredTo(s, support.id)).toEqual(['support-agent']);
  });

  it('gives a chat that needs a skill level to the agent who has it', async () => {
    const s = await setup();
    readyAgent(s.router, 'es-new', '10');
    vi.advanceTimersByTime(1000);
    readyAgent(s.router, 'es-pro', '10');
    const chat = s.store.newChat('spanish');
    s.router.chatQueued(chat);
    await settle();
    // es-new has waited longer, but level 1 is below the queue's 3.
    expect(offeredTo(s, chat.id)).toEqual(['es-pro']);
  });

  it('lowers the levels after the overflow time: the beginner gets the chat nobody else could take', async () => {
    const s = await setup();
    readyAgent(s.router, 'es-new', '10');
    const chat = s.store.newChat('spanish');
    s.router.chatQueued(chat);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(s.offers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(offeredTo(s, chat.id)).toEqual(['es-new']);
  });

  it('after the overflow time a waiting billing chat reaches the support agent', async () => {
    const s = await setup();
    readyAgent(s.router, 'support-agent', '20');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(s.offers).toEqual([]);
    expect(s.router.inspect().waiting[0]?.candidate.stage.queues).toEqual(['billing']);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(offeredTo(s, chat.id)).toEqual(['support-agent']);
  });

  it('an offer not accepted in time goes to the next agent; the one who missed it is made NOT_READY', async () => {
    const s = await setup();
    readyAgent(s.router, 'first', '10');
    vi.advanceTimersByTime(10);
    readyAgent(s.router, 'second', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    expect(offeredTo(s, chat.id)).toEqual(['first']);
    expect(s.store.chat(chat.id)?.status).toBe('offered');
    await vi.advanceTimersByTimeAsync(OFFER_TIMEOUT_MS);
    expect(s.revoked).toEqual([{ agentId: 'first', chatId: chat.id, reason: 'timeout' }]);
    expect(offeredTo(s, chat.id)).toEqual(['first', 'second']);
    expect(s.router.agentStatus('first')).toMatchObject({ state: 'NOT_READY', reason: 'offer-missed' });
    expect(s.store.agent('first')).toMatchObject({
      requestedState: 'NOT_READY',
      stateReason: 'offer-missed',
    });
  });

  it('a declined chat goes to the next agent, and comes back to the decliner only after they go READY again', async () => {
    const s = await setup();
    readyAgent(s.router, 'decliner', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    s.router.decline('decliner', chat.id);
    await settle();
    // Nobody else: it waits, not offered to the decliner again.
    expect(offeredTo(s, chat.id)).toEqual(['decliner']);
    expect(s.store.chat(chat.id)?.status).toBe('queued');
    expect(() => s.router.decline('decliner', chat.id)).toThrow(/not offered/);
    s.router.setRequestedState('decliner', 'NOT_READY');
    s.router.setRequestedState('decliner', 'READY');
    await settle();
    expect(offeredTo(s, chat.id)).toEqual(['decliner', 'decliner']);
  });

  it('an agent who leaves mid-offer: the offer is taken back and goes to the next agent', async () => {
    const s = await setup();
    readyAgent(s.router, 'leaving', '10');
    vi.advanceTimersByTime(10);
    readyAgent(s.router, 'staying', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    s.router.agentDisconnected('leaving');
    await settle();
    expect(s.revoked).toEqual([{ agentId: 'leaving', chatId: chat.id, reason: 'disconnected' }]);
    expect(offeredTo(s, chat.id)).toEqual(['leaving', 'staying']);
    await expect(s.router.accept('leaving', chat.id)).rejects.toThrow(/not offered/);
    const accepted = await s.router.accept('staying', chat.id);
    expect(accepted).toMatchObject({ status: 'active', agent: { id: 'staying' } });
    expect(s.router.queuePosition(chat.id)).toBeNull();
  });

  it('serves the higher-priority queue first, then the longest-waiting chat', async () => {
    const s = await setup();
    const old = s.store.newChat('billing');
    s.router.chatQueued(old);
    vi.advanceTimersByTime(5000);
    const vip = s.store.newChat('vip');
    s.router.chatQueued(vip);
    vi.advanceTimersByTime(1000);
    const newer = s.store.newChat('billing');
    s.router.chatQueued(newer);
    readyAgent(s.router, 'agent', '10');
    await settle();
    expect(s.offers.map((o) => o.offer.chatId)).toEqual([vip.id]);
    await s.router.accept('agent', vip.id);
    await settle();
    expect(s.offers.map((o) => o.offer.chatId)).toEqual([vip.id, old.id]);
  });

  it('counts each customer’s position in their own queue', async () => {
    const s = await setup();
    const b1 = s.store.newChat('billing');
    const sup = s.store.newChat('support');
    const b2 = s.store.newChat('billing');
    for (const chat of [b1, sup, b2]) s.router.chatQueued(chat);
    expect([
      s.router.queuePosition(b1.id),
      s.router.queuePosition(sup.id),
      s.router.queuePosition(b2.id),
    ]).toEqual([1, 1, 2]);
    readyAgent(s.router, 'billing-agent', '10');
    await s.router.accept('billing-agent', b1.id);
    expect(s.router.queuePosition(b2.id)).toBe(1);
    expect(s.router.queuePosition(sup.id)).toBe(1);
    await settle();
    // The moved customer is told; the one whose place did not change is not told again.
    expect(s.changed.filter((id) => id === b2.id).length).toBeGreaterThanOrEqual(2);
  });

  it('offers nothing to an agent on a voice call (blending: INTERRUPTED), and routes when the call ends', async () => {
    const s = await setup();
    readyAgent(s.router, 'agent', '10');
    s.router.reportVoice('agent', {
      state: 'TALKING',
      reasonCodeId: null,
      reasonLabel: null,
      callType: 'inbound',
    });
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    expect(s.offers).toEqual([]);
    expect(s.router.agentStatus('agent').state).toBe('INTERRUPTED');
    s.router.reportVoice('agent', { state: 'READY', reasonCodeId: null, reasonLabel: null, callType: null });
    await settle();
    expect(offeredTo(s, chat.id)).toEqual(['agent']);
  });

  it('keeps an agent at their maximum out of routing until a chat ends; a wrap-up holds the slot', async () => {
    const s = await setup(QUEUES, undefined, 1);
    readyAgent(s.router, 'agent', '10');
    const first = s.store.newChat('billing');
    s.router.chatQueued(first);
    await settle();
    await s.router.accept('agent', first.id);
    const second = s.store.newChat('billing');
    s.router.chatQueued(second);
    await settle();
    expect(offeredTo(s, second.id)).toEqual([]);
    expect(s.router.agentStatus('agent').state).toBe('BUSY');
    s.router.use({ holdAfterEnd: () => true });
    s.router.chatEnded(s.store.end(first.id, 'agent'));
    await settle();
    expect(offeredTo(s, second.id)).toEqual([]);
    s.router.releaseWrapUp('agent', first.id);
    await settle();
    expect(offeredTo(s, second.id)).toEqual(['agent']);
  });

  it('halts while Finesse is unreachable: offers are taken back and nothing is routed until it is back', async () => {
    const s = await setup();
    readyAgent(s.router, 'agent', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    s.router.setFinesseAvailable(false);
    expect(s.revoked).toEqual([{ agentId: 'agent', chatId: chat.id, reason: 'disconnected' }]);
    expect(s.router.agentStatus('agent').finesse).toBe('halted');
    s.router.chatQueued(s.store.newChat('billing'));
    await settle();
    expect(s.offers).toHaveLength(1);
    s.router.setFinesseAvailable(true);
    await settle();
    expect(s.offers).toHaveLength(2);
    expect(s.offers[1]?.offer.chatId).toBe(chat.id);
  });

  it('tells the customer when the queue’s maximum wait is reached', async () => {
    const s = await setup();
    const chat = s.store.newChat('vip');
    s.router.chatQueued(chat);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(s.router.maxWaitReached(chat.id)).toBe(false);
    const before = s.changed.length;
    await vi.advanceTimersByTimeAsync(1_100);
    expect(s.router.maxWaitReached(chat.id)).toBe(true);
    expect(s.changed.slice(before)).toContain(chat.id);
  });

  it('puts a transferred chat at the head of its new queue, not offered to the agent who had it', async () => {
    const s = await setup();
    readyAgent(s.router, 'owner', '10');
    const chat = s.store.newChat('billing');
    s.router.chatQueued(chat);
    await settle();
    const accepted = await s.router.accept('owner', chat.id);
    const waiting = s.store.newChat('support');
    s.router.chatQueued(waiting);
    await s.router.requeue(accepted, { from: 'owner', queue: 'support', passedBy: ['owner'] });
    expect(s.router.queuePosition(chat.id)).toBe(1);
    expect(s.router.queuePosition(waiting.id)).toBe(2);
    expect(s.store.chat(chat.id)).toMatchObject({ status: 'queued', queue: 'support', agent: null });
    readyAgent(s.router, 'support-agent', '20');
    await settle();
    expect(offeredTo(s, chat.id)).toEqual(['owner', 'support-agent']);
  });

  it('keeps every queue’s order and the agents’ chats across a restart; offered chats wait again', async () => {
    const s = await setup();
    readyAgent(s.router, 'agent', '10');
    const chats = [s.store.newChat('billing'), s.store.newChat('billing'), s.store.newChat('billing')];
    for (const chat of chats) {
      s.router.chatQueued(chat);
      vi.advanceTimersByTime(10);
    }
    await settle();
    await s.router.accept('agent', chats[0]!.id);
    await settle();
    expect(s.store.chat(chats[1]!.id)?.status).toBe('offered');
    s.router.close();

    const again = await setup(QUEUES, s.store);
    expect(s.store.chat(chats[1]!.id)?.status).toBe('queued');
    expect([again.router.queuePosition(chats[1]!.id), again.router.queuePosition(chats[2]!.id)]).toEqual([
      1, 2,
    ]);
    again.router.agentConnected('agent', 'Agent agent', '10');
    // READY was stored; one active chat of two slots: the next chat is offered at once.
    expect(again.router.agentStatus('agent')).toMatchObject({ requested: 'READY', activeChats: 1 });
    await settle();
    expect(offeredTo(again, chats[1]!.id)).toEqual(['agent']);
  });
});
