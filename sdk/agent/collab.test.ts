import { describe, expect, it } from 'vitest';
import type { ChatSummary, Whisper, WrapUp } from '../core/protocol.ts';
import { createFakeAgentChats, createFakeAgentServer } from '../testing/fakeAgentServer.ts';
import { createAgentStore } from './agentStore.ts';

const whisper = (id: string, sentAt: number): Whisper => ({
  chatId: 'c1',
  id,
  clientId: id,
  from: { id: 'a2', name: 'Bob' },
  text: `note ${id}`,
  sentAt,
});

const wrapUp: WrapUp = {
  chatId: 'c1',
  customerName: 'Ada',
  state: 'running',
  startedAt: 0,
  dueAt: 60_000,
  reasons: [],
  notes: '',
  completedAt: null,
  timedOut: false,
};

describe('agent store: transfer, consult, whisper, wrap-up', () => {
  it('keeps whispers once each, in time order, from events and from its own sends', async () => {
    const { transport, emit } = createFakeAgentServer({
      'whisper:send': () => ({ whisper: whisper('w3', 3) }),
    });
    const store = createAgentStore({ transport, chats: createFakeAgentChats(), agentId: 'a1' });
    emit('chat:whisper', whisper('w2', 2));
    emit('chat:whisper', whisper('w1', 1));
    emit('chat:whisper', whisper('w2', 2));
    expect(store.getState().whispers['c1']?.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(await store.sendWhisper('c1', 'hello')).toBe(true);
    expect(store.getState().whispers['c1']?.map((w) => w.id)).toEqual(['w1', 'w2', 'w3']);
  });

  it('follows wrap-ups: open ones are kept, a timed-out one goes with a notice', () => {
    const { transport, emit } = createFakeAgentServer();
    const store = createAgentStore({ transport, chats: createFakeAgentChats() });
    emit('wrapup:update', wrapUp);
    expect(store.getState().wrapUps['c1']?.state).toBe('running');
    emit('wrapup:update', { ...wrapUp, state: 'done', timedOut: true });
    expect(store.getState().wrapUps).toEqual({});
    expect(store.getState().notice).toMatchObject({ key: 'wrapUpTimedOut', values: { name: 'Ada' } });
  });

  it('answers an invite by name with invite:accept, and a queue offer with offer:accept', async () => {
    const chat = { id: 'c1', lastSeq: 0 } as ChatSummary;
    const { transport, emit, requests } = createFakeAgentServer({
      'invite:accept': () => ({ chat, messages: [] }),
    });
    const store = createAgentStore({ transport, chats: createFakeAgentChats() });
    emit('offer:new', {
      chatId: 'c1',
      customer: { id: 'cu', name: 'Ada' },
      queue: 'q',
      preChat: {},
      offeredAt: 0,
      expiresAt: 1,
      invite: { kind: 'consult', via: 'agent', from: { id: 'a1', name: 'Al' }, note: '' },
    });
    expect(await store.acceptOffer('c1')).toBe(true);
    const events = requests.map(({ event }) => event);
    expect(events).toContain('invite:accept');
    expect(events).not.toContain('offer:accept');
  });

  it('says calmly where a supervisor moved a chat: to an agent by name, or to a queue', () => {
    const { transport, emit } = createFakeAgentServer();
    const store = createAgentStore({ transport, chats: createFakeAgentChats(), agentId: 'a1' });
    const moved = { chatId: 'c1', customerName: 'Ada Lovelace', by: 'Sam Rivera' };
    emit('chat:movedBySupervisor', { ...moved, to: { agent: { id: 'a2', name: 'Sam Agent' } } });
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'movedToAgent',
      values: { name: 'Ada Lovelace', target: 'Sam Agent' },
    });
    emit('chat:movedBySupervisor', { ...moved, to: { queue: 'Billing' } });
    expect(store.getState().notice).toEqual({
      tone: 'info',
      key: 'movedToQueue',
      values: { name: 'Ada Lovelace', target: 'Billing' },
    });
  });
});
