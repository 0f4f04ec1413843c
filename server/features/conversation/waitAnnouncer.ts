/**
 * Keeps the expected wait live: the queue position is announced as it changes (router), but the
 * estimate also moves when agents come and go or history shifts. Every `intervalMs` each waiting
 * chat's estimate is computed again and, if its rounded range differs from the one the customer
 * was last sent, its summary is sent. Other paths send summaries too (the router when the position
 * or the agents change): `sent` hears of those, so that an estimate gone and back between two ticks
 * is still announced.
 */
import type { WaitEstimate } from '../../../sdk/core/protocol.ts';

export interface WaitAnnouncerOptions {
  waitingChatIds(): Promise<string[]> | string[];
  estimate(chatId: string): Promise<WaitEstimate | null | undefined>;
  broadcast(chatId: string): void;
  intervalMs: number;
}

export function createWaitAnnouncer(options: WaitAnnouncerOptions) {
  const last = new Map<string, string>();
  let timer: ReturnType<typeof setInterval> | null = null;

  async function tick(): Promise<void> {
    const ids = await options.waitingChatIds();
    const seen = new Set(ids);
    for (const id of last.keys()) if (!seen.has(id)) last.delete(id);
    for (const id of ids) {
      const key = JSON.stringify((await options.estimate(id)) ?? null);
      const before = last.get(id);
      last.set(id, key);
      // A first look sends it too: what the chat's last summary said is not known here, and
      // the client drops a summary that changes nothing.
      if (before !== key) options.broadcast(id);
    }
  }

  return {
    tick,
    /** A summary of `chatId` with this estimate went out by another path. */
    sent(chatId: string, estimate: WaitEstimate | null | undefined): void {
      if (last.has(chatId)) last.set(chatId, JSON.stringify(estimate ?? null));
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void tick().catch(() => undefined), options.intervalMs);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
