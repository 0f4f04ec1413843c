import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';
import type { Simulator, SimulatorOptions } from './createSimulator.ts';
import type { FinesseNamespace } from './desktop/finesse/types.ts';
import { testSimulator } from './testSupport.ts';

// jsdom ships no types here; this is the little of it the tests use.
export type DOMWindow = Window & typeof globalThis & { eval(code: string): unknown; close(): void };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, options: { url: string; runScripts: 'outside-only' }) => { window: DOMWindow };
};

export type FinesseWindow = DOMWindow & { finesse: FinesseNamespace };

/** An empty page, for tests that only need browser classes (DOMParser…). */
export function blankWindow(): DOMWindow {
  return new JSDOM('', { url: 'http://sim.test/', runScripts: 'outside-only' }).window;
}

/**
 * A browser page (jsdom) running scripts the simulator serves, whose `fetch` goes to the simulator
 * through inject, streams included: no network, the real script and the real server. `before`
 * prepares the page first. Close the window after the test (`window.close()`).
 */
export async function jsdomPage(
  sim: Simulator,
  url: string,
  scripts: string[],
  before?: (window: DOMWindow) => void,
): Promise<FinesseWindow> {
  const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', {
    url,
    runScripts: 'outside-only',
  });
  const window = dom.window;
  before?.(window);
  Object.assign(window, {
    TextDecoder,
    fetch: async (
      input: string,
      init: RequestInit & { signal?: { addEventListener(e: string, f: () => void): void } } = {},
    ) => {
      const target = new URL(String(input), window.location.href);
      const controller = new AbortController();
      init.signal?.addEventListener('abort', () => controller.abort());
      const res = await sim.app.inject({
        method: (init.method ?? 'GET') as 'GET',
        url: target.pathname + target.search,
        headers: init.headers as Record<string, string>,
        payload: init.body as string | undefined,
        payloadAsStream: true,
        signal: controller.signal,
      });
      const headers = Object.entries(res.headers).map(([k, v]) => [k, String(v)] as [string, string]);
      return new Response(Readable.toWeb(res.stream()) as ReadableStream, {
        status: res.statusCode,
        headers,
      });
    },
  });
  for (const path of scripts) window.eval((await sim.app.inject({ method: 'GET', url: path })).body);
  return window as FinesseWindow;
}

/** Polls until `check` holds (up to 2 s). */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/**
 * For a test file whose tests each start a simulator and open pages on it: `start()` makes this
 * test's simulator, `page()` opens a page on it; both are closed after each test.
 */
export function simulatorPerTest() {
  let sim: Simulator | undefined;
  let windows: DOMWindow[] = [];
  afterEach(async () => {
    windows.forEach((w) => w.close());
    windows = [];
    await sim?.close();
    sim = undefined;
  });
  const current = (): Simulator => {
    if (!sim) throw new Error('call start() first');
    return sim;
  };
  return {
    start(options?: SimulatorOptions): Simulator {
      sim = testSimulator(options);
      return sim;
    },
    get sim(): Simulator {
      return current();
    },
    async page(url: string, scripts: string[], before?: (window: DOMWindow) => void): Promise<FinesseWindow> {
      const window = await jsdomPage(current(), url, scripts, before);
      windows.push(window);
      return window;
    },
  };
}
