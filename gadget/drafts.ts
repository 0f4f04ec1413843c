/**
 * Unsent replies (after a reload every open chat comes back with its history and draft). Kept
 * per agent and chat in localStorage, which outlives a reload of the gadget and of the whole
 * desktop (a new sign-in opens a new tab, where sessionStorage would be empty). Cleared on send and
 * when the chat ends or is closed; a draft older than a working day is dropped when read, so a
 * shared PC does not keep yesterday's replies.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const DRAFT_MAX_AGE_MS = 12 * 3600_000;
const PREFIX = 'hc-gadget:draft:';
/** Typing writes at most this often; leaving the chat (unmount) writes at once. */
const SAVE_DELAY_MS = 300;

const keyOf = (agentId: string, chatId: string): string => `${PREFIX}${agentId}:${chatId}`;

export interface DraftStore {
  load(agentId: string, chatId: string): string;
  save(agentId: string, chatId: string, text: string): void;
  clear(agentId: string, chatId: string): void;
}

export function createDraftStore(storage: Storage | null, now: () => number = Date.now): DraftStore {
  const clear = (agentId: string, chatId: string): void => {
    try {
      storage?.removeItem(keyOf(agentId, chatId));
    } catch {
      // Storage refused: nothing was kept either.
    }
  };
  return {
    load(agentId, chatId) {
      try {
        const raw = storage?.getItem(keyOf(agentId, chatId));
        if (!raw) return '';
        const { text, savedAt } = JSON.parse(raw) as { text?: unknown; savedAt?: unknown };
        if (typeof text !== 'string' || typeof savedAt !== 'number' || now() - savedAt > DRAFT_MAX_AGE_MS) {
          clear(agentId, chatId);
          return '';
        }
        return text;
      } catch {
        return '';
      }
    },
    save(agentId, chatId, text) {
      if (text.trim() === '') return clear(agentId, chatId);
      try {
        storage?.setItem(keyOf(agentId, chatId), JSON.stringify({ text, savedAt: now() }));
      } catch {
        // Full or refused: the draft lives on in the box until a reload.
      }
    },
    clear,
  };
}

/**
 * The reply box's text for one chat, starting from its saved draft and saved as it changes.
 * `clear()` after sending or ending.
 */
export function useDraft(drafts: DraftStore, agentId: string, chatId: string) {
  const [text, setTextState] = useState(() => drafts.load(agentId, chatId));
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current !== null) drafts.save(agentId, chatId, pending.current);
    pending.current = null;
  }, [drafts, agentId, chatId]);

  // Leaving the chat (another tab, a reload's unmount) writes what is pending.
  useEffect(() => {
    const onHide = (): void => flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      flush();
    };
  }, [flush]);

  const setText = useCallback(
    (next: string) => {
      setTextState(next);
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    drafts.clear(agentId, chatId);
  }, [drafts, agentId, chatId]);

  return { text, setText, clear };
}
