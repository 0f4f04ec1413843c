/**
 * Two copies of the gadget (or another desktop) for one agent (docs/requirements.md, container rules): the server sends one agent's
 * events to every socket of the agent, so both copies see each offer; one store each.
 */
import { describe, expect, it } from 'vitest';
import { HybridChatError } from '../core/errors.ts';
import type { ChatSummary } from '../core/protocol.ts';
import { createFakeAgentChats, createFakeAgentServer } from '../testing/fakeAgentServer.ts';
import { createAgentStore } from './agentStore.ts';
import { sampleOffer as offer, sampleChat as summary } from '../testing/agentFixtures.ts';

const mine: ChatSummary = { ...summary, agent: { id: '1001', name: 'Ada Agent' } };

describe('agent store: an offer answered in another copy of the desktop', () => {
  it('drops the offer when the chat arrives as this agent’s, without a notice', () => {
    const { transport, emit } = createFakeAgentServer();
    const store = createAgentStore({ transport, chats: createFakeAgentChats(), agentId: '1001' });
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
    const { transport, emit } = createFakeAgentServer();
    const store = createAgentStore({ transport, chats: createFakeAgentChats(), agentId: '1001' });
    emit('offer:new', offer);
    emit('chat:update', { ...summary, collaborators: [{ id: '1001', name: 'Ada Agent' }] });
    expect(store.getState().offers).toEqual([]);
  });

  it('takes a lost accept race quietly when the other copy got the chat', async () => {
    const chats = createFakeAgentChats();
    const { transport, emit } = createFakeAgentServer({
      'offer:accept': () => {
        // The winner's chat:update reaches this socket before the answer to our own accept.
        chats.put(mine);
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      },
    });
    const store = createAgentStore({ transport, chats, agentId: '1001' });
    emit('offer:new', offer);
    expect(await store.acceptOffer('chat-1')).toBe(false);
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('still says so when an accept fails and the chat is not this agent’s', async () => {
    const { transport, emit } = createFakeAgentServer({
      'offer:accept': () => {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      },
    });
    const store = createAgentStore({ transport, chats: createFakeAgentChats(), agentId: '1001' });
    emit('offer:new', offer);
    expect(await store.acceptOffer('chat-1')).toBe(false);
    expect(store.getState().notice).toEqual({
      tone: 'error',
      key: 'acceptFailed',
      values: { name: 'Ada' },
    });
  });
});
