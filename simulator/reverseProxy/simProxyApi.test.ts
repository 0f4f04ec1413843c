import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from '../createSimulator.ts';
import { testSimulator } from '../testSupport.ts';
import { startMapServer, type MapServer } from './testMapServer.ts';

let sim: Simulator;
let maps: MapServer;
beforeEach(async () => {
  maps = await startMapServer();
  maps.set('/a.txt', { body: 'chat.test:8444=chat.xyz.com:443\n' });
  maps.set('/b.txt', { body: 'chat.test:8444=chat-b.xyz.com:443\n' });
});
afterEach(async () => {
  await sim?.close();
  await maps.close();
});

const CHAT = 'http://chat.test:8444';
const GADGET = `<Module><ModulePrefs title="t"/>
<UserPref name="externalServerHostAndPort_chat" default_value="chat.test:8444"/>
<UserPref name="page" default_value="chat.test:8444"/>
<Content type="url" href="http://__UP_page__/page.html"/></Module>`;

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  sim.app.inject({ method, url: `/sim/api/reverse-proxy${url}`, ...(payload ? { payload } : {}) });

describe('reverse-proxy control API (/sim/api/reverse-proxy)', () => {
  it('adds config URIs (polling at once), lists them in order and deletes them', async () => {
    sim = testSimulator();
    const empty = await api('GET', '');
    expect(empty.json()).toMatchObject({ configUris: [], map: null, lastGoodPollAt: null, lastPoll: null });

    const added = await api('POST', '/config-uris', { uri: `${maps.url}/a.txt` });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      configUris: [`${maps.url}/a.txt`],
      map: {
        uri: `${maps.url}/a.txt`,
        entries: [{ internal: 'chat.test:8444', external: 'chat.xyz.com:443' }],
      },
      lastPoll: { uri: `${maps.url}/a.txt`, failures: [] },
    });

    // The newest one wins.
    const second = await api('POST', '/config-uris', { uri: `${maps.url}/b.txt` });
    expect(second.json().map.uri).toBe(`${maps.url}/b.txt`);
    expect((await api('GET', '/map')).json()).toEqual({
      map: expect.objectContaining({ uri: `${maps.url}/b.txt` }),
      lastGoodPollAt: second.json().lastGoodPollAt,
    });
    expect((await api('POST', '/config-uris', { uri: `${maps.url}/c.txt` })).statusCode).toBe(409);
    expect((await api('POST', '/config-uris', { uri: `${maps.url}/a.txt` })).statusCode).toBe(409);
    expect((await api('POST', '/config-uris', { uri: 'file:///etc/passwd' })).statusCode).toBe(400);
    expect((await api('POST', '/config-uris', {})).statusCode).toBe(400);

    const deleted = await api('DELETE', `/config-uris?uri=${encodeURIComponent(`${maps.url}/b.txt`)}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({
      configUris: [`${maps.url}/a.txt`],
      map: { uri: `${maps.url}/a.txt` },
    });
    expect((await api('DELETE', '/config-uris?uri=http%3A%2F%2Fnope.test%2F')).statusCode).toBe(404);
    expect((await api('DELETE', '/config-uris')).statusCode).toBe(400);
    expect((await api('DELETE', '/config-uris?all=true')).json()).toMatchObject({
      configUris: [],
      map: null,
    });
  });

  it('reports a failing poll without losing the map', async () => {
    sim = testSimulator({ reverseProxy: { mapUrls: [`${maps.url}/a.txt`] } });
    await api('POST', '/poll');
    maps.set('/a.txt', { body: 'chat.test=x\n' });
    const status = (await api('POST', '/poll')).json();
    expect(status.lastPoll).toMatchObject({
      uri: null,
      failures: [{ uri: `${maps.url}/a.txt`, lines: [1] }],
    });
    expect(status.map.entries).toHaveLength(1);
  });

  it('adds allowed hosts as a list or a comma-separated string, refuses bad ones, deletes them', async () => {
    sim = testSimulator();
    const added = await api('POST', '/allowed-hosts', { hosts: '10.78.95.178, 10.78.95.179' });
    expect(added.statusCode).toBe(201);
    expect(added.json().allowedHosts).toEqual([
      { host: '10.78.95.178', addresses: ['10.78.95.178'] },
      { host: '10.78.95.179', addresses: ['10.78.95.179'] },
    ]);
    const bad = await api('POST', '/allowed-hosts', { hosts: ['10.0.0.1', 'bad host!'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/bad host!/);
    expect((await api('DELETE', '/allowed-hosts?host=10.78.95.178')).json().allowedHosts).toHaveLength(1);
    expect((await api('DELETE', '/allowed-hosts?host=10.78.95.178')).statusCode).toBe(404);
    expect((await api('DELETE', '/allowed-hosts?all=true')).json().allowedHosts).toEqual([]);
  });

  it('sends a URL gadget through the proxy too, and only for a request from an allowed proxy', async () => {
    const fetch = vi.fn(async () => new Response(GADGET, { status: 200 }));
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch,
      reverseProxy: { mapUrls: [`${maps.url}/a.txt`], allowedHosts: ['192.0.2.1'] },
    });
    await api('POST', '/poll');
    const ifr = (remoteAddress: string) =>
      sim.app.inject({
        method: 'GET',
        url: `/gadgets/ifr?url=${encodeURIComponent(`${CHAT}/gadget.xml`)}`,
        remoteAddress,
        headers: { host: 'chat.xyz.com:443', 'x-forwarded-proto': 'https' },
      });
    const viaProxy = new URL(String((await ifr('192.0.2.1')).headers.location));
    expect(viaProxy.origin + viaProxy.pathname).toBe('https://chat.xyz.com/page.html');
    expect(viaProxy.searchParams.get('up_externalServerHostAndPort_chat')).toBe('chat.xyz.com:443');
    const onLan = new URL(String((await ifr('192.0.2.2')).headers.location));
    expect(onLan.origin + onLan.pathname).toBe(`${CHAT}/page.html`);
    expect(onLan.searchParams.get('up_externalServerHostAndPort_chat')).toBe('chat.test:8444');
  });
});
