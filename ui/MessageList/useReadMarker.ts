/**
 * Read receipts from the viewer's side: while a conversation is on screen (`active`), the page is
 * visible and the window has focus, everything in it counts as read, now and as new messages come
 * (`lastSeq`). Inside an iframe (the widget, the gadget) "the window has focus" means focus is in
 * our frame: a person working elsewhere on the page has not read what arrives meanwhile; it
 * becomes read when they come back (focus, a click or a key in our frame).
 */
import { useEffect } from 'react';

export interface ReadMarkerOptions {
  /** The conversation is shown (the panel is open, the tab selected). */
  active: boolean;
  /** The chat's highest contiguous seq: a new message re-checks. */
  lastSeq: number;
  /** Keep it stable (useCallback). */
  onRead: () => void;
  /** Whether a person can see the page now; injected in tests. */
  attending?: () => boolean;
}

const attendingNow = (): boolean => document.visibilityState === 'visible' && document.hasFocus();

export function useReadMarker({
  active,
  lastSeq,
  onRead,
  attending = attendingNow,
}: ReadMarkerOptions): void {
  useEffect(() => {
    if (!active) return;
    const check = (): void => {
      if (attending()) onRead();
    };
    check();
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    document.addEventListener('focusin', check);
    document.addEventListener('pointerdown', check, true);
    document.addEventListener('keydown', check, true);
    return () => {
      document.removeEventListener('focusin', check);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
      document.removeEventListener('pointerdown', check, true);
      document.removeEventListener('keydown', check, true);
    };
  }, [active, lastSeq, onRead, attending]);
}
