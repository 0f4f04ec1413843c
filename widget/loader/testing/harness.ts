/**
 * Test harness for the loader in jsdom: a script tag with `data-*` options, a fresh copy of the
 * loader module per test, and the shadow-root parts and the iframe's messages a test looks at.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { HybridChatApi } from '../loader.ts';

export const SERVER = 'https://chat.example.com';

export function addScript(data: Record<string, string> = {}, nonce = ''): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = `${SERVER}/widget.js`;
  if (nonce) script.nonce = nonce;
  for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
  document.head.append(script);
  return script;
}

export async function load(): Promise<HybridChatApi> {
  vi.resetModules();
  await import('../loader.ts');
  return window.HybridChat as HybridChatApi;
}

export const host = (): HTMLElement | null => document.getElementById('hybrid-chat-widget');
export const shadow = (): ShadowRoot | null => host()?.shadowRoot ?? null;
export const launcher = (): HTMLButtonElement | null =>
  shadow()?.querySelector<HTMLButtonElement>('[data-testid="widget.launcher"]') ?? null;
export const frame = (): HTMLIFrameElement | null =>
  shadow()?.querySelector<HTMLIFrameElement>('[data-testid="widget.frame"]') ?? null;
export const live = (): string => shadow()?.querySelector('[role="status"]')?.textContent ?? '';

/**
 * jsdom gives an iframe inside a shadow root no window, so the panel's iframe borrows the window of
 * a plain iframe: the loader then sees a real `contentWindow` to post to and to compare `source` with.
 */
export function giveFrameAWindow(): Window {
  const stand = document.createElement('iframe');
  document.body.append(stand);
  const win = stand.contentWindow as Window;
  Object.defineProperty(frame(), 'contentWindow', { configurable: true, get: () => win });
  return win;
}

export function fromFrame(
  data: unknown,
  origin = SERVER,
  source: MessageEventSource | null = frame()?.contentWindow ?? null,
): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

/** Opens the panel and lets the app say ready; returns the spy on what the loader posts to it. */
export function openReady(api: HybridChatApi) {
  api.open();
  const postMessage = vi.spyOn(giveFrameAWindow(), 'postMessage');
  fromFrame({ v: 1, type: 'ready' });
  return postMessage;
}

export function resetPage(): void {
  delete window.HybridChat;
  document.head.innerHTML = '';
  document.body.innerHTML = '<main>host page</main>';
  document.title = 'Host page';
  sessionStorage.clear();
}

/** Each test of the calling file starts on a fresh host page with fake timers, and undoes its mocks. */
export function setUpLoaderPage(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    resetPage();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
}
