// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HybridChatApi } from './loader.ts';

const SERVER = 'https://chat.example.com';

function addScript(data: Record<string, string> = {}): void {
  const script = document.createElement('script');
  script.src = `${SERVER}/widget.js`;
  for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
  document.head.append(script);
}

async function load(): Promise<HybridChatApi> {
  vi.resetModules();
  await import('./loader.ts');
  return window.HybridChat as HybridChatApi;
}

const shadow = () => document.getElementById('hybrid-chat-widget')?.shadowRoot ?? null;
const launcher = () => shadow()?.querySelector<HTMLButtonElement>('[data-testid="widget.launcher"]') ?? null;
const frame = () => shadow()?.querySelector<HTMLIFrameElement>('[data-testid="widget.frame"]') ?? null;

/**
 * jsdom gives an iframe inside a shadow root no window, so the panel's iframe borrows the window of
 * a plain iframe: the loader then sees a real `contentWindow` to post to and to compare `source` with.
 */
function giveFrameAWindow(): Window {
  const stand = document.createElement('iframe');
  document.body.append(stand);
  const win = stand.contentWindow as Window;
  Object.defineProperty(frame(), 'contentWindow', { get: () => win });
  return win;
}

function fromFrame(
  data: unknown,
  origin = SERVER,
  source: MessageEventSource | null = frame()?.contentWindow ?? null,
) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

beforeEach(() => {
  delete window.HybridChat;
  document.head.innerHTML = '';
  document.body.innerHTML = '<main>host page</main>';
  sessionStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('widget loader', () => {
  it('adds only a launcher in an open shadow root, and no iframe before the first open', async () => {
    addScript({ queue: 'sales' });
    await load();
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher()?.getAttribute('aria-expanded')).toBe('false');
    expect(frame()).toBeNull();
    expect(document.body.getAttribute('style')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('opens the chat app from its own server with the script tag settings', async () => {
    addScript({ queue: 'sales', locale: 'de-DE', color: '#ff6600', position: 'left' });
    const api = await load();
    api.open();
    const url = new URL(frame()?.src ?? '');
    expect(url.origin + url.pathname).toBe(`${SERVER}/widget/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      locale: 'de-DE',
      color: '#ff6600',
      queue: 'sales',
      origin: location.origin,
    });
    expect(launcher()?.getAttribute('aria-label')).toBe('Chat schließen');
    expect(api.isOpen()).toBe(true);
  });

  it('runs commands queued before it loaded, and later pushes too', async () => {
    addScript();
    const opened = vi.fn();
    window.HybridChat = [['on', 'open', opened], ['open']];
    const api = await load();
    expect(api.isOpen()).toBe(true);
    expect(opened).toHaveBeenCalledOnce();
    api.push(['close']);
    expect(api.isOpen()).toBe(false);
    api.push(['toggle']);
    expect(api.isOpen()).toBe(true);
  });

  it('closes when the app asks, but only from its own origin and frame', async () => {
    addScript();
    const api = await load();
    api.open();
    const postMessage = vi.spyOn(giveFrameAWindow(), 'postMessage');
    fromFrame({ v: 1, type: 'close' }, 'https://evil.example');
    fromFrame({ v: 1, type: 'close' }, SERVER, window);
    fromFrame({ v: 2, type: 'close' });
    expect(api.isOpen()).toBe(true);
    fromFrame({ v: 1, type: 'ready' });
    expect(postMessage).toHaveBeenCalledWith({ v: 1, type: 'visibility', open: true }, SERVER);
    fromFrame({ v: 1, type: 'close' });
    expect(api.isOpen()).toBe(false);
  });

  it('shows unread messages on the launcher while closed and reports them', async () => {
    addScript();
    const api = await load();
    const unread = vi.fn();
    api.on('unread', unread);
    api.open();
    giveFrameAWindow();
    api.close();
    fromFrame({ v: 1, type: 'unread', count: 2 });
    expect(launcher()?.textContent).toBe('2');
    expect(unread).toHaveBeenCalledWith(2);
    api.open();
    expect(launcher()?.textContent).toBe('');
  });

  it('reopens on the next page when the panel was left open', async () => {
    addScript();
    (await load()).open();
    document.getElementById('hybrid-chat-widget')?.remove();
    delete window.HybridChat;
    expect((await load()).isOpen()).toBe(true);
  });
});
