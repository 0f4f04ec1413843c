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

  it('runs gadgets.io.makeRequest on the server (REFRESH_INTERVAL accepted), not in the browser', async () => {
    const { gadgets, calls } = await gadgetPage(['/gadgets/js/gadgets.js']);
    const { REFRESH_INTERVAL, HEADERS, CONTENT_TYPE } = gadgets.io.RequestParameters;
    expect(REFRESH_INTERVAL).toBe('REFRESH_INTERVAL');
    const request = (url: string, params: object) =>
      new Promise<{ rc: number; text: string; data?: unknown; errors?: string[] }>((resolve) =>
        gadgets.io.makeRequest(url, resolve, params),
      );
    // Cisco's finesse.js form: http://<restHost>:<localhostPort>/finesse/api/…, with its own header.
    const user = await request('http://localhost:80/finesse/api/User/1001', {
      [REFRESH_INTERVAL as string]: 0,
      [HEADERS as string]: { Authorization: `Basic ${btoa('1001:pass1001')}` },
      [CONTENT_TYPE as string]: 'DOM',
    });
    expect(user.rc).toBe(200);
    expect(user.text).toContain('<loginId>1001</loginId>');
    expect((user.data as Document).getElementsByTagName('loginId')[0]?.textContent).toBe('1001');
    // Relative to the gadget's server (the <base>), which no administrator allowed here.
    const refused = await request('api/data.json', {});
    expect(refused.rc).toBe(403);
    expect(refused.errors?.[0]).toContain('chat.test:8444');
    expect(calls.map((call) => [call.url, call.init.method])).toEqual([
      ['http://sim.test/gadgets/makeRequest', 'POST'],
      ['http://sim.test/gadgets/makeRequest', 'POST'],
    ]);
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
