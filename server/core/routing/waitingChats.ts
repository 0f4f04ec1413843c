/**
 * The router's waiting chats: their lines (queueLines.ts), what each asks of an agent now (its
 * overflow stage, from routingConfig.ts), a timer for its next overflow step or its maximum wait, and
 * the agents who passed it by (declined or missed it), indexed by agent so that going READY again
 * forgets them in one step.
 */
import type { WaitingChat } from '../storage/storage.ts';
import type { ChatCandidate } from './decision.ts';
import type { PositionAnnouncer } from './positionAnnouncer.ts';
import type { QueueLines, WaitingEntry } from './queueLines.ts';
import { stageAt, type RoutingModel } from './routingConfig.ts';

export interface WaitingChatsOptions {
  lines: QueueLines;
  routing: RoutingModel;
  positions: PositionAnnouncer;
  /** The chat reached its next overflow step or its maximum wait. */
  onMoment(entry: WaitingEntry, stageChanged: boolean): void;
  now: () => number;
}

export function createWaitingChats(options: WaitingChatsOptions) {
  const { lines, routing, positions, now } = options;
  /** Agent → chats they passed by. */
  const passed = new Map<string, Set<string>>();

  function candidate(entry: WaitingEntry): ChatCandidate {
    const queue = routing.queue(entry.queue);
    return {
      id: entry.chat.id,
      priority: queue.priority,
      queuedAt: entry.queuedAt,
      stage: stageAt(queue, now() - entry.waitingSince),
      passedBy: entry.passedBy,
    };
  }

  /** One timer per waiting chat: its next overflow step or its maximum wait, whichever comes first. */
  function schedule(entry: WaitingEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const queue = routing.queue(entry.queue);
    const waited = now() - entry.waitingSince;
    const moments = [
      stageAt(queue, waited).nextAtMs,
      queue.maxWaitMs !== null && waited < queue.maxWaitMs ? queue.maxWaitMs : null,
    ].filter((moment): moment is number => moment !== null);
    if (moments.length === 0) return;
    entry.timer = setTimeout(
      () => {
        entry.timer = null;
        const index = stageAt(queue, now() - entry.waitingSince).index;
        const stageChanged = index !== entry.stageIndex;
        entry.stageIndex = index;
        options.onMoment(entry, stageChanged);
        if (lines.get(entry.chat.id) === entry) schedule(entry);
      },
      Math.max(0, Math.min(...moments) - waited),
    );
    entry.timer.unref?.();
  }

  function passedBy(entry: WaitingEntry, agentId: string): void {
    entry.passedBy.add(agentId);
    passed.set(agentId, (passed.get(agentId) ?? new Set()).add(entry.chat.id));
  }

  return {
    candidate,
    passedBy,

    /** The chat waits in its queue; `passedByIds` are not offered it (its last agents). */
    enqueue(waiting: WaitingChat, passedByIds: Iterable<string> = []): WaitingEntry {
      const entry: WaitingEntry = {
        chat: waiting.chat,
        queue: waiting.chat.queue,
        queuedAt: waiting.queuedAt,
        order: lines.nextOrder(),
        waitingSince: waiting.waitingSince,
        boosted: waiting.queuedAt < waiting.waitingSince,
        offeredTo: null,
        passedBy: new Set(),
        stageIndex: stageAt(routing.queue(waiting.chat.queue), now() - waiting.waitingSince).index,
        timer: null,
      };
      for (const id of passedByIds) passedBy(entry, id);
      lines.add(entry);
      schedule(entry);
      positions.changed(entry.queue);
      return entry;
    },

    /** The chat no longer waits (taken, ended, moved). */
    dequeue(chatId: string): WaitingEntry | null {
      const entry = lines.remove(chatId);
      if (!entry) return null;
      if (entry.timer) clearTimeout(entry.timer);
      for (const id of entry.passedBy) passed.get(id)?.delete(chatId);
      positions.forget(chatId);
      positions.changed(entry.queue);
      return entry;
    },

    /** The agent went READY again: chats they passed by may be offered to them again. */
    forgetPassed(agentId: string): void {
      for (const chatId of passed.get(agentId) ?? []) lines.get(chatId)?.passedBy.delete(agentId);
      passed.delete(agentId);
    },

    maxWaitReached(chatId: string): boolean {
      const entry = lines.get(chatId);
      const maxWaitMs = entry ? routing.queue(entry.queue).maxWaitMs : null;
      return entry !== undefined && maxWaitMs !== null && now() - entry.waitingSince >= maxWaitMs;
    },

    close(): void {
      for (const entry of lines.all()) if (entry.timer) clearTimeout(entry.timer);
    },
  };
}

export type WaitingChats = ReturnType<typeof createWaitingChats>;
