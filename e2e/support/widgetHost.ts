/**
 * The widget as a host page sees it, for the widget specs: the launcher in the loader's shadow root,
 * the chat app's iframe, the events the page receives through `HybridChat.on`, and what the browser
 * stores for either origin.
 */
import { expect, type BrowserContext, type Frame, type FrameLocator, type Page } from '@playwright/test';

export const EVENTS = [
  'open',
  'close',
  'ready',
  'error',
  'status',
  'unread',
  'message',
  'chat:start',
  'chat:end',
];

/**
 * Records every loader event into `window.__events` from before the loader runs (the command queue),
 * and every CSP violation into `window.__violations`; top frame only.
 */
export async function recordEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript((events: string[]) => {
    if (window !== window.top) return;
    const w = window as unknown as {
      __events: [string, unknown][];
      __violations: string[];
      HybridChat?: unknown[];
    };
    w.__events = [];
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
    w.HybridChat = w.HybridChat ?? [];
    for (const name of events)
      w.HybridChat.push(['on', name, (payload: unknown) => w.__events.push([name, payload])]);
  }, EVENTS);
}

export async function events(page: Page): Promise<[string, unknown][]> {
  return page.evaluate(() => (window as unknown as { __events: [string, unknown][] }).__events);
}

export async function eventNames(page: Page): Promise<string[]> {
  return (await events(page)).map(([name]) => name);
}

export function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="widget.frame"]');
}

/** The iframe's Frame, once the loader has created it. */
export async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('[data-testid="widget.frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}

/** The element focused inside the loader's shadow root: `launcher`, `frame` or null. */
export async function loaderFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.getElementById('hybrid-chat-widget')?.shadowRoot?.activeElement;
    return active ? ((active as HTMLElement).dataset['testid'] ?? active.tagName) : null;
  });
}

/** What a page can see of its origin's storage: local and session storage, cookies, IndexedDB. */
export async function storageOf(frame: Page | Frame) {
  return frame.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
  }));
}

/** Waits for the loader to have its iframe's app ready (prefetched or opened). */
export async function waitReady(page: Page): Promise<void> {
  await expect.poll(() => eventNames(page)).toContain('ready');
}

/** Counts the notes the chat app's chime starts, in every frame (read it with `notesPlayed`). */
export async function countNotes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __notes: number };
    w.__notes = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function createOscillator(this: AudioContext) {
      const osc = original.call(this);
      const start = osc.start.bind(osc);
      osc.start = (when?: number) => {
        w.__notes += 1;
        start(when);
      };
      return osc;
    };
  });
}

export async function notesPlayed(page: Page): Promise<number> {
  return (await appFrame(page)).evaluate(() => (window as unknown as { __notes: number }).__notes);
}
