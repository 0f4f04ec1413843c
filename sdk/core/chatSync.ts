/**
 * Gap fill: `chat:sync` asks for everything after a chat's `lastSeq` (delivery
 * without loss: README.md, "The SDK"). Concurrent requests for one chat share one exchange; a server that pages its
 * answer is asked again until the chat's `lastSeq` is reached; a sync that fails for a passing
 * reason (timeout) is tried again with backoff while the connection lasts.
 */
import { HybridChatError } from './errors.ts';
import type { SyncResult } from './protocol.ts';

export interface ChatSyncOptions {
  request(chatId: string, afterSeq: number): Promise<SyncResult>;
  /** The chat's highest contiguous `seq`, or undefined when it is not tracked (any more). */
  lastSeq(chatId: string): number | undefined;
  /** `announce`: the messages are news (not the first history of a chat just tracked). */
  apply(result: SyncResult, announce: boolean): void;
  /** Online: syncing can work now. */
  canSync(): boolean;
  retryDelay(attempt: number): number;
  report(error: unknown): void;
}

export interface ChatSync {
  /** Syncs one chat; rejects with the request's error. */
  sync(chatId: string): Promise<void>;
  /** Syncs if online; never rejects (reports instead) and retries a retryable failure. */
  resync(chatId: string): Promise<void>;
  /** The connection is gone: cancel retries; failures of syncs still running no longer count. */
  reset(): void;
  forget(chatId: string): void;
}

/** Bounds both loops, should a server keep a gap open for ever. */
const MAX_ROUNDS = 10;
const MAX_PAGES = 1000;

export function createChatSync(options: ChatSyncOptions): ChatSync {
  const running = new Map<string, { promise: Promise<void>; again: boolean }>();
  const retries = new Map<string, { timer: ReturnType<typeof setTimeout> | null; attempt: number }>();
  /** Bumped by reset(): a failure of an older connection schedules nothing. */
  let epoch = 0;

  async function syncPages(chatId: string): Promise<void> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const afterSeq = options.lastSeq(chatId);
      if (afterSeq === undefined) return;
      const result = await options.request(chatId, afterSeq);
      options.apply(result, afterSeq > 0);
      const after = options.lastSeq(chatId) ?? afterSeq;
      // Done, or a page brought nothing new (stop rather than spin).
      if (after >= result.chat.lastSeq || after === afterSeq) return;
    }
  }

  function sync(chatId: string): Promise<void> {
    const current = running.get(chatId);
    if (current) {
      // A gap seen while a sync runs may lie past what that sync asked for: go round again.
      current.again = true;
      return current.promise;
    }
    const entry = { promise: Promise.resolve(), again: false };
    entry.promise = (async () => {
      try {
        for (let round = 0; round < MAX_ROUNDS && (round === 0 || entry.again); round++) {
          entry.again = false;
          await syncPages(chatId);
        }
      } finally {
        running.delete(chatId);
      }
    })();
    running.set(chatId, entry);
    return entry.promise;
  }

  function clearRetry(chatId: string): void {
    const retry = retries.get(chatId);
    if (retry?.timer) clearTimeout(retry.timer);
    retries.delete(chatId);
  }

  async function resync(chatId: string): Promise<void> {
    if (!options.canSync()) return;
    const started = epoch;
    try {
      await sync(chatId);
      clearRetry(chatId);
    } catch (error) {
      if (started !== epoch || options.lastSeq(chatId) === undefined) return; // the next connect resyncs
      options.report(error);
      if (!(error instanceof HybridChatError && error.retryable)) return;
      const retry = retries.get(chatId) ?? { timer: null, attempt: 0 };
      retries.set(chatId, retry);
      if (retry.timer !== null) return;
      retry.timer = setTimeout(() => {
        retry.timer = null;
        void resync(chatId);
      }, options.retryDelay(retry.attempt++));
    }
  }

  return {
    sync,
    resync,
    reset() {
      epoch++;
      for (const chatId of [...retries.keys()]) clearRetry(chatId);
    },
    forget: clearRetry,
  };
}
