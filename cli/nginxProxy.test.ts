/**
 * The standalone configuration running in a real nginx, unprivileged in a temp dir, in front of two
 * plain-HTTP chat servers: forwarded headers, the WebSocket upgrade, stickiness and the static cache
 * work as the comments in the output claim.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/freePort.ts';
import { startGeneratedNginx, type GeneratedNginx } from './testing/generatedNginx.ts';

const HOST = 'chat.proxy.test';

interface Upstream {
  server: Server;
  port: number;
  seen: { url: string; headers: IncomingHttpHeaders }[];
}

async function startUpstream(name: string): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const type = req.url === '/widget.js' ? 'text/javascript' : 'application/json';
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-cache',
      etag: '"v1"',
      'x-upstream': name,
    });
    res.end(req.url === '/widget.js' ? '/* widget */' : JSON.stringify({ name }));
  });
  server.on('upgrade', (req, socket) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, seen };
}

let dir: string;
let nginx: GeneratedNginx | undefined;
let port: number;
const upstreams: Upstream[] = [];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: HOST,
        path,
        headers: { host: `${HOST}:${port}`, ...headers },
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-proxy-'));
  upstreams.push(await startUpstream('a'), await startUpstream('b'));
  port = await freePort();
  nginx = await startGeneratedNginx({
    dir,
    host: HOST,
    map: upstreams.map((upstream) => `127.0.0.1:${upstream.port}=${HOST}:${port}`).join('\n'),
    args: ['--chat', `${HOST}:${port}`],
    probe: () => get('/health-probe'),
  });
});

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(upstreams.map((upstream) => new Promise((done) => upstream.server.close(done))));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the standalone configuration in a running nginx', () => {
  it('forwards the external host and scheme to the chat server', async () => {
    const reply = await get('/api/ping');
    expect(reply.status).toBe(200);
    const seen = upstreams
      .flatMap((upstream) => upstream.seen)
      .findLast((entry) => entry.url === '/api/ping')!;
    expect(seen.headers).toMatchObject({
      host: `${HOST}:${port}`,
      'x-forwarded-host': `${HOST}:${port}`,
      'x-forwarded-proto': 'https',
      'x-forwarded-port': String(port),
      'x-forwarded-for': '127.0.0.1',
    });
  });

  it('passes the WebSocket upgrade through to socket.io', async () => {
    const reply = await get('/socket.io/?EIO=4&transport=websocket', {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    expect(reply.status).toBe(101);
    const seen = upstreams
      .flatMap((upstream) => upstream.seen)
      .find((entry) => entry.url.startsWith('/socket.io/'))!;
    expect(seen.headers).toMatchObject({ upgrade: 'websocket', connection: 'upgrade' });
  });

  it('keeps one client on one chat server', async () => {
    const names = new Set<unknown>();
    for (let i = 0; i < 6; i += 1) names.add((await get(`/api/sticky/${i}`)).headers['x-upstream']);
    expect(names.size).toBe(1);
  });

  it('serves static files from its cache, but never requests with credentials', async () => {
    const count = () =>
      upstreams.flatMap((upstream) => upstream.seen).filter((entry) => entry.url === '/widget.js').length;
    const first = await get('/widget.js');
    const second = await get('/widget.js');
    expect([first.headers['x-cache-status'], second.headers['x-cache-status']]).toEqual(['MISS', 'HIT']);
    expect(second.body).toBe('/* widget */');
    expect(count()).toBe(1);
    const withAuth = await get('/widget.js', { authorization: 'Basic YWdlbnQ6c2VjcmV0' });
    expect(withAuth.headers['x-cache-status']).toBe('BYPASS');
    expect(count()).toBe(2);
    const api = await get('/api/ping');
    expect(api.headers['x-cache-status']).toBeUndefined();
  });
});
