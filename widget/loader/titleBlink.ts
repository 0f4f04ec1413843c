/**
 * Blinks the host page's title ("2 new messages" ↔ the page's own title) while the tab is hidden
 * and messages wait unread, and puts the page's title back exactly as it was. If the page changes
 * its title meanwhile (a single-page app navigating), that newer title is the one restored.
 */
const BLINK_MS = 1000;

export interface TitleBlink {
  /** `label`: what to show, or null to stop. Blinks only while the document is hidden. */
  update(label: string | null): void;
  stop(): void;
}

export function createTitleBlink(doc: Document = document): TitleBlink {
  let original: string | null = null;
  let shown = '';
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = (): void => {
    const current = doc.title;
    if (current !== shown && current !== original) original = current;
    doc.title = current === shown ? (original ?? '') : shown;
  };
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
    if (original !== null && doc.title === shown) doc.title = original;
    original = null;
  };
  return {
    update(label) {
      if (!label || !doc.hidden) return stop();
      if (doc.title === shown) doc.title = label; // a new count while our text shows
      shown = label;
      if (timer !== undefined) return;
      original = doc.title;
      timer = setInterval(tick, BLINK_MS);
      tick();
    },
    stop,
  };
}
