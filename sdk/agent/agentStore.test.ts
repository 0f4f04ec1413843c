import { describe, expect, it, vi } from 'vitest';
import { HybridChatError } from '../core/errors.ts';
import type { AgentStatus, ChatMessage } from '../core/protocol.ts';
import { createFakeAgentChats, createFakeAgentServer } from '../testing/fakeAgentServer.ts';
import { ACCEPT_LOST_WAIT_MS, createAgentStore } from './agentStore.ts';
import type { AgentEvents } from './agentTypes.ts';
import {
  sampleOffer as offer,
  sampleReadyStatus as ready,
  sampleChat as summary,
} from '../testing/agentFixtures.ts';

const missed: AgentStatus = { ...ready, state: 'NOT_READY', requested: 'NOT_READY', reason: 'offer-missed' };
const history: ChatMessage[] = [
  {
    chatId: 'chat-1',
    seq: 5,
    clientId: 'm5',
    from: { role: 'customer', id: 'c-1', name: 'Ada' },
    kind: 'text',
    text: 'Hello?',
    sentAt: 1_500,
  },
];

function setup(answers: Record<string, (payload: unknown) => unknown> = {}, autoAccept = false) {
  const server = createFakeAgentServer(answers);
  const chats = createFakeAgentChats();
  let clock = 10_000;
  const store = createAgentStore({
    transport: server.transport,
    chats,
    agentId: 'a-1',
    autoAccept,
    now: () => clock,
  });
  const accepted: Array<AgentEvents['accepted']> = [];
  store.on('accepted', (event) => accepted.push(event));
  return { server, chats, store, accepted, tick: (ms: number) => (clock += ms) };
}

describe('agent store: offers', () => {
  it('keeps offers with the local time they arrived; a repeated offer replaces the first', () => {
    const { server, store, tick } = setup();
    server.emit('offer:new', offer);
    tick(500);
    server.emit('offer:new', offer);
    expect(store.getState().offers).toEqual([{ offer, receivedAt: 10_500, busy: null }]);
  });

  it('accepting hands the chat and its history to the chat client, counts the history as read, and says so', async () => {
    const { server, chats, store, accepted } = setup({
      'offer:accept': () => ({ chat: summary, messages: history }),
    });
    server.emit('offer:new', offer);
    expect(await store.acceptOffer('chat-1')).toBe(true);
    expect(chats.tracked).toEqual([{ chat: summary, messages: history }]);
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().readSeq).toEqual({ 'chat-1': 5 });
    expect(accepted).toEqual([{ chat: summary, messages: history, auto: false }]);
  });

  it('sends one accept however often it is asked while the first is on its way', async () => {
    const { server, store } = setup({ 'offer:accept': () => ({ chat: summary, messages: [] }) });
    server.emit('offer:new', offer);
    expect(await Promise.all([store.acceptOffer('chat-1'), store.acceptOffer('chat-1')])).toEqual([
      true,
      false,
    ]);
    expect(server.requests.filter((r) => r.event === 'offer:accept')).toHaveLength(1);
  });

  it('a failed accept drops the offer with a notice naming the customer', async () => {
    const { server, store, accepted } = setup();
    server.emit('offer:new', offer);
    expect(await store.acceptOffer('chat-1')).toBe(false);
    expect(store.getState()).toMatchObject({
      offers: [],
      notice: { tone: 'error', key: 'acceptFailed', values: { name: 'Ada' } },
    });
    expect(accepted).toEqual([]);
  });

  describe('an accept cut off by a dropped connection', () => {
    const dropped = () => {
      throw new HybridChatError('DISCONNECTED', 'disconnected before the ack of offer:accept');
    };

    it("is the agent's chat when the next connection lists it as theirs: no failure said", async () => {
      const { server, chats, store, accepted } = setup({ 'offer:accept': dropped });
      server.emit('offer:new', offer);
      const answer = store.acceptOffer('chat-1');
      await Promise.resolve();
      expect(store.getState().offers[0]?.busy).toBe('accepting'); // waiting to hear
      chats.put(summary); // the chat client's list after reconnecting
      expect(await answer).toBe(true);
      expect(store.getState()).toMatchObject({ offers: [], notice: null, readSeq: { 'chat-1': 3 } });
      expect(accepted).toEqual([{ chat: summary, messages: [], auto: false }]);
    });

    it('failed when the chat is not listed as theirs in time', async () => {
      vi.useFakeTimers();
      try {
        const { server, store, accepted } = setup({ 'offer:accept': dropped });
        server.emit('offer:new', offer);
        const answer = store.acceptOffer('chat-1');
        await vi.advanceTimersByTimeAsync(ACCEPT_LOST_WAIT_MS);
        expect(await answer).toBe(false);
        expect(store.getState()).toMatchObject({
          offers: [],
          notice: { tone: 'error', key: 'acceptFailed', values: { name: 'Ada' } },
        });
        expect(accepted).toEqual([]);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps the offer made again meanwhile, without a failure notice', async () => {
      const { server, store, accepted } = setup({ 'offer:accept': dropped });
      server.emit('offer:new', offer);
      const answer = store.acceptOffer('chat-1');
      await Promise.resolve();
      server.emit('offer:new', offer); // the server lost the desktop and offers the chat again
      expect(await answer).toBe(false);
      expect(store.getState()).toMatchObject({ offers: [{ offer, busy: null }], notice: null });
      expect(accepted).toEqual([]);
    });
  });

  it('declines a queue offer with offer:decline and an invite by name with invite:decline', async () => {
    const { server, store } = setup({ 'offer:decline': () => ({}), 'invite:decline': () => ({}) });
    server.emit('offer:new', offer);
    server.emit('offer:new', {
      ...offer,
      chatId: 'chat-2',
      invite: { kind: 'transfer', via: 'agent', from: { id: 'a-2', name: 'Al' }, note: '' },
    });
    await store.declineOffer('chat-1');
    await store.declineOffer('chat-2');
    expect(server.requests).toEqual([
      { event: 'offer:decline', payload: { chatId: 'chat-1' } },
      { event: 'invite:decline', payload: { chatId: 'chat-2' } },
    ]);
    expect(store.getState().offers).toEqual([]);
  });

  it('explains a revoked offer: expired, or the customer left', () => {
    const { server, store } = setup();
    server.emit('offer:new', offer);
    server.emit('offer:revoked', { chatId: 'chat-1', reason: 'timeout' });
    expect(store.getState().notice).toEqual({
      tone: 'warning',
      key: 'offerExpired',
      values: { name: 'Ada' },
    });
    server.emit('offer:new', offer);
    server.emit('offer:revoked', { chatId: 'chat-1', reason: 'customer-left' });
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'offerCustomerLeft',
      values: { name: 'Ada' },
    });
    expect(store.getState().offers).toEqual([]);
  });
});

describe('agent store: auto-accept', () => {
  it('accepts each offer the moment it arrives, as `auto`, with a notice', async () => {
    const { server, store, accepted } = setup(
      { 'offer:accept': () => ({ chat: summary, messages: [] }) },
      true,
    );
    server.emit('offer:new', offer);
    await expect.poll(() => accepted).toHaveLength(1);
    expect(accepted[0]?.auto).toBe(true);
    expect(store.getState().notice).toEqual({ tone: 'info', key: 'autoAccepted', values: { name: 'Ada' } });
  });

  it('is off by default and follows setAutoAccept', async () => {
    const { server, store, accepted } = setup({ 'offer:accept': () => ({ chat: summary, messages: [] }) });
    server.emit('offer:new', offer);
    expect(server.requests).toEqual([]);
    store.setAutoAccept(true);
    server.emit('offer:new', { ...offer, chatId: 'chat-2' });
    await expect.poll(() => accepted).toHaveLength(1);
    expect(server.requests).toEqual([{ event: 'offer:accept', payload: { chatId: 'chat-2' } }]);
  });
});

describe('agent store: status', () => {
  it('names the customer whose offer timed out and offers a way back to Ready, until Ready', async () => {
    const { server, store } = setup({ 'agent:setState': () => ({ status: ready }) });
    server.emit('agent:status', ready);
    server.emit('offer:new', offer);
    server.emit('offer:revoked', { chatId: 'chat-1', reason: 'timeout' });
    server.emit('agent:status', missed);
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'offerMissedFrom',
      values: { name: 'Ada' },
      action: 'goReady',
    });
    await store.setAgentState('READY');
    expect(store.getState()).toMatchObject({ status: ready, requestedState: null, notice: null });
  });

  it('says a missed offer once, and drops it when made ready elsewhere', () => {
    const { server, store } = setup();
    server.emit('agent:status', missed);
    expect(store.getState().notice?.key).toBe('offerMissed');
    store.showNotice(null);
    server.emit('agent:status', { ...missed, voice: null });
    expect(store.getState().notice).toBeNull();
    server.emit('agent:status', ready);
    server.emit('agent:status', missed);
    expect(store.getState().notice?.key).toBe('offerMissed');
    server.emit('agent:status', ready);
    expect(store.getState().notice).toBeNull();
  });

  it('shows the state asked for until the server answers, and a notice when it refuses', async () => {
    const { store } = setup();
    const asked = store.setAgentState('NOT_READY');
    expect(store.getState().requestedState).toBe('NOT_READY');
    await asked;
    expect(store.getState()).toMatchObject({
      requestedState: null,
      notice: { tone: 'error', key: 'stateFailed' },
    });
  });
});

describe('agent store: the agent’s chats', () => {
  it('counts read messages upwards only, and closing a chat forgets it and says so', () => {
    const { store, chats } = setup();
    const closed: string[] = [];
    store.on('closed', ({ chatId }) => closed.push(chatId));
    store.markRead('chat-1', 4);
    store.markRead('chat-1', 2);
    expect(store.getState().readSeq).toEqual({ 'chat-1': 4 });
    store.closeChat('chat-1');
    expect(chats.forgotten).toEqual(['chat-1']);
    expect(store.getState().readSeq).toEqual({});
    expect(closed).toEqual(['chat-1']);
  });

  it('closes a chat transferred away once the chat client has it as someone else’s', async () => {
    const { server, store, chats } = setup();
    chats.put(summary);
    const away = { ...summary, agent: { id: 'a-2', name: 'Bo' } };
    chats.put(away);
    server.emit('chat:update', away);
    await expect.poll(() => chats.forgotten).toEqual(['chat-1']);
    expect(store.getState().offers).toEqual([]);
  });

  it('stops following the socket when disposed', () => {
    const { server, store } = setup();
    expect(server.listenerCount()).toBeGreaterThan(0);
    store.dispose();
    expect(server.listenerCount()).toBe(0);
  });
});
