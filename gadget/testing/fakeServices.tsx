/**
 * A whole gadget instance for component tests: the real store over a fake agent transport (the test
 * plays the server's events) and a fake chat client whose chats the test sets. Two calls give two
 * independent instances, as two copies of the gadget in one desktop.
 */
import { act } from '@testing-library/react';
import {
  type ChatClientState,
  type ChatSummary,
  type ChatView,
  type LocalMessage,
  NO_RECEIPTS,
} from '../../sdk/index.ts';
import type { ChatClientPort } from '../chat/ports.ts';
import type { GadgetServices } from '../stores/gadgetContext.tsx';
import { createGadgetStore } from '../stores/gadgetStore.ts';
import { fakeTransport } from '../stores/storeFakes.ts';
import { vi } from 'vitest';

export function chatSummary(id: string, name: string, createdAt: number): ChatSummary {
  return {
    id,
    status: 'active',
    queue: 'billing',
    customer: { id: `c-${id}`, name },
    agent: { id: 'a-1', name: 'Grace' },
    preChat: { name },
    createdAt,
    acceptedAt: createdAt + 1000,
    endedAt: null,
    endedBy: null,
    lastSeq: 0,
    queuePosition: null,
  };
}

export function customerMessage(chat: ChatSummary, seq: number, text: string, sentAt: number): LocalMessage {
  return {
    chatId: chat.id,
    seq,
    clientId: `m-${chat.id}-${seq}`,
    from: { role: 'customer', id: chat.customer.id, name: chat.customer.name },
    kind: 'text',
    text,
    sentAt,
    delivery: 'sent',
  };
}

export function chatView(chat: ChatSummary, messages: LocalMessage[] = []): ChatView {
  const lastSeq = messages.reduce((max, m) => Math.max(max, m.seq ?? 0), 0);
  return { chat: { ...chat, lastSeq }, messages, lastSeq, typing: [], receipts: NO_RECEIPTS };
}

export function fakeGadget(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const server = fakeTransport(answers);
  let state: ChatClientState = { status: 'online', transport: 'websocket', chats: {}, lastError: null };
  const listeners = new Set<() => void>();
  const client = {
    getState: () => state,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    track: vi.fn(),
    send: vi.fn(),
    retry: vi.fn(),
    setTyping: vi.fn(),
    end: vi.fn(async () => {}),
    forget: vi.fn(),
    sendFile: vi.fn(async () => ({})),
    fileUrl: vi.fn(async () => ({ url: 'https://chat.test/f', expiresAt: Date.now() + 60_000 })),
    markRead: vi.fn(),
  } as unknown as ChatClientPort;
  const { store, dispose } = createGadgetStore({ transport: server.transport, client, storage: null });
  const services: GadgetServices = { store, client, agent: { id: 'a-1', name: 'Grace Hopper' } };

  return {
    services,
    store,
    client,
    request: server.request,
    dispose,
    /** Plays a server event inside act(), so React renders what it changed. */
    emit: (event: string, payload: unknown) => act(() => server.emit(event, payload)),
    setChats: (views: ChatView[]) =>
      act(() => {
        state = { ...state, chats: Object.fromEntries(views.map((view) => [view.chat.id, view])) };
        for (const listener of listeners) listener();
      }),
  };
}
