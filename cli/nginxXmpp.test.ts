/**
 * `hybrid-chat proxy nginx --xmpp`: Desktop Chat's IM servers behind the proxy. The rules in the
 * output, then the standalone configuration in a real nginx in front of a real Prosody: a BOSH
 * session opened and a long-poll held and answered through the proxy, an XMPP WebSocket upgraded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyMap } from '../sdk/core/proxyMap.ts';
import { startProsody, type ProsodyServer } from '../server/testing/prosodyServer.ts';
import { renderNginxConfig } from './renderNginxConfig.ts';
import { freePort } from './testing/freePort.ts';
import { startGeneratedNginx, type GeneratedNginx } from './testing/generatedNginx.ts';
import { all, one, parseNginx, type NginxNode } from './testing/nginxTree.ts';
import { runInProcess } from './testing/runInProcess.ts';

const MAP = parseProxyMap(`finesse.internal.com:8445=finesse.xyz.com:443
chat.internal.com:8444=chat.xyz.com:8443
imp1.internal.com:5280=imp1.xyz.com:5280
imp2.internal.com:5280=imp2.xyz.com:5280
`);

function server(nodes: readonly NginxNode[], name: string): NginxNode[] {
  const found = all(nodes, 'server').find(
    (node) =>
      all(node.children!, 'location').length > 0 && one(node.children!, 'server_name').args[0] === name,
  );
  if (!found) throw new Error(`no server block for ${name}`);
  return found.children!;
}

const rootLocation = (block: readonly NginxNode[]) =>
  all(block, 'location').find((node) => node.args.join(' ') === '/')!.children!;

describe('proxy nginx --xmpp (rules)', () => {
  const nodes = parseNginx(
    renderNginxConfig(MAP, {
      chat: ['chat.internal.com:8444'],
      xmpp: ['imp1.xyz.com:5280', 'imp2.internal.com:5280'],
    }),
  );

  it('serves each IM server at its mapped external host:port, unbuffered, with timeouts above BOSH wait', () => {
    for (const [host, internal] of [
      ['imp1.xyz.com', 'imp1.internal.com:5280'],
      ['imp2.xyz.com', 'imp2.internal.com:5280'],
    ] as const) {
      const block = server(nodes, host);
      expect(all(block, 'listen').map((node) => node.args[0])).toEqual(['5280']);
      const root = rootLocation(block);
      expect(one(root, 'proxy_buffering').args).toEqual(['off']);
      expect(one(root, 'proxy_request_buffering').args).toEqual(['off']);
      // nginx ends an upstream read after 60 s by default; BOSH may hold a request up to its wait.
      expect(Number.parseInt(one(root, 'proxy_read_timeout').args[0]!, 10)).toBeGreaterThan(120);
      expect(all(root, 'proxy_cache')).toEqual([]);
      // XMPP over WebSocket: the upgrade headers and HTTP/1.1 to the IM server.
      expect(one(block, 'proxy_http_version').args).toEqual(['1.1']);
      const headers = all(block, 'proxy_set_header').map((node) => node.args.join(' '));
      expect(headers).toEqual(
        expect.arrayContaining(['Upgrade $http_upgrade', 'Connection $connection_upgrade']),
      );
      const upstream = all(nodes, 'upstream').find(
        (node) => node.args[0] === one(root, 'proxy_pass').args[0]!.replace(/^https:\/\//, ''),
      )!;
      expect(all(upstream.children!, 'server').map((node) => node.args[0])).toEqual([internal]);
    }
    // The chat server keeps its own rules (cached gadget files, socket.io).
    expect(all(server(nodes, 'chat.xyz.com'), 'location').length).toBeGreaterThan(2);
  });

  it('keeps one IM server per external host:port sticky, and refuses a host given twice or mixed', () => {
    const shared = parseProxyMap('a.internal:5280=imp.xyz.com:5280\nb.internal:5280=imp.xyz.com:5280\n');
    const block = parseNginx(renderNginxConfig(shared, { xmpp: ['imp.xyz.com:5280'] }));
    expect(one(all(block, 'upstream')[0]!.children!, 'hash').args).toEqual(['$remote_addr', 'consistent']);
    expect(() => renderNginxConfig(shared, { xmpp: ['a.internal:5280'] })).toThrow(
      'imp.xyz.com:5280 mixes IM servers (a.internal:5280 line 1) with other hosts (b.internal:5280 line 2)',
    );
    expect(() =>
      renderNginxConfig(MAP, { chat: ['chat.xyz.com:8443'], xmpp: ['chat.internal.com:8444'] }),
    ).toThrow('chat.internal.com:8444 is given to both --chat and --xmpp');
    expect(() => renderNginxConfig(MAP, { xmpp: ['imp9.internal.com:5280'] })).toThrow(
      '--xmpp imp9.internal.com:5280: neither side of any line in the map',
    );
  });

  it('takes --xmpp and --xmpp-scheme on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-xmpp-map-'));
    try {
      writeFileSync(join(dir, 'map.txt'), 'imp1.internal.com:5280=imp1.xyz.com:5280\n');
      const result = await runInProcess([
        'proxy',
        'nginx',
        join(dir, 'map.txt'),
        '--xmpp',
        'imp1.internal.com:5280',
        '--xmpp-scheme',
        'http',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('IM server of Desktop Chat (BOSH, XMPP over WebSocket, file share)');
      expect(result.stdout).toMatch(/proxy_pass http:\/\/hybrid_chat_xmpp_imp1_xyz_com_5280;/);
      const bad = await runInProcess(['proxy', 'nginx', join(dir, 'map.txt'), '--xmpp-scheme', 'ftp']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--xmpp-scheme ftp: use https or http');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- A real nginx in front of a real Prosody.

const HOST = 'imp.proxy.test';
let dir: string;
let nginx: GeneratedNginx | undefined;
let port: number;
let prosody: ProsodyServer;

interface Reply {
  status: number;
  body: string;
}

function send(options: RequestOptions, body?: string): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: HOST,
        rejectUnauthorized: false,
        agent: false,
        ...options,
        headers: { host: `${HOST}:${port}`, ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolveReply({ status: res.statusCode ?? 0, body: String(res.headers['sec-websocket-protocol']) });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bosh = (body: string) =>
  send({ method: 'POST', path: '/http-bind', headers: { 'content-type': 'text/xml; charset=utf-8' } }, body);

beforeAll(async () => {
  prosody = await startProsody({ domain: 'proxied.test' });
  dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-xmpp-proxy-'));
  port = await freePort();
  nginx = await startGeneratedNginx({
    dir,
    host: HOST,
    map: `127.0.0.1:${prosody.httpPort}=${HOST}:${port}`,
    args: ['--xmpp', `${HOST}:${port}`],
    probe: () => send({ path: '/' }),
  });
}, 30_000);

afterAll(async () => {
  await nginx?.stop();
  await prosody?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the generated configuration in a real nginx in front of Prosody', () => {
  it('opens a BOSH session and passes a held long-poll back when its wait ends', async () => {
    const open = await bosh(
      `<body rid='1000' to='proxied.test' wait='2' hold='1' ver='1.6' xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'/>`,
    );
    expect(open.status).toBe(200);
    const sid = /sid='([^']+)'/.exec(open.body)?.[1];
    expect(sid, open.body).toBeTruthy();
    // An empty request is held by Prosody for `wait` seconds, then answered empty through the proxy.
    const started = Date.now();
    const held = await bosh(`<body rid='1001' sid='${sid}' xmlns='http://jabber.org/protocol/httpbind'/>`);
    expect(held.status).toBe(200);
    expect(held.body).toMatch(/<body[^>]*httpbind/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  }, 15_000);

  it('upgrades XMPP over WebSocket (RFC 7395) to Prosody', async () => {
    const reply = await send({
      path: '/xmpp-websocket',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': 'xmpp',
      },
    });
    expect(reply).toEqual({ status: 101, body: 'xmpp' });
  });
});
