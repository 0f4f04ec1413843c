import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatConfigError, createChatConfigStore, desktopChatPrefs } from './chatConfig.ts';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator, xmlField } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const CHAT = 'http://chat.test:8444';
const ADMIN = { authorization: basic('admin', 'admin'), 'content-type': 'application/xml' };

/** The product's gadget.xml as the chat server serves it without XMPP_* (Desktop Chat prefs empty). */
const productGadgetXml = () =>
  readFileSync(new URL('../gadget.xml', import.meta.url), 'utf8')
    .replaceAll('%CHAT_HOST_PORT%', 'chat.test:8444')
    .replace(/%XMPP_[A-Z]+%/g, '');

const fakeFetch = (xml: string) =>
  vi.fn(async () => new Response(xml, { status: 200, headers: { 'content-type': 'application/xml' } }));

/** The prefs the container hands the gadget (its JSON context). */
async function gadgetPrefs(query = ''): Promise<Record<string, string>> {
  const url = `/gadgets/ifr?url=${encodeURIComponent(`${CHAT}/gadget.xml`)}&mid=0${query}`;
  const res = await sim.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  const json = /<script type="application\/json" id="finesse-sim-gadget-context">([^<]*)<\/script>/.exec(
    res.body,
  )?.[1];
  return (JSON.parse(json ?? 'null') as { prefs: Record<string, string> }).prefs;
}

const putChatConfig = (payload: string, headers: Record<string, string> = ADMIN) =>
  sim.app.inject({ method: 'PUT', url: '/finesse/api/ChatConfig', headers, payload });

describe('Desktop Chat Server Settings as gadget prefs', () => {
  it('maps the servers’ URLs to host:port, transport, scheme and path', () => {
    expect(
      Object.fromEntries(
        desktopChatPrefs({
          primary: 'https://IMP1.example.com:5280/httpbinding',
          secondary: 'https://imp2.example.com:5280/httpbinding/',
        }),
      ),
    ).toEqual({
      externalServerHostAndPort_xmppPrimary: 'imp1.example.com:5280',
      externalServerHostAndPort_xmppSecondary: 'imp2.example.com:5280',
      xmppTransport: 'bosh',
      xmppSecure: 'true',
      xmppPath: '/httpbinding',
    });
    expect(Object.fromEntries(desktopChatPrefs({ primary: 'ws://127.0.0.1:5290/', secondary: '' }))).toEqual({
      externalServerHostAndPort_xmppPrimary: '127.0.0.1:5290',
      externalServerHostAndPort_xmppSecondary: '',
      xmppTransport: 'websocket',
      // Plain ws/http: the page's scheme (https through the reverse proxy).
      xmppSecure: '',
      xmppPath: '',
    });
    // No primary: nothing, so the gadget XML's defaults (the chat server's XMPP_*) stay.
    expect(desktopChatPrefs({ primary: '', secondary: '' }).size).toBe(0);
  });

  it.each([
    [{ primary: 'imp.example.com:5280' }, 'primaryNode: the scheme must be'],
    [{ primary: 'ftp://imp.example.com/' }, 'primaryNode: the scheme must be'],
    [{ primary: 'https://u:p@imp.example.com/' }, 'primaryNode: a server URL without user'],
    [{ primary: 'https://imp.example.com/x?y=1' }, 'primaryNode: a server URL without user, query'],
    [{ secondary: 'https://imp2.example.com/' }, 'secondaryNode: a secondary server needs a primary'],
    [
      { primary: 'https://a.test/http-bind', secondary: 'http://b.test/http-bind' },
      'the scheme of the primary',
    ],
    [{ primary: 'https://a.test/http-bind', secondary: 'https://b.test/bind' }, 'the path of the primary'],
    [{ primary: 'https://a.test:443/', secondary: 'https://A.test/' }, 'is the primary server again'],
  ])('refuses %o, naming the field, and keeps the settings it had', (input, message) => {
    const store = createChatConfigStore({ primary: 'https://ok.test:5280/http-bind' });
    const attempt = () => store.set({ primary: '', secondary: '', ...input });
    expect(attempt).toThrow(ChatConfigError);
    expect(attempt).toThrow(message);
    expect(store.get().primary).toBe('https://ok.test:5280/http-bind');
  });

  it('fails the start on invalid settings', () => {
    expect(() => testSimulator({ desktopChat: { primary: 'not a url' } })).toThrow('primaryNode: not a URL');
  });
});

describe('ChatConfig admin API (/finesse/api/ChatConfig)', () => {
  it('reads and saves the settings as an administrator; agents get 401', async () => {
    sim = testSimulator({ desktopChat: { primary: 'http://127.0.0.1:5280/http-bind' } });
    const get = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/ChatConfig',
      headers: { authorization: basic('admin', 'admin') },
    });
    expect(get.statusCode).toBe(200);
    expect(xmlField(get.body, 'uri')).toBe('/finesse/api/ChatConfig');
    expect(xmlField(get.body, 'primaryNode')).toBe('http://127.0.0.1:5280/http-bind');
    expect(xmlField(get.body, 'secondaryNode')).toBe('');

    const agent = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/ChatConfig',
      headers: { authorization: basic('1001') },
    });
    expect(agent.statusCode).toBe(401);
    const agentPut = await putChatConfig(
      '<ChatConfig><primaryNode>https://evil.test/</primaryNode></ChatConfig>',
      {
        ...ADMIN,
        authorization: basic('1001'),
      },
    );
    expect(agentPut.statusCode).toBe(401);

    const put = await putChatConfig(
      '<ChatConfig><secondaryNode>http://127.0.0.1:5281/http-bind</secondaryNode></ChatConfig>',
    );
    expect(put.statusCode).toBe(200);
    // An element left out keeps its value.
    expect(sim.chatConfig.get()).toEqual({
      primary: 'http://127.0.0.1:5280/http-bind',
      secondary: 'http://127.0.0.1:5281/http-bind',
    });
  });

  it('answers 400 Invalid Input for a bad URL and keeps the old settings', async () => {
    sim = testSimulator({ desktopChat: { primary: 'http://127.0.0.1:5280/http-bind' } });
    const res = await putChatConfig(
      '<ChatConfig><primaryNode>javascript:alert(1)</primaryNode></ChatConfig>',
    );
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe('Invalid Input');
    expect(xmlField(res.body, 'ErrorMessage')).toContain('primaryNode: the scheme must be');
    expect(sim.chatConfig.get().primary).toBe('http://127.0.0.1:5280/http-bind');
  });
});

describe('the desktop passes the settings to the chat gadget', () => {
  it('as its Desktop Chat prefs, over the gadget XML defaults; never from the page URL', async () => {
    sim = testSimulator({ chatServerUrl: CHAT, fetch: fakeFetch(productGadgetXml()) });
    // Not configured: the gadget XML's (empty) defaults, and Desktop Chat stays off.
    expect((await gadgetPrefs())['externalServerHostAndPort_xmppPrimary']).toBe('');

    const put = await putChatConfig(
      '<ChatConfig><primaryNode>wss://imp1.example.com:7443/ws</primaryNode>' +
        '<secondaryNode>wss://imp2.example.com:7443/ws</secondaryNode></ChatConfig>',
    );
    expect(put.statusCode).toBe(200);
    const prefs = await gadgetPrefs('&up_externalServerHostAndPort_xmppPrimary=evil.test:1&up_xmppPath=/x');
    expect(prefs).toMatchObject({
      externalServerHostAndPort_xmppPrimary: 'imp1.example.com:7443',
      externalServerHostAndPort_xmppSecondary: 'imp2.example.com:7443',
      xmppTransport: 'websocket',
      xmppSecure: 'true',
      xmppPath: '/ws',
      // The IM domain stays the gadget XML's; xmppDomain remains the container's (Finesse's own).
      xmppImDomain: '',
      xmppDomain: 'localhost',
    });
  });

  it("leaves a gadget that is not the chat gadget alone, and the layout's own prefs win", async () => {
    sim = testSimulator({
      chatServerUrl: CHAT,
      fetch: fakeFetch(productGadgetXml()),
      desktopChat: { primary: 'http://127.0.0.1:5280/http-bind' },
      allowedGadgetHosts: ['other.test'],
      layout: {
        tabs: [
          {
            id: 'home',
            label: 'Home',
            gadgets: [
              { prefs: { xmppPath: '/bind' } },
              { url: 'http://other.test/gadget.xml', key: 'other' },
            ],
          },
        ],
      },
    });
    expect(await gadgetPrefs()).toMatchObject({
      externalServerHostAndPort_xmppPrimary: '127.0.0.1:5280',
      xmppTransport: 'bosh',
      xmppPath: '/bind',
    });
    const other = await sim.app.inject({
      method: 'GET',
      url: `/gadgets/ifr?url=${encodeURIComponent('http://other.test/gadget.xml')}&mid=1`,
    });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('127.0.0.1:5280');
  });
});
