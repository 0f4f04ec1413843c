import type { IncomingMessage, Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createChatServer, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from '../createServer.ts';
import { FINESSE_URL, useTestServer } from '../testing/testServer.ts';
import { createProxyTrust, parseTrustedProxy } from './trustedProxies.ts';

/** A raw request as the socket.io handshake sees it. */
function rawRequest(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

const FORGED = {
  host: 'chat.internal:8444',
  'x-forwarded-host': 'chat.xyz.com',
  'x-forwarded-proto': 'https',
};

describe('parseTrustedProxy', () => {
  it.each([
    ['10.0.0.7', { address: '10.0.0.7', prefix: null, family: 'ipv4' }],
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    [' 192.168.1.0/24 ', { address: '192.168.1.0', prefix: 24, family: 'ipv4' }],
    ['::1', { address: '::1', prefix: null, family: 'ipv6' }],
    ['fd00::/8', { address: 'fd00::', prefix: 8, family: 'ipv6' }],
    ['proxy.xyz.com', null],
    ['10.0.0.0/33', null],
    ['fd00::/129', null],
    ['10.0.0.0/8/1', null],
    ['10.0.0.0/x', null],
    ['', null],
  ])('%j → %j', (entry, expected) => {
    expect(parseTrustedProxy(entry)).toEqual(expected);
  });
});

describe('createProxyTrust', () => {
  const trust = createProxyTrust(['10.1.2.3', '192.168.0.0/16', 'fd00::/8']);

  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['192.168.77.1', true],
    ['fd12::1', true],
    ['10.1.2.4', false],
    ['127.0.0.1', false],
    ['fe80::1', false],
    [undefined, false],
  ])('trusts %s: %s', (address, expected) => {
    expect(trust.trusts(address)).toBe(expected);
  });

  it('takes X-Forwarded-Host/-Proto from a trusted peer only', () => {
    expect(trust.host(rawRequest('10.1.2.3', FORGED))).toBe('chat.xyz.com');
    expect(trust.forwardedProtocol(rawRequest('10.1.2.3', FORGED))).toBe('https');
    expect(trust.host(rawRequest('203.0.113.9', FORGED))).toBe('chat.internal:8444');
    expect(trust.forwardedProtocol(rawRequest('203.0.113.9', FORGED))).toBeUndefined();
  });

  it('takes the last value a proxy chain appended, and ignores garbage', () => {
    const chained = {
      host: 'h:1',
      'x-forwarded-host': 'evil.example, Chat.XYZ.com:443',
      'x-forwarded-proto': 'http, https',
    };
    expect(trust.host(rawRequest('10.1.2.3', chained))).toBe('chat.xyz.com:443');
    expect(trust.forwardedProtocol(rawRequest('10.1.2.3', chained))).toBe('https');
    const garbage = { host: 'h:1', 'x-forwarded-host': 'a/b"<x>', 'x-forwarded-proto': 'gopher' };
    expect(trust.host(rawRequest('10.1.2.3', garbage))).toBe('h:1');
    expect(trust.forwardedProtocol(rawRequest('10.1.2.3', garbage))).toBeUndefined();
  });

  it("takes the client's address from X-Forwarded-For only through trusted hops", () => {
    const xff = (value: string) => ({ host: 'h:1', 'x-forwarded-for': value });
    // Direct from a client: its own address, whatever it claims.
    expect(trust.clientAddress(rawRequest('198.51.100.4', xff('1.2.3.4')))).toBe('198.51.100.4');
    expect(trust.clientAddress(rawRequest('::ffff:198.51.100.4', {}))).toBe('198.51.100.4');
    // Through the proxy: the hop it appended; a forged left part stays unread.
    expect(trust.clientAddress(rawRequest('10.1.2.3', xff('6.6.6.6, 203.0.113.9')))).toBe('203.0.113.9');
    // Through two trusted proxies: past both.
    expect(trust.clientAddress(rawRequest('10.1.2.3', xff('203.0.113.9, 192.168.5.5')))).toBe('203.0.113.9');
    // A trusted proxy that sent no (or a garbled) header: the proxy itself.
    expect(trust.clientAddress(rawRequest('10.1.2.3', {}))).toBe('10.1.2.3');
    expect(trust.clientAddress(rawRequest('10.1.2.3', xff('not-an-ip')))).toBe('10.1.2.3');
  });

  it('trusts nobody by default, and Fastify gets trustProxy false', () => {
    const none = createProxyTrust([]);
    expect(none.fastify).toBe(false);
    expect(none.host(rawRequest('127.0.0.1', FORGED))).toBe('chat.internal:8444');
    expect(typeof trust.fastify).toBe('function');
  });

  it('is configured from TRUSTED_PROXIES, and refuses what is not an IP or CIDR at startup', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.7, 10.0.0.0/8' }).trustedProxies).toEqual([
      '10.0.0.7',
      '10.0.0.0/8',
    ]);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.7,proxy.xyz.com' })).toThrow(/TRUSTED_PROXIES/);
  });
});

/** socket.io's polling handshake as a browser on `origin` sends it through a proxy. */
function handshake(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers });
}

async function gadgetDefault(url: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const xml = await (await fetch(`${url}/gadget.xml`, { headers })).text();
  return /name="externalServerHostAndPort_chat"[^>]*default_value="([^"]*)"/.exec(xml)?.[1];
}

const THROUGH_PROXY = {
  Origin: 'https://chat.xyz.com',
  'X-Forwarded-Host': 'chat.xyz.com',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-For': '198.51.100.20',
};

describe('chat server behind an untrusted peer (forged X-Forwarded-*)', () => {
  // The test client connects from 127.0.0.1, which is not in this list.
  const getServer = useTestServer({ trustedProxies: ['10.0.0.0/8'] });

  it('refuses a socket handshake whose same-origin claim rests on forged headers', async () => {
    const response = await handshake(getServer().url, THROUGH_PROXY);
    expect(response.status).toBe(403);
  });

  it("fills gadget.xml's default host:port from the Host header, not the forged one", async () => {
    expect(await gadgetDefault(getServer().url, { 'X-Forwarded-Host': 'chat.xyz.com:443' })).toBe(
      new URL(getServer().url).host,
    );
  });
});

describe('chat server behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  const getServer = useTestServer({ trustedProxies: ['127.0.0.1', '::1'] });

  it('accepts the socket handshake from the origin the proxy forwarded', async () => {
    const response = await handshake(getServer().url, THROUGH_PROXY);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^0\{"sid"/);
  });

  it('holds the forwarded scheme against the Origin (http through the proxy is another origin)', async () => {
    const response = await handshake(getServer().url, { ...THROUGH_PROXY, 'X-Forwarded-Proto': 'http' });
    expect(response.status).toBe(403);
  });

  it("fills gadget.xml's default host:port from X-Forwarded-Host", async () => {
    expect(await gadgetDefault(getServer().url, { 'X-Forwarded-Host': 'chat.xyz.com:443' })).toBe(
      'chat.xyz.com:443',
    );
    expect(await gadgetDefault(getServer().url)).toBe(new URL(getServer().url).host);
  });
});

describe('chat server with a proxy map (PROXY_MAP_FILE)', () => {
  const getServer = useTestServer({
    proxyOrigins: ['https://finesse1.xyz.com', 'https://chat.xyz.com:8443'],
  });

  it("allows the map's external origins in CORS and in the socket handshake, and nothing else", async () => {
    const { url } = getServer();
    const health = await fetch(`${url}/health`, { headers: { Origin: 'https://finesse1.xyz.com' } });
    expect(health.headers.get('access-control-allow-origin')).toBe('https://finesse1.xyz.com');
    const foreign = await fetch(`${url}/health`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    expect((await handshake(url, { Origin: 'https://finesse1.xyz.com' })).status).toBe(200);
    expect((await handshake(url, { Origin: 'https://chat.xyz.com:8443' })).status).toBe(200);
    expect((await handshake(url, { Origin: 'https://finesse1.xyz.com:8445' })).status).toBe(403);
  });
});

describe('timeouts behind a proxy', () => {
  it("keeps idle keep-alive connections longer than a proxy's upstream keepalive (60 s)", async () => {
    const config = loadConfig(
      {},
      { dbPath: ':memory:', finesseUrl: FINESSE_URL, logLevel: 'silent', tokenSecret: 'x'.repeat(32) },
    );
    const server = await createChatServer(config);
    try {
      const http = server.io.httpServer as unknown as Server;
      expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
      expect(http.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
      expect(http.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
      expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    } finally {
      await server.close();
    }
  });
});
