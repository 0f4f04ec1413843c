/**
 * A fake of the agent's socket for tests of agent desktops and bots built on `createAgentStore`:
 * it answers requests from a table the test gives (an unknown request fails as the server's
 * INTERNAL would), records them, and lets the test play the server's events. A fake chat client
 * records the chats handed to it.
 */
import type { ChatClientState } from '../core/chatTypes.ts';
import { HybridChatError } from '../core/errors.ts';
import { NO_RECEIPTS } from '../core/receipts.ts';
import type { AgentChatsPort, AgentTransportPort } from '../agent/agentTypes.ts';
import type { AgentServerToClientEvents, ChatMessage, ChatSummary } from '../core/protocol.ts';
import type { TransportEvents } from '../core/chatTransport.ts';

type Handler = (payload: never) => void;
type AgentEventName = keyof TransportEvents<AgentServerToClientEvents>;

export interface FakeAgentServer {
  transport: AgentTransportPort;
  /** Every request, in order. */
  requests: Array<{ event: string; payload: unknown }>;
  /** Plays a server event (or `connect`) to the listeners. */
  emit<K extends AgentEventName>(event: K, payload: TransportEvents<AgentServerToClientEvents>[K]): void;
  /** Listeners attached now: 0 once everything was disposed. */
  listenerCount(): number;
}

/** `answers`: per request, its answer (a throw is the server's refusal). */
export function createFakeAgentServer(
  answers: Record<string, (payload: unknown) => unknown> = {},
): FakeAgentServer {
  const handlers = new Map<string, Set<Handler>>();
  const requests: FakeAgentServer['requests'] = [];
  const transport = {
    async request(event: string, payload: unknown) {
      requests.push({ event, payload });
      const answer = answers[event];
      if (!answer) throw new HybridChatError('INTERNAL', `no answer for ${event}`);
      return answer(payload);
    },
    on(event: string, handler: Handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler);
      return () => void set.delete(handler);
    },
  } as unknown as AgentTransportPort;
  return {
    transport,
    requests,
    emit(event, payload) {
      for (const handler of handlers.get(event) ?? []) (handler as (p: unknown) => void)(payload);
    },
    listenerCount: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

export interface FakeAgentChats extends AgentChatsPort {
  /** Chats handed over by accepts, with their history. */
  tracked: Array<{ chat: ChatSummary; messages: ChatMessage[] }>;
  forgotten: string[];
  /** Puts a chat in the client's state, as a sync from the server would. */
  put(chat: ChatSummary): void;
}

export function createFakeAgentChats(): FakeAgentChats {
  let state: ChatClientState = { status: 'online', transport: 'websocket', chats: {}, lastError: null };
  const listeners = new Set<(now: ChatClientState, before: ChatClientState) => void>();
  let previous = state;
  const changed = (): void => {
    const before = previous;
    previous = state;
    for (const listener of [...listeners]) listener(state, before);
  };
  const tracked: FakeAgentChats['tracked'] = [];
  const forgotten: string[] = [];
  const put = (chat: ChatSummary): void => {
    state = {
      ...state,
      chats: {
        ...state.chats,
        [chat.id]: { chat, messages: [], lastSeq: chat.lastSeq, typing: [], receipts: NO_RECEIPTS },
      },
    };
    changed();
  };
  return {
    tracked,
    forgotten,
    put,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    track(chat, messages = []) {
      tracked.push({ chat, messages });
      put(chat);
    },
    forget(chatId) {
      forgotten.push(chatId);
      const { [chatId]: _gone, ...chats } = state.chats;
      state = { ...state, chats };
      changed();
    },
  };
}
