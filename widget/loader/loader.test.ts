// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import {
  SERVER,
  addScript,
  frame,
  fromFrame,
  giveFrameAWindow,
  host,
  launcher,
  live,
  load,
  openReady,
  resetPage,
  shadow,
  setUpLoaderPage,
} from './testing/harness.ts';

setUpLoaderPage();

describe('widget loader', () => {
  it('adds only a launcher in an open shadow root, and no iframe before the first open', async () => {
    addScript({ queue: 'sales', prefetch: 'off' });
    await load();
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher()?.getAttribute('aria-expanded')).toBe('false');
    expect(frame()).toBeNull();
    expect(document.body.children).toHaveLength(2);
    expect(host()?.tagName).toBe('HYBRID-CHAT');
    expect(document.body.getAttribute('style')).toBeNull();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(frame()).toBeNull();
  });

  it('prefetches the app hidden once the page is idle, storing nothing', async () => {
    addScript();
    await load();
    expect(frame()).toBeNull();
    vi.advanceTimersByTime(2000);
    expect(frame()).not.toBeNull();
    expect(shadow()?.querySelector('.o')).toBeNull();
    expect(localStorage.length + sessionStorage.length).toBe(0);
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
    expect(frame()?.title).toBe('Kundenchat');
    expect(launcher()?.getAttribute('aria-label')).toBe('Chat schließen');
    expect(api.isOpen()).toBe(true);
    expect(sessionStorage.getItem('hybridChat.open')).toBe('1');
  });

  it('puts its styles in the shadow root with the nonce of its script tag, or data-nonce', async () => {
    addScript({}, 'n0nce');
    await load();
    const style = shadow()?.querySelector('style');
    expect(style?.nonce).toBe('n0nce');
    expect(style?.textContent).toContain('inset-inline-end');
    expect(shadow()?.querySelector('[style]')).toBeNull();
    resetPage();
    addScript({ nonce: 'from-data' });
    await load();
    expect(shadow()?.querySelector('style')?.nonce).toBe('from-data');
  });

  it('mirrors for right-to-left languages: the launcher moves by logical properties', async () => {
    addScript({ locale: 'ar' });
    await load();
    expect(host()?.dir).toBe('rtl');
    expect(launcher()?.getAttribute('aria-label')).toBe('فتح المحادثة');
  });

  it('runs commands queued before it loaded, and later pushes too', async () => {
    addScript();
    const opened = vi.fn();
    window.HybridChat = [['on', 'open', opened], ['open'], ['nonsense']];
    const api = await load();
    expect(api.isOpen()).toBe(true);
    expect(opened).toHaveBeenCalledOnce();
    api.push(['close']);
    expect(api.isOpen()).toBe(false);
    api.push(['toggle']);
    expect(api.isOpen()).toBe(true);
  });

  it('talks only with its own frame at its own origin, and only once the app is ready', async () => {
    addScript();
    const api = await load();
    api.open();
    const postMessage = vi.spyOn(giveFrameAWindow(), 'postMessage');
    api.identify({ name: 'Ada' });
    expect(postMessage).not.toHaveBeenCalled();
    fromFrame({ v: 1, type: 'close' }, 'https://evil.example');
    fromFrame({ v: 1, type: 'close' }, SERVER, window);
    fromFrame({ v: 2, type: 'close' });
    expect(api.isOpen()).toBe(true);
    fromFrame({ v: 1, type: 'ready' });
    expect(postMessage.mock.calls).toEqual([
      [{ v: 1, type: 'visibility', open: true }, SERVER],
      [{ v: 1, type: 'locale', locale: navigator.language }, SERVER],
      [{ v: 1, type: 'identify', identity: { name: 'Ada' } }, SERVER],
    ]);
    fromFrame({ v: 1, type: 'close' });
    expect(api.isOpen()).toBe(false);
  });

  it('shows unread messages on the launcher while closed, names them, and reports them', async () => {
    addScript();
    const api = await load();
    const unread = vi.fn();
    api.on('unread', unread);
    openReady(api);
    api.close();
    fromFrame({ v: 1, type: 'unread', count: 2, label: '2 new messages' });
    expect(launcher()?.textContent).toBe('2');
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat (2 new messages)');
    expect(live()).toBe('2 new messages');
    expect(unread).toHaveBeenCalledWith(2);
    api.open();
    expect(launcher()?.textContent).toBe('');
    expect(live()).toBe('');
  });

  it('leaves nothing in the way when the app does not answer, and tries again on the next click', async () => {
    addScript();
    const api = await load();
    const failed = vi.fn();
    api.on('error', failed);
    api.open();
    frame()?.dispatchEvent(new Event('load')); // the browser's error page
    vi.advanceTimersByTime(3000);
    expect(frame()).toBeNull();
    expect(api.isOpen()).toBe(false);
    expect(shadow()?.querySelector('.e')).not.toBeNull();
    expect(launcher()?.getAttribute('aria-label')).toBe('Chat unavailable, try again');
    expect(launcher()?.textContent).toBe('!');
    expect(live()).toBe('Chat unavailable, try again');
    expect(shadow()?.activeElement).toBe(launcher());
    expect(failed).toHaveBeenCalledOnce();
    expect(sessionStorage.length).toBe(0);
    launcher()?.click();
    expect(frame()).not.toBeNull();
    expect(shadow()?.querySelector('.e')).toBeNull();
    giveFrameAWindow();
    fromFrame({ v: 1, type: 'ready' });
    vi.advanceTimersByTime(30_000);
    expect(frame()).not.toBeNull();
  });

  it('gives up on a server that never answers after 20 s', async () => {
    addScript();
    const api = await load();
    api.open();
    vi.advanceTimersByTime(19_000);
    expect(frame()).not.toBeNull();
    vi.advanceTimersByTime(1000);
    expect(frame()).toBeNull();
  });

  it('reopens on the next page when the panel was left open', async () => {
    addScript();
    (await load()).open();
    host()?.remove();
    delete window.HybridChat;
    expect((await load()).isOpen()).toBe(true);
  });
});
