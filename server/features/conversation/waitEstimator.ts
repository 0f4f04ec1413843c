/**
 * The expected wait of a queued chat, from who is working now and how the queue's recent chats
 * went (README "Widget conversation"):
 *
 *   response = the queue's average time from start to accept (recent chats), kept within 10 s … 2 min
 *   a free slot for this chat now  →  wait = response
 *   otherwise k chats must end first (those ahead, less the free slots), and with S slots in all
 *   one ends every handle / S on average  →  wait = response + k · handle / S
 *
 * Shown as a range of whole minutes around it (−30 %, +30 %), never negative; null while nobody
 * can take chats (no estimate beats a made-up one).
 */
import type { WaitEstimate } from '../../../sdk/core/protocol.ts';
import type { Staffing } from '../../core/routing/router.ts';
import type { QueueHistory } from '../../core/storage/storage.ts';

/** Without history: a typical answer time and a typical chat length. */
export const DEFAULT_ANSWER_S = 45;
export const DEFAULT_HANDLE_S = 6 * 60;
const MIN_RESPONSE_S = 10;
const MAX_RESPONSE_S = 120;

export interface WaitInput {
  /** 1-based place in the queue. */
  position: number;
  staffing: Staffing;
  history: QueueHistory;
}

/** The point estimate in seconds, or null while no agent can take chats. */
export function estimateSeconds({ position, staffing, history }: WaitInput): number | null {
  if (staffing.agents === 0 || staffing.slots === 0) return null;
  const answerS = history.answerMs === null ? DEFAULT_ANSWER_S : history.answerMs / 1000;
  const handleS = history.handleMs === null ? DEFAULT_HANDLE_S : Math.max(history.handleMs / 1000, 30);
  const response = Math.min(Math.max(answerS, MIN_RESPONSE_S), MAX_RESPONSE_S);
  const ahead = Math.max(0, position - 1);
  if (staffing.freeSlots > ahead) return response;
  const mustEnd = ahead - staffing.freeSlots + 1;
  return response + (mustEnd * handleS) / staffing.slots;
}

/** A range of whole minutes around `seconds`: at least one minute wide, never below zero. */
export function toRange(seconds: number): WaitEstimate {
  const low = Math.max(0, seconds * 0.7);
  const high = Math.max(seconds * 1.3, 1);
  const minS = Math.floor(low / 60) * 60;
  const maxS = Math.max(minS + 60, Math.ceil(high / 60) * 60);
  return { minS, maxS };
}

export interface WaitEstimatorOptions {
  history(queue: string): QueueHistory | Promise<QueueHistory>;
  now?: () => number;
  /** History is read again after this long (default 15 s): many waiting chats, one query. */
  cacheMs?: number;
}

export function createWaitEstimator(options: WaitEstimatorOptions) {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 15_000;
  const cache = new Map<string, { at: number; history: Promise<QueueHistory> }>();

  function history(queue: string): Promise<QueueHistory> {
    const cached = cache.get(queue);
    if (cached && now() - cached.at < cacheMs) return cached.history;
    const fresh = Promise.resolve(options.history(queue));
    cache.set(queue, { at: now(), history: fresh });
    // A failed read is not kept: the next estimate asks again.
    fresh.catch(() => cache.delete(queue));
    return fresh;
  }

  return {
    /** The range for the chat at `position` of `queue` with this staffing; null when not waiting or unknown. */
    async estimate(queue: string, position: number | null, staffing: Staffing): Promise<WaitEstimate | null> {
      if (position === null) return null;
      const seconds = estimateSeconds({ position, staffing, history: await history(queue) });
      return seconds === null ? null : toRange(seconds);
    },
  };
}

export type WaitEstimator = ReturnType<typeof createWaitEstimator>;
