/**
 * The waiting lines, one per queue: queued and offered chats in queue order (the place a chat keeps
 * until an agent takes it), with each customer's position in their own queue. Positions are computed
 * per queue once after a change and read many times, so announcing them costs one pass per change.
 */
import type { StoredChat } from '../storage/storage.ts';

export interface WaitingEntry {
  chat: StoredChat;
  queue: string;
  /** Sort key (see storage `WaitingChat`); ties keep arrival order through `order`. */
  queuedAt: number;
  order: number;
  waitingSince: number;
  /** Put back at the head (a transfer): it may have waited less than those behind it. */
  boosted: boolean;
  offeredTo: string | null;
  /** Agents who declined or missed it: not offered it again until they go READY. */
  passedBy: Set<string>;
  stageIndex: number;
  /** The next overflow step or the maximum wait. */
  timer: ReturnType<typeof setTimeout> | null;
}

const before = (a: WaitingEntry, b: WaitingEntry) => a.queuedAt - b.queuedAt || a.order - b.order;

export function createQueueLines() {
  const lines = new Map<string, WaitingEntry[]>();
  const entries = new Map<string, WaitingEntry>();
  const positions = new Map<string, Map<string, number>>();
  let order = 0;

  function lineOf(queue: string): WaitingEntry[] {
    let line = lines.get(queue);
    if (!line) {
      line = [];
      lines.set(queue, line);
    }
    return line;
  }

  /** Index of the first entry that sorts after `entry` (binary search). */
  function insertionPoint(line: WaitingEntry[], entry: WaitingEntry): number {
    let low = 0;
    let high = line.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(line[middle] as WaitingEntry, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  return {
    nextOrder: () => ++order,

    add(entry: WaitingEntry): void {
      const line = lineOf(entry.queue);
      const last = line[line.length - 1];
      if (!last || before(last, entry) <= 0) line.push(entry);
      else line.splice(insertionPoint(line, entry), 0, entry);
      entries.set(entry.chat.id, entry);
      positions.delete(entry.queue);
    },

    remove(chatId: string): WaitingEntry | null {
      const entry = entries.get(chatId);
      if (!entry) return null;
      entries.delete(chatId);
      const line = lineOf(entry.queue);
      const index = insertionPoint(line, entry) - 1;
      if (line[index] === entry) line.splice(index, 1);
      else line.splice(line.indexOf(entry), 1);
      if (line.length === 0) lines.delete(entry.queue);
      positions.delete(entry.queue);
      return entry;
    },

    get: (chatId: string): WaitingEntry | undefined => entries.get(chatId),
    line: (queue: string): readonly WaitingEntry[] => lines.get(queue) ?? [],
    queues: (): IterableIterator<string> => lines.keys(),
    all: (): IterableIterator<WaitingEntry> => entries.values(),
    get size(): number {
      return entries.size;
    },

    /** 1-based place in its own queue, or null when not waiting. */
    position(chatId: string): number | null {
      const entry = entries.get(chatId);
      if (!entry) return null;
      let map = positions.get(entry.queue);
      if (!map) {
        map = new Map();
        lineOf(entry.queue).forEach((waiting, index) => map?.set(waiting.chat.id, index + 1));
        positions.set(entry.queue, map);
      }
      return map.get(chatId) ?? null;
    },

    /** The head of the line: lower than every entry in it (for a chat put back at the head). */
    headKey(queue: string, fallback: number): number {
      const head = lines.get(queue)?.[0];
      return head ? Math.min(head.queuedAt - 1, fallback) : fallback;
    },
  };
}

export type QueueLines = ReturnType<typeof createQueueLines>;
