import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../createSimulator.ts';
import { basic } from '../testSupport.ts';
import { startMapServer, type MapServer } from './testMapServer.ts';

// Over real sockets: the simulator, and one local server standing in for the chat server (gadget.xml)
// and for the web server hosting the proxy-config map. "Through the proxy" = from 127.0.0.1 (the
// allowed proxy here) with an external Host / X-Forwarded-Host, as nginx would send.
let chat: MapServer;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let simPort: number;
const EXTERNAL = 'finesse.xyz.test:8443';

const gadgetXml = (chatHostPort: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="Chat"><Require feature="pubsub-2"/></ModulePrefs>
  <UserPref name="externalServerHostAndPort_chat" datatype="hidden" default_value="${chatHostPort}"/>
  <Content type="html"><![CDATA[<script src="//__UP_externalServerHostAndPort_chat__/gadget/gadget.js"></script>]]></Content>
</Module>`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** GET on the simulator with any headers, Host included (fetch would not let us set Host). */
function get(path: string, headers: Record<string, string> = {}, firstChunkOnly = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: simPort, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (firstChunkOnly && body.includes('\n\n')) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          req.destroy();
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const lan = () => ({ host: `127.0.0.1:${simPort}` });
const proxied = { host: EXTERNAL, 'x-forwarded-proto': 'https' };
const ifrPath = (extra = '') => `/gadgets/ifr?url=${encodeURIComponent(`${chat.url}/gadget.xml`)}${extra}`;

async function simApi(method: 'POST' | 'DELETE', path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/sim/api${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  chat = await startMapServer();
  chat.set('/gadget.xml', { body: gadgetXml(`127.0.0.1:${chat.port}`), contentType: 'application/xml' });
  chat.set('/proxymap.txt', {
    body: `127.0.0.1:${chat.port}=chat.xyz.test:443\nfinesse.internal:8445=${EXTERNAL}\n`,
  });
  sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    chatServerUrl: chat.url,
    logger: false,
    reverseProxy: { mapUrls: [`${chat.url}/proxymap.txt`], allowedHosts: ['127.0.0.1'] },
  });
  simPort = Number(new URL(sim.url).port);
});
afterAll(async () => {
  await sim?.close();
  await chat?.close();
});

describe('the simulator behind a reverse proxy (over HTTP)', () => {
  it('has polled the map before it started listening', async () => {
    const status = (await get('/sim/api/reverse-proxy', lan())).body;
    expect(JSON.parse(status)).toMatchObject({
      configUris: [`${chat.url}/proxymap.txt`],
      updateFrequencyMs: 60_000,
      allowedHosts: [{ host: '127.0.0.1', addresses: ['127.0.0.1'] }],
      map: { uri: `${chat.url}/proxymap.txt`, entries: [{ external: 'chat.xyz.test:443', line: 1 }, {}] },
      lastGoodPollAt: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('substitutes the mapped chat host:port for a desktop reached through the proxy', async () => {
    const page = await get(ifrPath(), proxied);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="//chat.xyz.test:443/gadget/gadget.js"></script>');
  });

  it('does the same when the proxy says where the browser went in X-Forwarded-Host/-Port', async () => {
    const page = await get(ifrPath(), {
      ...lan(),
      'x-forwarded-host': 'finesse.xyz.test',
      'x-forwarded-port': '8443',
      'x-forwarded-proto': 'https',
    });
    expect(page.body).toContain('//chat.xyz.test:443/gadget/gadget.js');
  });

  it('keeps the default on the LAN', async () => {
    const page = await get(ifrPath(), lan());
    expect(page.body).toContain(`<script src="//127.0.0.1:${chat.port}/gadget/gadget.js"></script>`);
    expect(page.body).not.toContain('chat.xyz.test');
  });

  it("gives the gadget the desktop's own origin as externalServerHost: the external one through the proxy", async () => {
    // A value in the page URL is ignored either way: the container knows where the browser is.
    const query = `&up_externalServerHost=${encodeURIComponent('https://evil.test:8445')}`;
    const prefs = (body: string) =>
      (
        JSON.parse(/id="finesse-sim-gadget-context">([^<]*)</.exec(body)?.[1] ?? '{}') as {
          prefs: Record<string, string>;
        }
      ).prefs;
    const [, externalHost = '', externalPort = ''] = /^(.*):(\d+)$/.exec(EXTERNAL) ?? [];
    expect(prefs((await get(ifrPath(query), proxied)).body)).toMatchObject({
      externalServerHost: `https://${EXTERNAL}`,
      scheme: 'https',
      host: externalHost,
      hostPort: externalPort,
    });
    expect(prefs((await get(ifrPath(query), lan())).body)).toMatchObject({
      externalServerHost: `http://127.0.0.1:${simPort}`,
      scheme: 'http',
      host: '127.0.0.1',
      hostPort: String(simPort),
    });
  });

  it('serves the desktop, REST and the notification stream through the proxy with relative URLs only', async () => {
    const shell = await get('/desktop/', proxied);
    expect(shell.status).toBe(200);
    const urls = [...shell.body.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url).toMatch(/^(\/[^/]|data:)/);
    expect((await get('/desktop', proxied)).headers.location).toBe('/desktop/');

    const user = await get('/finesse/api/User/1001', { ...proxied, authorization: basic('1001') });
    expect(user.status).toBe(200);
    const stream = await get(
      '/sim/notifications/User/1001',
      { ...proxied, authorization: basic('1001') },
      true,
    );
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['x-accel-buffering']).toBe('no'); // nginx must not buffer the stream
    expect(stream.body).toContain('retry:');
  });

  it('follows a new map on the next poll, and gives the nodes their external URL through the proxy', async () => {
    chat.set('/proxymap.txt', {
      body: `127.0.0.1:${chat.port}=chat.xyz.test:443\n127.0.0.1:${simPort}=${EXTERNAL}\n`,
    });
    const { status, json } = await simApi('POST', '/reverse-proxy/poll');
    expect(status).toBe(200);
    expect(json.map.entries.map((e: { internal: string }) => e.internal)).toEqual([
      `127.0.0.1:${chat.port}`,
      `127.0.0.1:${simPort}`,
    ]);
    const nodes = (headers: Record<string, string>) =>
      get('/sim/api/nodes', headers).then(
        (answer) => JSON.parse(answer.body) as { url: string; self: boolean }[],
      );
    expect((await nodes(proxied))[0]).toMatchObject({ url: `https://${EXTERNAL}`, self: true });
    expect((await nodes(lan()))[0]).toMatchObject({ url: `http://127.0.0.1:${simPort}`, self: true });
  });

  it('treats the same request as LAN once its proxy is no longer allowed', async () => {
    expect((await simApi('DELETE', '/reverse-proxy/allowed-hosts?host=127.0.0.1')).status).toBe(200);
    expect((await get(ifrPath(), proxied)).body).toContain(`//127.0.0.1:${chat.port}/gadget/gadget.js`);
    expect((await simApi('POST', '/reverse-proxy/allowed-hosts', { hosts: 'localhost' })).status).toBe(201);
    expect((await get(ifrPath(), proxied)).body).toContain('//chat.xyz.test:443/gadget/gadget.js');
  });
});
