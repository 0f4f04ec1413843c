import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProxyMap } from '../sdk/core/proxyMap.ts';
import { CliError } from './cliError.ts';
import { renderNginxConfig, type NginxConfigOptions } from './renderNginxConfig.ts';
import { all, headers, one, parseNginx, seconds, type NginxNode } from './testing/nginxTree.ts';

const SEED_003 = readFileSync(join(import.meta.dirname, 'testing/seed003.map'), 'utf8');
const CHAT_MAP = parseProxyMap(`${SEED_003}chat1.internal.com:8444=chat.xyz.com:8443
chat2.internal.com:8444=chat.xyz.com:8443
chat3.internal.com:8444=chat.xyz.com:8443
`);
const STATIC_PATHS = ['/widget.js', '/widget/', '/gadget/', '/desktop/assets/'];

function tree(options: NginxConfigOptions = {}, map = CHAT_MAP): NginxNode[] {
  return parseNginx(
    renderNginxConfig(map, {
      chat: ['chat1.internal.com:8444', 'chat2.internal.com:8444', 'chat3.internal.com:8444'],
      ...options,
    }),
  );
}

/** Server blocks that proxy (not the catch-alls that refuse unknown names). */
function proxyServers(nodes: readonly NginxNode[]): NginxNode[] {
  return all(nodes, 'server').filter((server) => all(server.children!, 'location').length > 0);
}

function serverFor(nodes: readonly NginxNode[], name: string): NginxNode[] {
  const found = proxyServers(nodes).find((server) => one(server.children!, 'server_name').args[0] === name);
  if (!found) throw new Error(`no server block for ${name}`);
  return found.children!;
}

function location(server: readonly NginxNode[], path: string): NginxNode[] {
  const found = all(server, 'location').find(
    (node) => node.args.join(' ') === path || node.args.at(-1) === path,
  );
  if (!found) throw new Error(`no location ${path}`);
  return found.children!;
}

describe('renderNginxConfig', () => {
  it('makes one upstream per external host:port, sticky when several servers share it', () => {
    const nodes = tree();
    const upstreams = all(nodes, 'upstream');
    expect(upstreams).toHaveLength(8); // the seven hosts of Cisco's example map and one chat group
    const chat = upstreams.find((node) => node.args[0] === 'hybrid_chat_chat_chat_xyz_com_8443')!.children!;
    expect(all(chat, 'server').map((node) => node.args[0])).toEqual([
      'chat1.internal.com:8444',
      'chat2.internal.com:8444',
      'chat3.internal.com:8444',
    ]);
    expect(one(chat, 'hash').args).toEqual(['$remote_addr', 'consistent']);
    const finesse = upstreams.find((node) => node.args[0] === 'hybrid_chat_finesse_finesse1_xyz_com_443')!;
    expect(all(finesse.children!, 'server').map((node) => node.args[0])).toEqual([
      'finesse1.internal.com:8445',
    ]);
    expect(all(finesse.children!, 'hash')).toEqual([]);
  });

  it('gives every external host:port a TLS server block that forwards to its upstream', () => {
    const nodes = tree();
    expect(proxyServers(nodes).map((server) => one(server.children!, 'server_name').args[0])).toEqual([
      'finesse1.xyz.com',
      'finesse2.xyz.com',
      'idspub.xyz.com',
      'idssub.xyz.com',
      'idp.xyz.com',
      'cuicpub.xyz',
      'cuicsub.xyz',
      'chat.xyz.com',
    ]);
    const cuic = serverFor(nodes, 'cuicpub.xyz');
    expect(one(cuic, 'listen').args).toEqual(['8444', 'ssl', 'http2']);
    expect(one(cuic, 'ssl_certificate').args).toEqual(['/etc/nginx/ssl/cuicpub.xyz.crt']);
    expect(one(cuic, 'ssl_certificate_key').args).toEqual(['/etc/nginx/ssl/cuicpub.xyz.key']);
    expect(one(cuic, 'ssl_protocols').args).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(one(location(cuic, '/'), 'proxy_pass').args).toEqual([
      'https://hybrid_chat_finesse_cuicpub_xyz_8444',
    ]);
    expect(one(cuic, 'proxy_ssl_name').args).toEqual(['cuicpub.internal.com']);
  });

  it('upgrades WebSockets and forwards the client-facing host and scheme in every block', () => {
    const nodes = tree();
    const map = one(nodes, 'map');
    expect(map.args).toEqual(['$http_upgrade', '$connection_upgrade']);
    expect(map.children).toEqual([
      { name: 'default', args: ['upgrade'] },
      { name: '', args: [''] },
    ]);
    for (const server of proxyServers(nodes)) {
      const body = server.children!;
      expect(one(body, 'proxy_http_version').args).toEqual(['1.1']);
      expect(headers(body)).toEqual({
        Upgrade: '$http_upgrade',
        Connection: '$connection_upgrade',
        Host: '$host:$server_port',
        'X-Forwarded-For': '$proxy_add_x_forwarded_for',
        'X-Forwarded-Proto': '$scheme',
        'X-Forwarded-Host': '$host:$server_port',
        'X-Forwarded-Port': '$server_port',
      });
      // socket.io: 25 s ping interval + 20 s ping timeout.
      expect(seconds(one(body, 'proxy_read_timeout').args[0])).toBeGreaterThan(45);
      expect(seconds(one(body, 'proxy_send_timeout').args[0])).toBeGreaterThan(45);
      expect(one(body, 'client_max_body_size').args).toEqual(['25m']);
      // Locations inherit the headers: none of them sets its own (that would drop the others).
      for (const loc of all(body, 'location')) expect(all(loc.children!, 'proxy_set_header')).toEqual([]);
    }
  });

  it('writes the two Upgrade lines on their own lines, once per server block', () => {
    const text = renderNginxConfig(CHAT_MAP, { chat: ['chat.xyz.com:8443'] });
    expect(text.match(/^ *proxy_set_header Upgrade \$http_upgrade;$/gm)).toHaveLength(8);
    expect(text.match(/^ *proxy_set_header Connection \$connection_upgrade;$/gm)).toHaveLength(8);
  });

  it('caches static paths only, with revalidation, and never requests with credentials', () => {
    const nodes = tree();
    const cached: string[] = [];
    for (const server of proxyServers(nodes)) {
      expect(all(server.children!, 'proxy_cache')).toEqual([]);
      for (const loc of all(server.children!, 'location')) {
        if (all(loc.children!, 'proxy_cache').length === 0) continue;
        cached.push(loc.args.at(-1)!);
        const body = loc.children!;
        expect(one(body, 'proxy_cache').args).toEqual(['hybrid_chat_static']);
        expect(one(body, 'proxy_cache_revalidate').args).toEqual(['on']);
        expect(one(body, 'proxy_cache_use_stale').args).toContain('updating');
        expect(one(body, 'proxy_cache_key').args).toEqual(['$scheme$proxy_host$request_uri']);
        expect(one(body, 'proxy_cache_bypass').args).toEqual(['$http_authorization']);
        expect(one(body, 'proxy_no_cache').args).toEqual(['$http_authorization']);
      }
    }
    expect(new Set(cached)).toEqual(new Set(STATIC_PATHS));
    expect(cached.filter((path) => path === '/widget/')).toHaveLength(1); // chat block only
    expect(cached.filter((path) => path === '/desktop/assets/')).toHaveLength(7); // every Finesse/Cisco host
    expect(one(nodes, 'proxy_cache_path').args[0]).toBe('/var/cache/nginx/hybrid-chat');
    const chat = serverFor(nodes, 'chat.xyz.com');
    expect(all(location(chat, '/widget.js'), 'proxy_cache')).toHaveLength(1);
    expect(all(chat, 'location').find((node) => node.args[0] === '=')?.args).toEqual(['=', '/widget.js']);
  });

  it('streams socket.io and notification paths unbuffered', () => {
    const nodes = tree();
    expect(one(location(serverFor(nodes, 'chat.xyz.com'), '/socket.io/'), 'proxy_buffering').args).toEqual([
      'off',
    ]);
    const finesse = serverFor(nodes, 'finesse1.xyz.com');
    for (const path of ['/ws/', '/http-bind', '/sim/notifications/']) {
      expect(one(location(finesse, path), 'proxy_buffering').args).toEqual(['off']);
    }
    expect(all(location(finesse, '/'), 'proxy_buffering')).toEqual([]);
  });

  it('refuses TLS for unknown names on every port, and serves IP hosts as the default', () => {
    const catchAlls = all(tree(), 'server').filter(
      (server) => all(server.children!, 'location').length === 0,
    );
    expect(catchAlls.map((server) => one(server.children!, 'listen').args)).toEqual([
      ['443', 'ssl', 'http2', 'default_server'],
      ['8443', 'ssl', 'http2', 'default_server'],
      ['8444', 'ssl', 'http2', 'default_server'],
    ]);
    for (const server of catchAlls)
      expect(one(server.children!, 'ssl_reject_handshake').args).toEqual(['on']);

    const ipMap = parseProxyMap('10.0.0.5:8444=203.0.113.7:8443\nchat.internal:8444=chat.example.com:8443\n');
    const nodes = tree({ chat: ['10.0.0.5:8444', 'chat.internal:8444'] }, ipMap);
    expect(all(nodes, 'server')).toHaveLength(2); // no catch-all: clients of the IP host send no SNI
    expect(one(serverFor(nodes, '203.0.113.7'), 'listen').args).toEqual([
      '8443',
      'ssl',
      'http2',
      'default_server',
    ]);
    expect(one(serverFor(nodes, 'chat.example.com'), 'listen').args).toEqual(['8443', 'ssl', 'http2']);
  });

  it('applies the scheme, listen, certificate, HTTP/2, body size and CA options', () => {
    const nodes = tree({
      upstreamScheme: 'https',
      chatScheme: 'http',
      listen: ['127.0.0.1', '::1'],
      certDir: '/srv/certs/',
      http2: false,
      maxBodySize: '50m',
      upstreamCa: '/srv/internal-ca.pem',
    });
    const chat = serverFor(nodes, 'chat.xyz.com');
    expect(all(chat, 'listen').map((node) => node.args)).toEqual([
      ['127.0.0.1:8443', 'ssl'],
      ['[::1]:8443', 'ssl'],
    ]);
    expect(one(location(chat, '/'), 'proxy_pass').args).toEqual([
      'http://hybrid_chat_chat_chat_xyz_com_8443',
    ]);
    expect(all(chat, 'proxy_ssl_server_name')).toEqual([]);
    expect(one(chat, 'ssl_certificate').args).toEqual(['/srv/certs/chat.xyz.com.crt']);
    expect(one(chat, 'client_max_body_size').args).toEqual(['50m']);
    const finesse = serverFor(nodes, 'finesse2.xyz.com');
    expect(one(location(finesse, '/'), 'proxy_pass').args).toEqual([
      'https://hybrid_chat_finesse_finesse2_xyz_com_443',
    ]);
    expect(one(finesse, 'proxy_ssl_verify').args).toEqual(['on']);
    expect(one(finesse, 'proxy_ssl_trusted_certificate').args).toEqual(['/srv/internal-ca.pem']);
  });

  it('accepts a chat server by the external host:port its servers share', () => {
    const text = renderNginxConfig(CHAT_MAP, { chat: ['CHAT.xyz.com:8443'] });
    expect(text).toContain('upstream hybrid_chat_chat_chat_xyz_com_8443 {');
    expect(text).toContain('location /socket.io/ {');
  });

  it('prints a complete nginx.conf under a prefix when standalone', () => {
    const text = renderNginxConfig(CHAT_MAP, {
      chat: ['chat.xyz.com:8443'],
      standalone: { prefix: '/tmp/hc proxy', foreground: true, user: 'www-data' },
    });
    const nodes = parseNginx(text);
    expect(one(nodes, 'daemon').args).toEqual(['off']);
    expect(one(nodes, 'user').args).toEqual(['www-data']);
    expect(one(nodes, 'pid').args).toEqual(['/tmp/hc proxy/nginx.pid']);
    expect(one(nodes, 'error_log').args[0]).toBe('/tmp/hc proxy/error.log');
    expect(one(nodes, 'events').children).toEqual([{ name: 'worker_connections', args: ['16384'] }]);
    const http = one(nodes, 'http').children!;
    for (const directive of [
      'access_log',
      'client_body_temp_path',
      'proxy_temp_path',
      'fastcgi_temp_path',
      'uwsgi_temp_path',
      'scgi_temp_path',
      'proxy_cache_path',
    ]) {
      expect(one(http, directive).args[0]!.startsWith('/tmp/hc proxy/')).toBe(true);
    }
    expect(all(http, 'upstream')).toHaveLength(8);
    expect(text).toContain('pid "/tmp/hc proxy/nginx.pid";'); // quoted: the prefix has a space
    expect(renderNginxConfig(CHAT_MAP, { standalone: { prefix: '/tmp/p' } })).not.toMatch(
      /^\s*(daemon|user) /m,
    );
  });

  it('is deterministic and says where it came from', () => {
    const options = { chat: ['chat.xyz.com:8443'], source: 'https://proxy.xyz.com:10000/proxymap.txt' };
    const text = renderNginxConfig(CHAT_MAP, options);
    expect(
      renderNginxConfig(
        parseProxyMap(`${SEED_003}chat1.internal.com:8444=chat.xyz.com:8443
chat2.internal.com:8444=chat.xyz.com:8443
chat3.internal.com:8444=chat.xyz.com:8443
`),
        { ...options },
      ),
    ).toBe(text);
    expect(text).toContain('from https://proxy.xyz.com:10000/proxymap.txt (10 map lines)');
    expect(text).toContain('#      map line 9: chat2.internal.com:8444=chat.xyz.com:8443');
  });

  it.each([
    [
      { chat: ['chat9.internal.com:8444'] },
      '--chat chat9.internal.com:8444: neither side of any line in the map',
    ],
    [{ chat: ['chat1.internal.com'] }, '--chat chat1.internal.com: missing port'],
    [
      { chat: ['chat1.internal.com:8444'] },
      'chat.xyz.com:8443 mixes chat servers (chat1.internal.com:8444 line 8)',
    ],
    [{ chat: [], maxBodySize: 'lots' }, '--max-body-size lots'],
    [{ chat: [], certDir: '/etc/$host' }, '--cert-dir'],
    [{ chat: [], listen: ['not an address'] }, '--listen not an address'],
    [{ chat: [], standalone: { prefix: 'relative/dir' } }, '--prefix relative/dir: must be an absolute path'],
  ])('refuses %j with a usage error', (options, message) => {
    let error: unknown;
    try {
      renderNginxConfig(CHAT_MAP, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('USAGE');
    expect((error as CliError).message).toContain(message);
  });
});
