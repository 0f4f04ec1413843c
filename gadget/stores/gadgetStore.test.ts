import { describe, expect, it, vi } from 'vitest';
import type { AgentStatus, ChatClientState, ChatOffer, ChatSummary } from '../../sdk/index.ts';
import { HybridChatError } from '../../sdk/index.ts';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';
import { createGadgetStore } from './gadgetStore.ts';

type Handler = (payload: never) => void;

/** A fake of the agent transport: records requests, lets the test play server events. */
function fakeTransport(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const handlers = new Map<string, Set<Handler>>();
  const request = vi.fn(async (event: string, payload: unknown) => {
    const answer = answers[event];
    if (!answer) throw new HybridChatError('INTERNAL', `no answer for ${event}`);
    return answer(payload);
  });
  const transport = {
    request,
    on(event: string, handler: Handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler);
      return () => void set.delete(handler);
    },
  } as unknown as AgentTransportPort;
  const emit = (event: string, payload: unknown): void => {
    for (const handler of handlers.get(event) ?? []) (handler as (p: unknown) => void)(payload);
  };
  return {
    transport,
    request,
    emit,
    listeners: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

function fakeClient(): ChatClientPort & { tracked: ChatSummary[] } {
  const state: ChatClientState = { status: 'online', transport: 'websocket', chats: {}, lastError: null };
  const tracked: ChatSummary[] = [];
  return {
    tracked,
    getState: () => state,
    subscribe: () => () => {},
    track: (chat: ChatSummary) => void tracked.push(chat),
    send: vi.fn(),
    retry: vi.fn(),
    setTyping: vi.fn(),
    end: vi.fn(),
    forget: vi.fn(),
  } as unknown as ChatClientPort & { tracked: ChatSummary[] };
}

const offer: ChatOffer = {
  chatId: 'chat-1',
  customer: { id: 'c-1', name: 'Ada' },
  queue: 'default',
  preChat: { name: 'Ada' },
  offeredAt: 1_000,
  expiresAt: 31_000,
};
const summary: ChatSummary = {
  id: 'chat-1',
  status: 'active',
  queue: 'default',
  customer: { id: 'c-1', name: 'Ada' },
  agent: { id: 'a-1', name: 'Grace' },
  preChat: { name: 'Ada' },
  createdAt: 1_000,
  acceptedAt: 2_000,
  endedAt: null,
  endedBy: null,
  lastSeq: 3,
  queuePosition: null,
};
const ready: AgentStatus = { state: 'READY', requested: 'READY', reason: null, activeChats: 0, maxChats: 3 };

describe('gadgetStore', () => {
  it('keeps offers from the server with the local time they arrived', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient(), now: () => 42 });
    emit('offer:new', offer);
    emit('offer:new', offer); // a repeated offer replaces, never duplicates
    expect(store.getState().offers).toEqual([{ offer, receivedAt: 42, busy: null }]);
  });

  it('accepting tracks the chat with its history, selects it and counts that history as read', async () => {
    const { transport, request, emit } = fakeTransport({
      'offer:accept': () => ({ chat: summary, messages: [] }),
    });
    const client = fakeClient();
    const { store } = createGadgetStore({ transport, client });
    emit('offer:new', offer);
    await store.getState().acceptOffer('chat-1');
    expect(request).toHaveBeenCalledWith('offer:accept', { chatId: 'chat-1' });
    expect(client.tracked).toEqual([summary]);
    expect(store.getState()).toMatchObject({
      offers: [],
      selectedChatId: 'chat-1',
      readSeq: { 'chat-1': 3 },
    });
  });

  it('says so when an accept fails, and drops the card', async () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('offer:new', offer);
    await store.getState().acceptOffer('chat-1');
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice).toEqual({
      tone: 'error',
      key: 'notice.acceptFailed',
      values: { name: 'Ada' },
    });
  });

  it('explains a revoked offer: expired or the customer left', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('offer:new', offer);
    emit('offer:revoked', { chatId: 'chat-1', reason: 'timeout' });
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice?.key).toBe('notice.offerExpired');
    emit('offer:new', offer);
    emit('offer:revoked', { chatId: 'chat-1', reason: 'customer-left' });
    expect(store.getState().notice?.key).toBe('notice.offerCustomerLeft');
  });

  it('follows agent:status and tells the agent when a missed offer made them not ready', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('agent:status', ready);
    expect(store.getState().status).toEqual(ready);
    emit('agent:status', { ...ready, state: 'NOT_READY', requested: 'NOT_READY', reason: 'offer-missed' });
    expect(store.getState().notice?.key).toBe('notice.offerMissed');
  });

  it('shows the asked-for state while the request runs, then the server answer', async () => {
    const { transport, request } = fakeTransport({ 'agent:setState': () => ({ status: ready }) });
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    const pending = store.getState().setAgentState('READY');
    expect(store.getState().requestedState).toBe('READY');
    await pending;
    expect(request).toHaveBeenCalledWith('agent:setState', { state: 'READY' });
    expect(store.getState()).toMatchObject({ requestedState: null, status: ready });
  });

  it('closing a chat forgets it in the client and selects another', () => {
    const { transport } = fakeTransport();
    const client = fakeClient();
    const { store } = createGadgetStore({ transport, client });
    store.getState().selectChat('chat-1');
    store.getState().closeChat('chat-1');
    expect(client.forget).toHaveBeenCalledWith('chat-1');
    expect(store.getState().selectedChatId).toBeNull();
  });

  it('stops listening on dispose', () => {
    const { transport, listeners } = fakeTransport();
    const { dispose } = createGadgetStore({ transport, client: fakeClient() });
    expect(listeners()).toBe(3);
    dispose();
    expect(listeners()).toBe(0);
  });
});
