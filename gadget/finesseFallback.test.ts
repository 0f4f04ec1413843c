// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureFinesseJs, fallbackLibraryUrls, loadClassicScript } from './finesseFallback.ts';

const prefsOf = (values: Record<string, string>) =>
  class {
    getString(name: string) {
      return values[name] ?? '';
    }
  };
const FINESSE = { scheme: 'https', host: 'finesse.example.com', hostPort: '8445' };

afterEach(() => vi.restoreAllMocks());

describe('finesse.js on Finesse 10.5(1) (no /desktop/assets/js/finesse.js)', () => {
  it('names jQuery, then finesse.js, in the third-party gadget folder of the Finesse server', () => {
    expect(fallbackLibraryUrls(new (prefsOf(FINESSE))())).toEqual([
      'https://finesse.example.com:8445/3rdpartygadget/files/hybrid-chat/jquery.min.js',
      'https://finesse.example.com:8445/3rdpartygadget/files/hybrid-chat/finesse.js',
    ]);
  });

  it('names nothing when the container gives no usable Finesse server', () => {
    for (const bad of [{}, { ...FINESSE, scheme: 'javascript' }, { ...FINESSE, host: 'evil.test/x?' }]) {
      expect(fallbackLibraryUrls(new (prefsOf(bad))())).toBeNull();
    }
  });

  it('loads nothing when finesse.js is there (Finesse 10.6 and later)', async () => {
    const load = vi.fn(async () => true);
    expect(await ensureFinesseJs({ finesse: {}, gadgets: { Prefs: prefsOf(FINESSE) } }, load)).toBe(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('without finesse.js loads jQuery then finesse.js, one after the other', async () => {
    const scope: { finesse?: unknown; gadgets: { Prefs: ReturnType<typeof prefsOf> } } = {
      gadgets: { Prefs: prefsOf(FINESSE) },
    };
    const loaded: string[] = [];
    const load = async (url: string) => {
      loaded.push(url.split('/').pop() ?? '');
      if (url.endsWith('/finesse.js')) scope.finesse = {};
      return true;
    };
    expect(await ensureFinesseJs(scope, load)).toBe(true);
    expect(loaded).toEqual(['jquery.min.js', 'finesse.js']);
  });

  it('reports a missing upload and stops (the gadget then says it is outside Finesse)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const load = vi.fn(async () => false);
    expect(await ensureFinesseJs({ gadgets: { Prefs: prefsOf(FINESSE) } }, load)).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('/3rdpartygadget/files/hybrid-chat/jquery.min.js');
  });

  it('outside a gadget page loads nothing', async () => {
    const load = vi.fn(async () => true);
    expect(await ensureFinesseJs({}, load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });

  it('adds an ordered classic script and resolves on its load or error event', async () => {
    const pending = loadClassicScript('https://finesse.example.com:8445/x.js');
    const script = document.head.querySelector('script[src$="/x.js"]') as HTMLScriptElement;
    expect(script.async).toBe(false);
    script.dispatchEvent(new Event('error'));
    expect(await pending).toBe(false);
  });
});
