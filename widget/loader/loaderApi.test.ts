// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import {
  SERVER,
  addScript,
  frame,
  fromFrame,
  host,
  launcher,
  load,
  openReady,
  shadow,
  setUpLoaderPage,
} from './testing/harness.ts';

setUpLoaderPage();

const message = {
  chatId: 'c-1',
  seq: 4,
  from: { role: 'agent', name: 'Grace' },
  kind: 'text',
  text: 'Hi!',
  sentAt: 1,
};

describe('widget loader API', () => {
  it('passes identify() to the app as plain data', async () => {
    addScript();
    const api = await load();
    const postMessage = openReady(api);
    api.identify({ name: 'Ada Lovelace', email: 'ada@example.com', greet: () => 'hi' });
    expect(postMessage).toHaveBeenLastCalledWith(
      { v: 1, type: 'identify', identity: { name: 'Ada Lovelace', email: 'ada@example.com' } },
      SERVER,
    );
  });

  it('switches language live: its own words, its side, and the app', async () => {
    addScript({ locale: 'en' });
    const api = await load();
    const postMessage = openReady(api);
    api.close();
    api.setLocale('ur-PK');
    expect(host()?.dir).toBe('rtl');
    expect(launcher()?.getAttribute('aria-label')).toBe('چیٹ کھولیں');
    expect(frame()?.title).toBe('کسٹمر چیٹ');
    expect(postMessage).toHaveBeenLastCalledWith({ v: 1, type: 'locale', locale: 'ur-PK' }, SERVER);
    api.setLocale('xx');
    expect(host()?.dir).toBe('ltr');
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
  });

  it('relays the app’s events to the page, and a failing listener does not stop the others', async () => {
    addScript();
    const api = await load();
    const seen: unknown[] = [];
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported); // jsdom has none
    api.on('message', () => {
      throw new Error('host bug');
    });
    for (const event of ['message', 'chat:start', 'chat:end', 'status', 'ready'] as const) {
      api.on(event, (payload) => seen.push([event, payload]));
    }
    openReady(api);
    fromFrame({ v: 1, type: 'chat:start', chatId: 'c-1' });
    fromFrame({ v: 1, type: 'status', status: 'waiting' });
    fromFrame({ v: 1, type: 'message', message });
    fromFrame({ v: 1, type: 'chat:end', chatId: 'c-1' });
    fromFrame({ v: 1, type: 'whatever' });
    expect(seen).toEqual([
      ['ready', undefined],
      ['chat:start', { chatId: 'c-1' }],
      ['status', 'waiting'],
      ['message', message],
      ['chat:end', { chatId: 'c-1' }],
    ]);
    expect(reported).toHaveBeenCalledOnce();
  });

  it('stops telling a listener once it unsubscribed', async () => {
    addScript();
    const api = await load();
    const opened = vi.fn();
    const off = api.on('open', opened);
    api.open();
    off();
    api.close();
    api.open();
    expect(opened).toHaveBeenCalledOnce();
  });

  it('moves focus into the panel on open and back to the launcher on close; Escape closes', async () => {
    addScript();
    const api = await load();
    launcher()?.focus();
    openReady(api);
    expect(shadow()?.activeElement).toBe(frame());
    launcher()?.focus();
    launcher()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(api.isOpen()).toBe(false);
    expect(shadow()?.activeElement).toBe(launcher());
    api.open();
    fromFrame({ v: 1, type: 'close' }); // the app's own close button or Escape inside it
    expect(api.isOpen()).toBe(false);
    expect(shadow()?.activeElement).toBe(launcher());
  });

  it('shutdown() removes everything it added and stops listening', async () => {
    addScript();
    const api = await load();
    const seen = vi.fn();
    api.on('message', seen);
    const postMessage = openReady(api);
    const win = frame()?.contentWindow ?? null;
    document.title = 'Shop';
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    fromFrame({ v: 1, type: 'unread', count: 1, label: '1 new message' });
    expect(document.title).toBe('1 new message');
    api.shutdown();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    expect(host()).toBeNull();
    expect(window.HybridChat).toBeUndefined();
    expect(document.title).toBe('Shop');
    expect(sessionStorage.length).toBe(0);
    expect(document.body.innerHTML).toBe('<main>host page</main><iframe></iframe>'); // the test's own stand-in
    fromFrame({ v: 1, type: 'message', message }, SERVER, win);
    api.open();
    vi.advanceTimersByTime(60_000);
    expect(seen).not.toHaveBeenCalled();
    expect(document.title).toBe('Shop');
    expect(postMessage).toHaveBeenCalledTimes(2); // visibility and locale on ready, nothing after
  });
});
