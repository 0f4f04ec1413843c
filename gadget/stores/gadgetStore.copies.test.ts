/**
 * Two copies of the gadget in one desktop (docs/requirements.md, container rules): the server sends one agent's
 * events to every socket of the agent, so both copies see each offer; one store each.
 */
import { describe, expect, it } from 'vitest';
import { HybridChatError, type ChatSummary } from '../../sdk/index.ts';
import { createGadgetStore } from './gadgetStore.ts';
import { fakeClient, fakeTransport, offer, summary } from './storeFakes.ts';

const mine: ChatSummary = { ...summary, agent: { id: '1001', name: 'Ada Agent' } };

describe('gadgetStore: an offer answered in another copy of the gadget', () => {
  it('drops the offer when the chat arrives as this agent’s, without a notice', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient(), agentId: '1001', storage: null });
    emit('offer:new', offer);
    emit('offer:new', { ...offer, chatId: 'chat-2' });
    // Still waiting in the queue, or taken by someone else: the offer stays.
    emit('chat:update', { ...mine, status: 'offered' });
    emit('chat:update', { ...summary, agent: { id: '1002', name: 'Bo' } });
    expect(store.getState().offers).toHaveLength(2);

    emit('chat:update', mine);
    expect(store.getState().offers.map((o) => o.offer.chatId)).toEqual(['chat-2']);
    expect(store.getState().notice).toBeNull();
  });

  it('drops a conference invite once this agent is among the collaborators', () => {
    const { transport, emit } = fakeTransport();
    const { store } = createGadgetStore({ transport, client: fakeClient(), agentId: '1001', storage: null });
    emit('offer:new', offer);
    emit('chat:update', { ...summary, collaborators: [{ id: '1001', name: 'Ada Agent' }] });
    expect(store.getState().offers).toEqual([]);
  });

  it('takes a lost accept race quietly when the other copy got the chat', async () => {
    const client = fakeClient();
    const { transport, emit } = fakeTransport({
      'offer:accept': () => {
        // The winner's chat:update reaches this socket before the answer to our own accept.
        (client.getState().chats as Record<string, unknown>)['chat-1'] = { chat: mine };
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      },
    });
    const { store } = createGadgetStore({ transport, client, agentId: '1001', storage: null });
    emit('offer:new', offer);
    expect(await store.getState().acceptOffer('chat-1')).toBe(false);
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('still says so when an accept fails and the chat is not this agent’s', async () => {
    const { transport, emit } = fakeTransport({
      'offer:accept': () => {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      },
    });
    const { store } = createGadgetStore({ transport, client: fakeClient(), agentId: '1001', storage: null });
    emit('offer:new', offer);
    expect(await store.getState().acceptOffer('chat-1')).toBe(false);
    expect(store.getState().notice).toEqual({
      tone: 'error',
      key: 'notice.acceptFailed',
      values: { name: 'Ada' },
    });
  });
});
