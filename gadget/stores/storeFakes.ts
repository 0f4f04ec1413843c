/** Fakes and fixtures for the gadget store's tests: an agent transport the test plays, a chat client. */
import { vi } from 'vitest';
import type { ChatClientState, ChatSummary } from '../../sdk/index.ts';
import {
  createFakeAgentServer,
  sampleChat,
  sampleOffer,
  sampleReadyStatus,
} from '../../sdk/testing/index.ts';
import type { AgentTransportPort, ChatClientPort } from '../chat/ports.ts';

/** A fake of the agent transport (the SDK's, `createFakeAgentServer`) whose requests are a spy. */
export function fakeTransport(answers: Record<string, (payload: unknown) => unknown> = {}) {
  const server = createFakeAgentServer(answers);
  const request = vi.fn(server.transport.request);
  const transport = { ...server.transport, request } as unknown as AgentTransportPort;
  const emit = (event: string, payload: unknown): void => server.emit(event as never, payload as never);
  return { transport, request, emit, listeners: server.listenerCount };
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

export { sampleOffer as offer, sampleChat as summary, sampleReadyStatus as ready };
