/**
 * Wrap-up after a chat: when its owner ends a chat, a wrap-up with a timer starts
 * (`WRAP_UP_SECONDS`, default 60); a chat the customer left waits for the agent to close it before
 * the timer starts. Until the agent submits reason codes (`WRAP_UP_REASONS`, with labels per
 * language when configured so; one or more required when configured) and notes, or the timer runs out, the chat keeps the agent's slot: the router
 * offers nothing into it. What was chosen is stored with the chat.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { LocalizedLabel } from '../../../sdk/core/labels.ts';
import type { WrapUp, WrapUpList, WrapUpSubmit } from '../../../sdk/core/protocol.ts';
import type { Principal } from '../../core/chatService.ts';
import type { Core } from '../../core/feature.ts';
import type { RestoreSlots } from '../../core/routing/router.ts';
import type { StoredChat, StoredWrapUp } from '../../core/storage/storage.ts';

export interface WrapUpOptions {
  core: Pick<Core, 'storage' | 'router' | 'notify' | 'log'>;
  /** 0: no wrap-up, a chat's slot frees as soon as it ends. */
  seconds: number;
  reasons: string[];
  /** Labels per reason code (one text or one per language) for the gadget to show. */
  reasonLabels?: Record<string, LocalizedLabel>;
  now?: () => number;
  /** How often running wrap-ups past their deadline are looked for (several nodes); 0 or absent: never. */
  sweepMs?: number;
}

/** A deadline's own timer has this long to fire before a sweep finishes the wrap-up instead. */
const SWEEP_GRACE_MS = 2000;

export async function createWrapUps(options: WrapUpOptions) {
  const { storage, router, notify } = options.core;
  const store = storage.collaboration;
  const now = options.now ?? Date.now;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const durationMs = options.seconds * 1000;

  function schedule(chatId: string, agentId: string, dueAt: number): void {
    clearTimeout(timers.get(chatId));
    const timer = setTimeout(
      () =>
        void finish(chatId, agentId, [], '', true).catch((error: unknown) =>
          options.core.log.warn({ err: error, chatId }, 'wrap-up timeout failed'),
        ),
      Math.max(0, dueAt - now()),
    );
    timers.set(chatId, timer);
  }

  async function publish(chatId: string, agentId: string): Promise<WrapUp> {
    const wrapUp = await store.wrapUp(chatId);
    if (!wrapUp) throw new HybridChatError('NOT_FOUND', 'no such wrap-up');
    const { agentId: _owner, ...visible } = wrapUp;
    notify([agentId], 'wrapup:update', visible);
    return visible;
  }

  async function finish(
    chatId: string,
    agentId: string,
    reasons: string[],
    notes: string,
    timedOut: boolean,
  ) {
    clearTimeout(timers.get(chatId));
    timers.delete(chatId);
    // Finished once: by the agent, by this node's timer, or by another node's sweep.
    if (await store.finishWrapUp(chatId, reasons, notes, timedOut))
      await router.releaseWrapUp(agentId, chatId);
    return publish(chatId, agentId);
  }

  /**
   * Deadlines whose timer ran on a node that is gone (several nodes): every node looks for running
   * wrap-ups past their deadline and finishes them; only the first finish counts.
   */
  async function sweep(): Promise<void> {
    const late = now() - SWEEP_GRACE_MS;
    for (const wrapUp of await store.openWrapUps()) {
      if (
        wrapUp.state === 'running' &&
        wrapUp.dueAt !== null &&
        wrapUp.dueAt < late &&
        !timers.has(wrapUp.chatId)
      ) {
        await finish(wrapUp.chatId, wrapUp.agentId, [], '', true);
      }
    }
  }
  const sweeper = options.sweepMs
    ? setInterval(
        () =>
          void sweep().catch((error: unknown) =>
            options.core.log.warn({ err: error }, 'wrap-up sweep failed'),
          ),
        options.sweepMs,
      )
    : null;
  sweeper?.unref?.();

  /** The agent's own open wrap-up of this chat; NOT_FOUND for anyone else's. */
  async function own(who: Principal, chatId: string): Promise<StoredWrapUp> {
    const wrapUp = await store.wrapUp(chatId);
    if (!wrapUp || wrapUp.agentId !== who.id) throw new HybridChatError('NOT_FOUND', 'no such wrap-up');
    return wrapUp;
  }

  /** Stores the wrap-up of a chat that just ended, starts its timer and tells the agent. */
  async function begin(chat: StoredChat, agentId: string): Promise<void> {
    const customerLeft = chat.endedBy === 'customer';
    await store.createWrapUp(chat.id, agentId, chat.customer.name, customerLeft ? null : durationMs);
    const created = await store.wrapUp(chat.id);
    if (created?.state === 'running' && created.dueAt !== null) schedule(chat.id, agentId, created.dueAt);
    await publish(chat.id, agentId);
  }

  return {
    /** For a new router (a restart, a new routing leader): open wrap-ups keep their slots, running ones their deadline. */
    async restore(slots: Pick<RestoreSlots, 'holdWrapUp'>): Promise<void> {
      for (const wrapUp of await store.openWrapUps()) {
        slots.holdWrapUp(wrapUp.agentId, wrapUp.chatId);
        if (wrapUp.state === 'running' && wrapUp.dueAt !== null)
          schedule(wrapUp.chatId, wrapUp.agentId, wrapUp.dueAt);
      }
    },

    /** The router's hook when a chat ends: whether its agent's slot stays taken for wrap-up. */
    holdAfterEnd(chat: StoredChat): boolean {
      const agentId = chat.agent?.id;
      if (durationMs <= 0 || !agentId) return false;
      void begin(chat, agentId).catch((error: unknown) =>
        options.core.log.warn({ err: error, chatId: chat.id }, 'wrap-up could not start'),
      );
      return true;
    },

    async list(who: Principal): Promise<WrapUpList> {
      return {
        wrapUps: await store.agentWrapUps(who.id),
        reasons: options.reasons,
        ...(options.reasonLabels && Object.keys(options.reasonLabels).length > 0
          ? { reasonLabels: options.reasonLabels }
          : {}),
        seconds: options.seconds,
      };
    },

    /** The agent closed a chat the customer left: its timer starts now. */
    async start(who: Principal, chatId: string): Promise<WrapUp> {
      const wrapUp = await own(who, chatId);
      if (wrapUp.state === 'waiting') {
        await store.startWrapUp(chatId, durationMs);
        const started = await store.wrapUp(chatId);
        if (started?.dueAt != null) schedule(chatId, who.id, started.dueAt);
      }
      return publish(chatId, who.id);
    },

    async submit(who: Principal, payload: WrapUpSubmit): Promise<WrapUp> {
      const wrapUp = await own(who, payload.chatId);
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
      if (sweeper) clearInterval(sweeper);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type WrapUps = Awaited<ReturnType<typeof createWrapUps>>;
