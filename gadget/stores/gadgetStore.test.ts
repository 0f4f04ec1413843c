import { describe, expect, it } from 'vitest';
import { createGadgetStore } from './gadgetStore.ts';
import { fakeClient, fakeTransport, offer, ready, summary } from './storeFakes.ts';

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
      key: 'acceptFailed',
      values: { name: 'Ada' },
    });
  });

  it('explains a revoked offer: expired or the customer left', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('offer:new', offer);
    emit('offer:revoked', { chatId: 'chat-1', reason: 'timeout' });
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice?.key).toBe('offerExpired');
    emit('offer:new', offer);
    emit('offer:revoked', { chatId: 'chat-1', reason: 'customer-left' });
    expect(store.getState().notice?.key).toBe('offerCustomerLeft');
  });

  it('follows agent:status and tells the agent when a missed offer made them not ready', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient() });
    emit('agent:status', ready);
    expect(store.getState().status).toEqual(ready);
    emit('agent:status', { ...ready, state: 'NOT_READY', requested: 'NOT_READY', reason: 'offer-missed' });
    expect(store.getState().notice?.key).toBe('offerMissed');
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
    // Its own four, and collaboration's six (sdk/agent/collab.ts).
    expect(listeners()).toBe(4 + 6);
    dispose();
    expect(listeners()).toBe(0);
  });
});
