/** Fakes and fixtures for the gadget store's tests: an agent transport the test plays, a chat client. */
import { vi } from 'vitest';
import {
  type AgentStatus,
  type ChatClientState,
  type ChatOffer,
  type ChatSummary,
  HybridChatError,
} from '../../sdk/index.ts';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';

type Handler = (payload: never) => void;

/** A fake of the agent transport: records requests, lets the test play server events. */
export function fakeTransport(answers: Record<string, (payload: unknown) => unknown> = {}) {
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

export function fakeClient(): ChatClientPort & { tracked: ChatSummary[] } {
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

export const offer: ChatOffer = {
  chatId: 'chat-1',
  customer: { id: 'c-1', name: 'Ada' },
  queue: 'default',
  preChat: { name: 'Ada' },
  offeredAt: 1_000,
  expiresAt: 31_000,
};
export const summary: ChatSummary = {
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
export const ready: AgentStatus = {
  state: 'READY',
  requested: 'READY',
  reason: null,
  activeChats: 0,
  maxChats: 3,
};
