/**
 * Wrap-up after a chat (issue 6): when its owner ends a chat, a wrap-up with a timer starts
 * (`WRAP_UP_SECONDS`, default 60); a chat the customer left waits for the agent to close it before
 * the timer starts. Until the agent submits reason codes (`WRAP_UP_REASONS`; one or more required
 * when configured) and notes, or the timer runs out, the chat keeps the agent's slot: the router
 * offers nothing into it. What was chosen is stored with the chat.
 */
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { WrapUp, WrapUpList, WrapUpSubmit } from '../../sdk/core/protocol.ts';
import type { Principal } from '../chatService.ts';
import type { Router } from '../routing/router.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import type { AgentEmit } from './collaboration.ts';
import type { CollabStore } from './collabStore.ts';

export interface WrapUpOptions {
  store: ChatStore;
  collab: CollabStore;
  router: () => Router;
  emit: AgentEmit;
  /** 0: no wrap-up, a chat's slot frees as soon as it ends. */
  seconds: number;
  reasons: string[];
  now?: () => number;
}

export function createWrapUps(options: WrapUpOptions) {
  const { collab, emit } = options;
  const now = options.now ?? Date.now;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const durationMs = options.seconds * 1000;

  function schedule(chatId: string, agentId: string, dueAt: number): void {
    clearTimeout(timers.get(chatId));
    timers.set(
      chatId,
      setTimeout(() => finish(chatId, agentId, [], '', true), Math.max(0, dueAt - now())),
    );
  }

  function publish(chatId: string, agentId: string): WrapUp {
    const wrapUp = collab.wrapUp(chatId);
    if (!wrapUp) throw new HybridChatError('NOT_FOUND', 'no such wrap-up');
    const { agentId: _owner, ...visible } = wrapUp;
    emit([agentId], 'wrapup:update', visible);
    return visible;
  }

  function finish(chatId: string, agentId: string, reasons: string[], notes: string, timedOut: boolean) {
    clearTimeout(timers.get(chatId));
    timers.delete(chatId);
    collab.finishWrapUp(chatId, reasons, notes, timedOut);
    options.router().releaseWrapUp(agentId, chatId);
    return publish(chatId, agentId);
  }

  /** The agent's own open wrap-up of this chat; NOT_FOUND for anyone else's. */
  function own(who: Principal, chatId: string) {
    const wrapUp = collab.wrapUp(chatId);
    if (!wrapUp || wrapUp.agentId !== who.id) throw new HybridChatError('NOT_FOUND', 'no such wrap-up');
    return wrapUp;
  }

  // After a restart: open wrap-ups keep their slots, running ones their deadline.
  for (const wrapUp of collab.openWrapUps()) {
    options.router().holdWrapUp(wrapUp.agentId, wrapUp.chatId);
    if (wrapUp.state === 'running' && wrapUp.dueAt !== null) {
      schedule(wrapUp.chatId, wrapUp.agentId, wrapUp.dueAt);
    }
  }

  return {
    enabled: durationMs > 0,

    /** The router's hook when a chat ends: whether its agent's slot stays taken for wrap-up. */
    holdAfterEnd(chat: StoredChat): boolean {
      if (durationMs <= 0 || !chat.agent) return false;
      const ended = options.store.getChat(chat.id) ?? chat;
      const customerLeft = ended.endedBy === 'customer';
      collab.createWrapUp(chat.id, chat.agent.id, chat.customer.name, customerLeft ? null : durationMs);
      const created = collab.wrapUp(chat.id);
      if (created?.state === 'running' && created.dueAt !== null) {
        schedule(chat.id, chat.agent.id, created.dueAt);
      }
      publish(chat.id, chat.agent.id);
      return true;
    },

    list(who: Principal): WrapUpList {
      return { wrapUps: collab.agentWrapUps(who.id), reasons: options.reasons, seconds: options.seconds };
    },

    /** The agent closed a chat the customer left: its timer starts now. */
    start(who: Principal, chatId: string): WrapUp {
      const wrapUp = own(who, chatId);
      if (wrapUp.state === 'waiting') {
        collab.startWrapUp(chatId, durationMs);
        const started = collab.wrapUp(chatId);
        if (started?.dueAt != null) schedule(chatId, who.id, started.dueAt);
      }
      return publish(chatId, who.id);
    },

    submit(who: Principal, payload: WrapUpSubmit): WrapUp {
      const wrapUp = own(who, payload.chatId);
      if (wrapUp.state === 'done') throw new HybridChatError('CONFLICT', 'this wrap-up is already done');
      const reasons = [...new Set(payload.reasons)];
      const unknown = reasons.filter((reason) => !options.reasons.includes(reason));
      if (unknown.length > 0)
        throw new HybridChatError('BAD_REQUEST', `unknown reason: ${unknown.join(', ')}`);
      if (options.reasons.length > 0 && reasons.length === 0) {
        throw new HybridChatError('BAD_REQUEST', 'choose at least one reason');
      }
      return finish(payload.chatId, who.id, reasons, payload.notes, false);
    },

    close(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type WrapUps = ReturnType<typeof createWrapUps>;
