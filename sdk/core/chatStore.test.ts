import { describe, expect, it, vi } from 'vitest';
import { createChatStore } from './chatStore.ts';
import type { LocalMessage } from './chatTypes.ts';
import { appendPending } from './chatView.ts';
import type { ChatMessage, ChatSummary, ParticipantRef } from './protocol.ts';

const customer: ParticipantRef = { role: 'customer', id: 'c1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'a1', name: 'Bob' };

const summary = (patch: Partial<ChatSummary> = {}): ChatSummary => ({
  id: 'chat-1',
  status: 'active',
  queue: 'default',
  customer: { id: 'c1', name: 'Ada' },
  agent: { id: 'a1', name: 'Bob' },
  preChat: {},
  createdAt: 1,
  acceptedAt: 2,
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  queuePosition: null,
  ...patch,
});
const message = (seq: number, from = agent, clientId = `m${seq}`): ChatMessage => ({
  chatId: 'chat-1',
  seq,
  clientId,
  from,
  kind: 'text',
  text: `text ${seq}`,
  sentAt: seq,
});
const pending = (clientId: string): LocalMessage => ({
  ...message(0, customer, clientId),
  seq: null,
  delivery: 'pending',
});

describe('createChatStore', () => {
  it('keeps the newer summary when an older one arrives late', () => {
    const store = createChatStore(() => {});
    store.upsert(summary({ lastSeq: 5 }));

    expect(store.upsert(summary({ lastSeq: 4, queuePosition: 3 }))).toBe('unchanged');
    expect(store.upsert(summary({ lastSeq: 6 }))).toBe('changed');
    expect(store.upsert(summary({ lastSeq: 6, status: 'ended', endedAt: 9 }))).toBe('changed');
    expect(store.upsert(summary({ lastSeq: 6, status: 'active' }))).toBe('unchanged'); // never reopens

    expect(store.getState().chats['chat-1']?.chat).toMatchObject({ lastSeq: 6, status: 'ended' });
  });

  it('publishes nothing for an equal summary or a message it already holds', () => {
    const store = createChatStore(() => {});
    store.upsert(summary());
    store.receive('chat-1', [message(1)]);
    const listener = vi.fn();
    store.subscribe(listener);

    store.upsert(summary({ lastSeq: 0 }));
    store.receive('chat-1', [message(1)]);
    store.set({ status: 'idle' });

    expect(listener).not.toHaveBeenCalled();
  });

  it('shows our own acked message past a gap at once, and flags the gap', () => {
    const store = createChatStore(() => {});
    store.upsert(summary());
    store.receive('chat-1', [message(1)]);
    store.updateView('chat-1', (view) => appendPending(view, pending('mine')));

    const result = store.receive('chat-1', [message(3, customer, 'mine')]);

    expect(result?.gap).toBe(true);
    const view = store.getState().chats['chat-1'];
    expect(view?.messages.map((m) => [m.seq, m.delivery])).toEqual([
      [1, 'sent'],
      [3, 'sent'],
    ]);
    expect(view?.lastSeq).toBe(1);

    store.receive('chat-1', [message(2)]);
    expect(store.getState().chats['chat-1']?.lastSeq).toBe(3);
  });

  it('lists acked messages by seq, then pending ones in the order written', () => {
    const store = createChatStore(() => {});
    store.upsert(summary());
    store.updateView('chat-1', (view) => appendPending(appendPending(view, pending('p1')), pending('p2')));

    store.receive('chat-1', [message(2), message(1)]);

    expect(store.getState().chats['chat-1']?.messages.map((m) => m.seq ?? m.clientId)).toEqual([
      1,
      2,
      'p1',
      'p2',
    ]);
  });

  it('reports a throwing subscriber and keeps notifying the others', () => {
    const errors: unknown[] = [];
    const store = createChatStore((error) => errors.push(error));
    const other = vi.fn();
    store.subscribe(() => {
      throw new Error('render failed');
    });
    store.subscribe(other);

    store.upsert(summary());

    expect(errors).toHaveLength(1);
    expect(other).toHaveBeenCalledOnce();
  });
});
