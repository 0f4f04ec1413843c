// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanIdentity } from '../bridge.ts';
import { createHostBridge } from './hostBridge.ts';

const HOST = 'https://shop.example';

/** A window whose parent is another window, as inside the loader's iframe. */
function framed() {
  const parent = { postMessage: vi.fn() } as unknown as Window;
  const scope = Object.assign(new EventTarget(), { parent }) as unknown as Window;
  const fromHost = (data: unknown, origin = HOST, source: unknown = parent) =>
    scope.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  return { parent, scope, fromHost };
}

afterEach(() => vi.restoreAllMocks());

describe('host bridge (chat app side)', () => {
  it('posts only to the host origin it was given, `ready` once the language is in', async () => {
    const { parent, scope } = framed();
    const bridge = createHostBridge(HOST, scope);
    expect(bridge.embedded).toBe(true);
    bridge.post({ type: 'ready' });
    bridge.post({ type: 'unread', count: 1, label: '1 new message' });
    await Promise.resolve();
    await Promise.resolve();
    expect(vi.mocked(parent.postMessage).mock.calls).toEqual([
      [{ v: 1, type: 'unread', count: 1, label: '1 new message' }, HOST],
      [{ v: 1, type: 'ready' }, HOST],
    ]);
  });

  it('stays silent without a host origin or outside a frame', () => {
    const { parent, scope } = framed();
    const bridge = createHostBridge(null, scope);
    bridge.post({ type: 'close' });
    expect(bridge.embedded).toBe(false);
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(createHostBridge(HOST, window).embedded).toBe(false);
  });

  it('hears only its parent at the host origin, and only well-formed messages', () => {
    const { scope, fromHost } = framed();
    const bridge = createHostBridge(HOST, scope);
    const [visibility, identify, locale] = [vi.fn(), vi.fn(), vi.fn()];
    bridge.onVisibility(visibility);
    bridge.onIdentify(identify);
    bridge.onLocale(locale);
    fromHost({ v: 1, type: 'visibility', open: true }, 'https://evil.example');
    fromHost({ v: 1, type: 'visibility', open: true }, HOST, window);
    fromHost({ v: 1, type: 'visibility', open: 'yes' });
    fromHost({ v: 2, type: 'locale', locale: 'de' });
    fromHost({ v: 1, type: 'locale', locale: 'x'.repeat(80) });
    expect([visibility, identify, locale].map((fn) => fn.mock.calls.length)).toEqual([0, 0, 0]);
    fromHost({ v: 1, type: 'visibility', open: true });
    fromHost({ v: 1, type: 'locale', locale: 'fr-CA' });
    fromHost({ v: 1, type: 'identify', identity: { name: ' Ada ', email: 'ada@example.com', age: 36 } });
    expect(visibility).toHaveBeenCalledWith(true);
    expect(locale).toHaveBeenCalledWith('fr-CA');
    expect(identify).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@example.com', age: '36' });
  });
});

describe('identify data', () => {
  it('keeps simple string fields and drops the rest', () => {
    expect(
      cleanIdentity({
        name: '<img src=x onerror=alert(1)>',
        'bad key': 'x',
        __proto__: { polluted: 'yes' },
        nested: { a: 1 },
        empty: '   ',
        long: 'é'.repeat(300),
        infinite: Infinity,
      }),
    ).toEqual({ name: '<img src=x onerror=alert(1)>', long: 'é'.repeat(256) });
    expect(cleanIdentity(null)).toEqual({});
    expect(cleanIdentity('Ada')).toEqual({});
  });
});
