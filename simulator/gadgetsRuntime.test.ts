import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { jsdomPage, until, type DOMWindow } from './jsdomPage.ts';
import { testSimulator } from './testSupport.ts';

// The gadgets runtime (`/gadgets/js/gadgets.js`) and finesse.js in a gadget page, in jsdom.
let sim: Simulator;
let window: DOMWindow | undefined;
afterEach(async () => {
  window?.close();
  window = undefined;
  await sim?.close();
});

interface Gadgets {
  json: { parse(text: string): unknown; stringify(value: unknown): string };
  io: {
    makeRequest(
      url: string,
      callback: (response: { rc: number; text: string }) => void,
      params?: object,
    ): void;
    RequestParameters: Record<string, string>;
  };
}

/** A gadget page whose `fetch` is recorded (URL and options) before it goes to the simulator. */
async function gadgetPage(scripts: string[]) {
  sim = testSimulator();
  const page = await jsdomPage(sim, 'http://sim.test/gadgets/ifr?url=x&mid=0', scripts, (w) => {
    // The page as the container renders it: relative URLs name the gadget's own server.
    const base = w.document.createElement('base');
    base.href = 'http://chat.test:8444/gadget.xml';
    w.document.head.append(base);
  });
  window = page;
  const calls: { url: string; init: RequestInit }[] = [];
  const inner = page.fetch;
  page.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return inner(input, init);
  };
  return { page, calls, gadgets: (page as unknown as { gadgets: Gadgets }).gadgets };
}

describe('gadgets runtime', () => {
  it('has gadgets.json: parse answers false for text that is not JSON, as Shindig does', async () => {
    const { gadgets } = await gadgetPage(['/gadgets/js/gadgets.js']);
    expect(gadgets.json.parse('{"a":[1,"x"]}')).toEqual({ a: [1, 'x'] });
    expect(gadgets.json.parse('{nope')).toBe(false);
    expect(gadgets.json.stringify({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
  });

  it('has gadgets.io.RequestParameters.REFRESH_INTERVAL: 0 keeps the response out of any cache', async () => {
    const { gadgets, calls } = await gadgetPage(['/gadgets/js/gadgets.js']);
    const { REFRESH_INTERVAL } = gadgets.io.RequestParameters;
    expect(REFRESH_INTERVAL).toBe('REFRESH_INTERVAL');
    const request = (params: object) =>
      new Promise<number>((resolve) =>
        gadgets.io.makeRequest('http://sim.test/desktop/desktop.css', (r) => resolve(r.rc), params),
      );
    expect(await request({ [REFRESH_INTERVAL as string]: 0 })).toBe(200);
    expect(await request({ [REFRESH_INTERVAL as string]: 3600 })).toBe(200);
    expect(await request({})).toBe(200);
    expect(calls.map((call) => call.init.cache)).toEqual(['no-store', 'default', 'default']);
  });
});

describe('finesse.js in a gadget page', () => {
  it("sends REST requests to the page's own origin, not to the <base> (the gadget's server)", async () => {
    const { page, calls } = await gadgetPage(['/gadgets/js/gadgets.js', '/desktop/assets/js/finesse.js']);
    const finesse = (
      page as unknown as { finesse: { clientservices: { ClientServices: { init(c: object): void } } } }
    ).finesse;
    finesse.clientservices.ClientServices.init({ id: '1001', authorization: 'bm9wZTpub3Bl' });
    page.eval("new finesse.restservices.User({ id: '1001', onError: function () {} })");
    await until(() => calls.some((call) => call.url.includes('/finesse/api/User/1001')), 'the User request');
    const urls = calls.map((call) => call.url);
    expect(urls).toContain('http://sim.test/finesse/api/User/1001');
    expect(urls.filter((url) => url.startsWith('http://chat.test'))).toEqual([]);
  });
});
