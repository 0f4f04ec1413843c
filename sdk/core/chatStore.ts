/**
 * The chat client's state: one immutable `ChatClientState` snapshot after another, and the
 * messages held back past a gap (not part of the snapshot: nobody renders them yet). Only
 * real changes publish a snapshot, so React re-renders exactly when something changed.
 */
import type { ChatClientState, ChatView } from './chatTypes.ts';
import { createChatView, receiveMessages, setSummary, type ReceiveResult } from './chatView.ts';
import type { ChatMessage, ChatSummary } from './protocol.ts';

export type StateListener = (state: ChatClientState, prev: ChatClientState) => void;

export interface ChatStore {
  getState(): ChatClientState;
  subscribe(listener: StateListener): () => void;
  /** Publishes a snapshot with `patch` applied, if any field changes. */
  set(patch: Partial<ChatClientState>): void;
  updateView(chatId: string, update: (view: ChatView) => ChatView): void;
  /** Takes a summary from the server unless it is older than the one held; says what happened. */
  upsert(chat: ChatSummary): 'new' | 'changed' | 'unchanged';
  /** Applies server messages to a tracked chat (null when the chat is not tracked). */
  receive(chatId: string, messages: readonly ChatMessage[]): ReceiveResult | null;
  remove(chatId: string): void;
}

const NO_HELD: ReadonlyMap<number, ChatMessage> = new Map();

export function createChatStore(onError: (error: unknown) => void): ChatStore {
  let state: ChatClientState = { status: 'idle', transport: null, chats: {}, lastError: null };
  const listeners = new Set<StateListener>();
  const held = new Map<string, ReadonlyMap<number, ChatMessage>>();

  function commit(next: ChatClientState): void {
    const prev = state;
    state = next;
    for (const listener of [...listeners]) {
      try {
        listener(state, prev);
      } catch (error) {
        onError(error);
      }
    }
  }

  function putView(view: ChatView): void {
    commit({ ...state, chats: { ...state.chats, [view.chat.id]: view } });
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(patch) {
      const keys = Object.keys(patch) as Array<keyof ChatClientState>;
      if (keys.some((key) => state[key] !== patch[key])) commit({ ...state, ...patch });
    },
    updateView(chatId, update) {
      const view = state.chats[chatId];
      if (!view) return;
      const next = update(view);
      if (next !== view) putView(next);
    },
    upsert(chat) {
      const view = state.chats[chat.id];
      if (!view) {
        putView(createChatView(chat));
        return 'new';
      }
      // Summaries only move forward: `lastSeq` never shrinks and an ended chat never reopens,
      // so an older answer that arrives late (a sync overtaken by chat:update) is dropped.
      const stale =
        chat.lastSeq < view.chat.lastSeq || (view.chat.status === 'ended' && chat.status !== 'ended');
      // Summaries are small plain JSON from one server: comparing serialisations is enough.
      if (stale || JSON.stringify(chat) === JSON.stringify(view.chat)) return 'unchanged';
      putView(setSummary(view, chat));
      return 'changed';
    },
    receive(chatId, messages) {
      const view = state.chats[chatId];
      if (!view) return null;
      const result = receiveMessages(view, held.get(chatId) ?? NO_HELD, messages);
      held.set(chatId, result.held);
      if (result.view !== view) putView(result.view);
      return result;
    },
    remove(chatId) {
      held.delete(chatId);
      if (!state.chats[chatId]) return;
      const { [chatId]: _removed, ...chats } = state.chats;
      commit({ ...state, chats });
    },
  };
}
