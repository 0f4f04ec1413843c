/**
 * Tells waiting customers their new place in line. One chat taken from the head moves everyone
 * behind it, so changes are gathered for a moment and announced in one pass per queue. Near the head
 * every step is told; further back a customer hears of it once their place has moved by a tenth, so a
 * long queue costs a handful of messages per customer rather than one per chat ahead of them.
 */
import type { QueueLines } from './queueLines.ts';

/** Places up to here are told at every step. */
const NEAR_HEAD = 20;

export interface PositionAnnouncerOptions {
  lines: QueueLines;
  announce(chatId: string): void;
  /** How long changes are gathered (default 25 ms). */
  delayMs?: number;
}

export function createPositionAnnouncer(options: PositionAnnouncerOptions) {
  const told = new Map<string, number>();
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function worthTelling(before: number | undefined, now: number): boolean {
    if (before === now) return false;
    if (before === undefined || now <= NEAR_HEAD) return true;
    return Math.abs(before - now) >= before / 10;
  }

  function flush(): void {
    timer = null;
    for (const queue of dirty) {
      options.lines.line(queue).forEach((entry, index) => {
        const position = index + 1;
        if (!worthTelling(told.get(entry.chat.id), position)) return;
        told.set(entry.chat.id, position);
        options.announce(entry.chat.id);
      });
    }
    dirty.clear();
  }

  return {
    /** The line of `queue` changed. */
    changed(queue: string): void {
      dirty.add(queue);
      timer ??= setTimeout(flush, options.delayMs ?? 25);
    },
    /** The chat left the line (taken or ended). */
    forget(chatId: string): void {
      told.delete(chatId);
    },
    flush,
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type PositionAnnouncer = ReturnType<typeof createPositionAnnouncer>;
