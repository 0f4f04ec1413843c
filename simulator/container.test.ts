import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { testSimulator } from './testSupport.ts';

// jsdom ships no types here; this is the little of it the tests use.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, options: { url: string }) => { window: Window & typeof globalThis };
};

let sim: Simulator;
afterEach(async () => sim?.close());

const CHAT = 'http://chat.test:8444';

const spec = (content: string, prefs = '') => `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="Test &amp; Co" height="300">
    <Require feature="pubsub-2"/>
    <Require feature="loadingindicator"><Param name="manual-dismiss">true</Param></Require>
    <Optional feature="content-rewrite"><Param name="exclude-url">finesse.js</Param></Optional>
  </ModulePrefs>
  <UserPref name="color" datatype="hidden" default_value="blue"/>
  <UserPref name="server" datatype="hidden" default_value="chat.test:8444"/>
  ${prefs}
  <Content type="html" view="default,canvas"><![CDATA[${content}]]></Content>
</Module>`;

function fakeFetch(body: string | (() => Response)) {
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
    typeof body === 'string'
      ? new Response(body, { status: 200, headers: { 'content-type': 'application/xml' } })
      : body(),
  );
}

const ifr = (query: string) => sim.app.inject({ method: 'GET', url: `/gadgets/ifr?${query}` });
const gadgetQuery = (extra = '') => `url=${encodeURIComponent(`${CHAT}/gadget.xml`)}${extra}`;

/** The JSON context the container page hands the gadgets runtime. */
function pageContext(html: string): {
  prefs: Record<string, string>;
  manualDismiss: boolean;
  title: string;
  height: number;
} {
  const json = /<script type="application\/json" id="finesse-sim-gadget-context">([^<]*)<\/script>/.exec(
    html,
  )?.[1];
  return JSON.parse(json ?? 'null');
}

describe('gadget container (/gadgets/ifr)', () => {
  it('replaces __UP_name__ with the layout pref, else the default, escaped for HTML', async () => {
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(spec('<p class="__UP_color__" data-s="__UP_server__">__UP_unknown__</p>')),
      layout: {
        tabs: [{ id: 'home', label: 'Home', gadgets: [{ prefs: { color: '"><script>alert(1)</script>' } }] }],
      },
    });
    const res = await ifr(gadgetQuery('&mid=0'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(
      '<p class="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-s="chat.test:8444">',
    );
    // Only declared prefs are substituted, as Shindig does.
    expect(res.body).toContain('__UP_unknown__');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it("never takes a declared pref from the page's own URL", async () => {
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(spec('<script src="//__UP_server__/gadget.js"></script><p class="__UP_color__"></p>')),
    });
    const res = await ifr(gadgetQuery('&mid=0&up_server=evil.test:9&up_color=red'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<script src="//chat.test:8444/gadget.js"></script><p class="blue"></p>');
    expect(res.body).not.toContain('evil.test');
    expect(pageContext(res.body).prefs).toMatchObject({ server: 'chat.test:8444', color: 'blue' });
  });

  it("applies a layout's prefs only to the layout's gadget: same module id, same spec URL", async () => {
    const other = 'http://chat.test:8444/other.xml';
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(spec('<a href="//__UP_server__/">x</a>')),
      layout: {
        tabs: [
          {
            id: 'home',
            label: 'Home',
            gadgets: [{}, { url: other, key: 'other', prefs: { server: 'chat2.test:9000' } }],
          },
        ],
      },
    });
    const page = (url: string, mid: string) => ifr(`url=${encodeURIComponent(url)}&mid=${mid}`);
    expect((await page(other, '1')).body).toContain('<a href="//chat2.test:9000/">');
    expect((await page(`${CHAT}/gadget.xml`, '1')).body).toContain('<a href="//chat.test:8444/">');
    expect((await page(other, '0')).body).toContain('<a href="//chat.test:8444/">');
  });

  it('takes the desktop prefs from the URL only for the agent values, in their formats', async () => {
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(spec('<div id="x"></div>')) });
    const res = await ifr(
      gadgetQuery(
        '&up_id=1001&up_locale=en_US&up_teamName=Retail%20Banking&up_teamId=10&up_x=%3C%2Fscript%3E' +
          '&up_host=evil.test&up_scheme=javascript&up_xmppDomain=evil.test',
      ),
    );
    const context = pageContext(res.body);
    expect(context.prefs).toEqual({
      id: '1001',
      locale: 'en_US',
      teamName: 'Retail Banking',
      teamId: '10',
      color: 'blue',
      server: 'chat.test:8444',
      // The container's own values, from the request (inject's Host is localhost:80) and the deployment.
      scheme: 'http',
      host: 'localhost',
      hostPort: '80',
      restHost: 'localhost',
      localhostFQDN: 'localhost',
      localhostPort: '80',
      externalServerHost: 'http://localhost',
      xmppDomain: 'localhost',
      systemAuthMode: 'NON_SSO',
      deploymentType: 'UCCE',
    });
    const bad = await ifr(gadgetQuery('&up_id=a%20b&up_locale=en-US%22'));
    expect(pageContext(bad.body).prefs).not.toHaveProperty('id');
    expect(pageContext(bad.body).prefs).not.toHaveProperty('locale');
  });

  it('gives gadgets.Prefs every pref, and loads the runtime first', async () => {
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(spec('<div id="x"></div>')) });
    const res = await ifr(gadgetQuery('&up_id=1001'));
    const context = pageContext(res.body);
    expect(context.prefs).toMatchObject({ id: '1001', color: 'blue', server: 'chat.test:8444' });
    expect(context.title).toBe('Test & Co');
    expect(context.height).toBe(300);
    expect(context.manualDismiss).toBe(true);
    expect(res.body.indexOf('/gadgets/js/gadgets.js')).toBeLessThan(res.body.indexOf('<div id="x">'));
  });

  it('resolves relative URLs in the Content against the gadget XML, and loads the runtime from the container', async () => {
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(spec('<img src="icon.png"><a href="/help/">?</a><script src="js/app.js"></script>')),
    });
    const res = await sim.app.inject({
      method: 'GET',
      url: `/gadgets/ifr?url=${encodeURIComponent(`${CHAT}/gadgets/chat/gadget.xml`)}`,
      headers: { host: 'finesse.test:8445' },
    });
    expect(res.body).toMatch(/<head>\n<base href="http:\/\/chat\.test:8444\/gadgets\/chat\/gadget\.xml">/);
    const { window } = new JSDOM(res.body, { url: 'http://finesse.test:8445/gadgets/ifr?url=x' });
    const document = window.document;
    expect(document.querySelector('img')?.src).toBe('http://chat.test:8444/gadgets/chat/icon.png');
    expect(document.querySelector('a')?.href).toBe('http://chat.test:8444/help/');
    const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map(
      (script) => script.src,
    );
    expect(scripts).toEqual([
      'http://finesse.test:8445/gadgets/js/gadgets.js',
      'http://chat.test:8444/gadgets/chat/js/app.js',
    ]);
    window.close();
  });

  it('substitutes __UP_scheme__, __UP_host__ and __UP_hostPort__ with the origin the browser used', async () => {
    const declared = ['scheme', 'host', 'hostPort']
      .map((name) => `<UserPref name="${name}" datatype="hidden" default_value=""/>`)
      .join('');
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(
        spec('<script src="__UP_scheme__://__UP_host__:__UP_hostPort__/f.js"></script>', declared),
      ),
    });
    const page = (host: string, extra = '') =>
      sim.app.inject({ method: 'GET', url: `/gadgets/ifr?${gadgetQuery(extra)}`, headers: { host } });
    expect((await page('finesse.test:8445')).body).toContain('<script src="http://finesse.test:8445/f.js">');
    expect((await page('finesse.test')).body).toContain('<script src="http://finesse.test:80/f.js">');
    expect((await page('[::1]:8445')).body).toContain('<script src="http://[::1]:8445/f.js">');
    // The desktop passes up_scheme and up_hostPort as Finesse does; the container still knows better.
    const spoofed = await page('finesse.test:8445', '&up_scheme=https&up_host=evil.test&up_hostPort=1');
    expect(spoofed.body).toContain('<script src="http://finesse.test:8445/f.js">');
    expect((await page('bad host')).statusCode).toBe(400);
  });

  it("renders the product's gadget.xml with the chat server's default host", async () => {
    const xml = readFileSync(new URL('../gadget.xml', import.meta.url), 'utf8').replaceAll(
      '%CHAT_HOST_PORT%',
      'chat.test:8444',
    );
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(xml) });
    const res = await ifr(gadgetQuery('&up_id=1001'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<link rel="stylesheet" href="//chat.test:8444/gadget/gadget.css">');
    expect(res.body).toContain('src="//chat.test:8444/gadget/gadget.js"');
    // Finesse's scripts from the Finesse origin the container passes, not from the chat server.
    expect(res.body).toContain('<script src="http://localhost:80/desktop/assets/js/finesse.js"></script>');
    expect(res.body).toContain('<script src="http://localhost:80/desktop/assets/js/jquery.min.js"></script>');
    expect(res.body).not.toContain('__UP_');
  });

  it('runs pref rewrite steps before substituting (the hook for the reverse-proxy rewrite)', async () => {
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(spec('<a href="//__UP_server__/">x</a>')),
      prefRewriters: [(prefs) => prefs.set('server', 'chat.example.com:443')],
    });
    expect((await ifr(gadgetQuery())).body).toContain('<a href="//chat.example.com:443/">');
  });

  it.each([
    ['a metadata address', 'http://169.254.169.254/latest/meta-data', 403],
    ['another port of the chat host', 'http://chat.test:9999/gadget.xml', 403],
    ['credentials in the URL', 'http://chat.test:8444@evil.test/gadget.xml', 403],
    ['userinfo on the allowed host', 'http://user:pw@chat.test:8444/gadget.xml', 403],
    ['a file URL', 'file:///etc/passwd', 400],
    ['a relative URL', '/etc/passwd', 400],
  ])('refuses %s without fetching it (SSRF guard)', async (_case, url, status) => {
    const fetch = fakeFetch(spec('x'));
    sim = testSimulator({ chatServerUrl: CHAT, fetch });
    const res = await ifr(`url=${encodeURIComponent(url)}`);
    expect(res.statusCode).toBe(status);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('answers 400 without a url, and allows extra hosts when configured', async () => {
    const fetch = fakeFetch(spec('ok'));
    sim = testSimulator({ chatServerUrl: CHAT, fetch, allowedGadgetHosts: ['gadgets.test'] });
    expect((await ifr('')).statusCode).toBe(400);
    expect((await ifr(`url=${encodeURIComponent('http://gadgets.test/g.xml')}`)).statusCode).toBe(200);
  });

  it('does not follow redirects, and reports a failing gadget server as 502', async () => {
    const fetch = fakeFetch(
      () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }),
    );
    sim = testSimulator({ chatServerUrl: CHAT, fetch });
    const res = await ifr(gadgetQuery());
    expect(res.statusCode).toBe(502);
    expect(fetch.mock.calls[0]?.[1]?.redirect).toBe('manual');
  });

  it.each([
    ['a DOCTYPE outside CDATA', `<!DOCTYPE m [<!ENTITY a "b">]>${spec('&a;')}`],
    ['no Module', '<Gadget/>'],
    ['no Content', '<Module><ModulePrefs title="x"/></Module>'],
    ['an oversized spec', spec('x'.repeat(600 * 1024))],
    ['a bad pref name', spec('x', '<UserPref name="a b" default_value="x"/>')],
  ])('refuses a gadget with %s (502), never crashing', async (_case, xml) => {
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(xml) });
    expect((await ifr(gadgetQuery())).statusCode).toBe(502);
  });

  it('caches a spec briefly, and refetches with nocache=1', async () => {
    const fetch = fakeFetch(spec('x'));
    sim = testSimulator({ chatServerUrl: CHAT, fetch });
    await ifr(gadgetQuery());
    await ifr(gadgetQuery('&up_id=1002'));
    expect(fetch).toHaveBeenCalledTimes(1);
    await ifr(gadgetQuery('&nocache=1'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('sends a URL gadget to its own page with the prefs as up_ parameters', async () => {
    const xml =
      '<Module><ModulePrefs title="u"/><UserPref name="a" default_value="1"/><Content type="url" href="/page.html?v=__UP_a__"/></Module>';
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(xml) });
    const res = await ifr(gadgetQuery('&up_id=1001'));
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(location.origin + location.pathname).toBe(`${CHAT}/page.html`);
    expect(location.searchParams.get('v')).toBe('1');
    expect(location.searchParams.get('up_id')).toBe('1001');
  });

  it('serves the gadgets runtime as plain JavaScript', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({ method: 'GET', url: '/gadgets/js/gadgets.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(() => new Script(res.body)).not.toThrow();
    expect(res.body).not.toMatch(/\bimport\b.*from/);
  });
});
