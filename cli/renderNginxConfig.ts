/**
 * `renderNginxConfig(map, options)`: a ready nginx configuration for the hosts of a Finesse
 * proxy-config map (VPN-less access, docs/requirements.md): the Hybrid Chat server(s), which also serve the widget
 * and the gadget, and the Finesse/Cisco hosts. Pure and deterministic: the same map and options give
 * the same text, so the output can be diffed and kept under version control.
 */
import { formatHostPort, type ProxyMap } from '../sdk/core/proxyMap.ts';
import { CliError, usageError } from './cliError.ts';
import { createUpstreamNamer, isIpLiteral, listenAddress, listenOn, nginxValue } from './nginxSyntax.ts';
import { describeGroup, serverBlock, upstreamBlock, type UpstreamScheme } from './nginxServerBlocks.ts';
import { planProxyHosts, type ProxyHostGroup } from './planProxyHosts.ts';

export type { UpstreamScheme } from './nginxServerBlocks.ts';

export interface StandaloneOptions {
  /** Absolute directory for the pid file, logs, temp files and the cache; nginx needs no root. */
  prefix: string;
  /** `daemon off;`: nginx stays in the foreground (tests, process supervisors). */
  foreground?: boolean;
  /** `user` of the worker processes when the master runs as root (else nginx uses `nobody`). */
  user?: string;
}

export interface NginxConfigOptions {
  /** Chat servers: internal host:port (left side) or the external host:port they share (right side). */
  chat?: readonly string[];
  /**
   * Desktop Chat's IM servers (Cisco IM and Presence, Prosody), named like `chat`: served for BOSH and
   * XMPP over WebSocket (unbuffered, long timeouts, never cached).
   */
  xmpp?: readonly string[];
  /** Scheme to the internal servers; default https. */
  upstreamScheme?: UpstreamScheme;
  chatScheme?: UpstreamScheme;
  finesseScheme?: UpstreamScheme;
  xmppScheme?: UpstreamScheme;
  /** Directory of `<external-host>.crt` / `.key`; default /etc/nginx/ssl. */
  certDir?: string;
  /** Addresses to listen on; default all IPv4 addresses. */
  listen?: readonly string[];
  /** `http2` on the listen lines; default true ("Cisco Finesse VPN-less access" asks for HTTP/2 and TLS 1.2). */
  http2?: boolean;
  /** client_max_body_size; default 25m. */
  maxBodySize?: string;
  /** proxy_cache_path; default /var/cache/nginx/hybrid-chat, or `<prefix>/cache` when standalone. */
  cacheDir?: string;
  /** CA file to verify the internal servers' certificates (https upstreams). */
  upstreamCa?: string;
  /** A complete nginx.conf instead of an http {} include. */
  standalone?: StandaloneOptions;
  /** Where the map came from, named in the header comment. */
  source?: string;
}

const DEFAULT_CERT_DIR = '/etc/nginx/ssl';
const DEFAULT_CACHE_DIR = '/var/cache/nginx/hybrid-chat';

function indent(text: readonly string[]): string[] {
  return text.map((line) => (line === '' ? '' : `    ${line}`));
}

function join(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

function httpContext(map: ProxyMap, options: NginxConfigOptions): string[] {
  const chat = options.chat ?? [];
  const groups = planProxyHosts(map, chat, options.xmpp ?? []);
  const maxBodySize = options.maxBodySize ?? '25m';
  if (!/^\d+[kmg]?$/i.test(maxBodySize))
    throw usageError(`--max-body-size ${maxBodySize}: use a size like 25m`);
  const certDir = options.certDir ?? DEFAULT_CERT_DIR;
  const cacheDir =
    options.cacheDir ?? (options.standalone ? join(options.standalone.prefix, 'cache') : DEFAULT_CACHE_DIR);
  const addresses = (options.listen ?? []).map(listenAddress);
  const listenAddresses = addresses.length > 0 ? [...new Set(addresses)] : [undefined];
  const upstreamCa =
    options.upstreamCa === undefined ? undefined : nginxValue(options.upstreamCa, '--upstream-ca');
  const nameUpstream = createUpstreamNamer();

  // A client that connects to an IP address sends no SNI, so nginx picks the port's default server:
  // that must be the IP host's block. Every other port gets a catch-all that refuses the handshake.
  const ipDefaults = new Map<number, ProxyHostGroup>();
  for (const group of groups) {
    if (isIpLiteral(group.external.host) && !ipDefaults.has(group.external.port)) {
      ipDefaults.set(group.external.port, group);
    }
  }

  const blocks = groups.flatMap((group) => {
    const scheme =
      { chat: options.chatScheme, xmpp: options.xmppScheme, finesse: options.finesseScheme }[group.kind] ??
      options.upstreamScheme ??
      'https';
    const host = group.external.host;
    const settings = {
      upstream: nameUpstream(group.kind, group.external),
      scheme,
      listen: listenAddresses.map((address) => listenOn(address, group.external.port)),
      defaultServer: ipDefaults.get(group.external.port) === group,
      http2: options.http2 ?? true,
      certificate: nginxValue(join(certDir, `${host}.crt`), '--cert-dir'),
      certificateKey: nginxValue(join(certDir, `${host}.key`), '--cert-dir'),
      maxBodySize,
      upstreamCa,
    };
    return [
      '',
      `# ---- ${describeGroup(group)}`,
      ...group.members.map(
        (entry) =>
          `#      map line ${entry.line}: ${formatHostPort(entry.internal)}=${formatHostPort(entry.external)}`,
      ),
      ...upstreamBlock(group, settings),
      '',
      ...serverBlock(group, settings),
    ];
  });

  const ports = [...new Set(groups.map((group) => group.external.port))].sort((a, b) => a - b);
  const catchAll = ports
    .filter((port) => !ipDefaults.has(port))
    .flatMap((port) => [
      '',
      `# Port ${port}: names that are not in the map (scanners, clients without SNI) get no TLS handshake,`,
      '# so they learn nothing and need no certificate.',
      'server {',
      ...indent([
        ...listenAddresses.map(
          (address) =>
            `listen ${listenOn(address, port)} ssl${(options.http2 ?? true) ? ' http2' : ''} default_server;`,
        ),
        'server_name _;',
        'ssl_reject_handshake on;',
      ]),
      '}',
    ]);

  return [
    '# WebSocket: "Connection: upgrade" only when the client asked for an upgrade; otherwise no',
    '# Connection header at all, which keeps the upstream keepalive connections reusable.',
    '# (If your nginx already defines $connection_upgrade elsewhere, delete this map.)',
    'map $http_upgrade $connection_upgrade {',
    '    default upgrade;',
    "    '' '';",
    '}',
    '',
    '# Static files (gadget, widget, Finesse desktop assets) are cached here and revalidated (Cisco asks for',
    '# "periodic revalidation of cached content"); 10 MB of keys hold about 80,000 files.',
    `proxy_cache_path ${nginxValue(cacheDir, '--cache-dir')} levels=1:2 keys_zone=hybrid_chat_static:10m max_size=1g inactive=7d use_temp_path=off;`,
    ...blocks,
    ...catchAll,
  ];
}

function header(map: ProxyMap, options: NginxConfigOptions): string[] {
  const from = options.source ? ` from ${options.source}` : '';
  const usage = options.standalone
    ? [
        '# A complete nginx.conf that runs without root:',
        `#   nginx -p ${options.standalone.prefix} -c <this file>      (nginx -t … to check it)`,
      ]
    : [
        '# For the http {} context: save it as e.g. /etc/nginx/conf.d/hybrid-chat.conf, then',
        '#   nginx -t && nginx -s reload',
      ];
  return [
    '# Reverse proxy for Hybrid Chat and Cisco Finesse (VPN-less access, Finesse proxy-config map).',
    `# Generated by \`hybrid-chat proxy nginx\`${from} (${map.entries.length} map lines);`,
    '# regenerate it whenever the map changes: every external host:port of the map must be served here.',
    ...usage,
    '#',
    '# Each external host:port gets a TLS server block named after it that forwards to its internal',
    '# host:port; several internal servers behind one external host:port form one sticky upstream.',
    `# Certificates: <external-host>.crt and .key in ${options.certDir ?? DEFAULT_CERT_DIR}.`,
    '# nginx resolves the internal host names when it loads this file: they must resolve on the proxy.',
  ];
}

function standaloneMain(standalone: StandaloneOptions, http: readonly string[]): string[] {
  const at = (file: string) => nginxValue(join(standalone.prefix, file), '--prefix');
  return [
    '# Started as root, nginx runs its workers as `nobody` unless a user is set here (--user); the',
    '# workers write temp files and the cache under the prefix, so that user needs access to it.',
    ...(standalone.user ? [`user ${nginxValue(standalone.user, '--user')};`] : []),
    ...(standalone.foreground
      ? ['# Stay in the foreground (a test or a process supervisor owns nginx).', 'daemon off;']
      : []),
    'worker_processes 1;',
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')} notice;`,
    '',
    'events {',
    '    # Each chat socket is two connections (client and chat server): 16,384 is about 8,000 sockets.',
    '    # nginx warns at start if the open-files limit (ulimit -n) is lower; raise it with the count.',
    '    worker_connections 16384;',
    '}',
    '',
    'http {',
    ...indent([
      `access_log ${at('access.log')};`,
      '# Every file nginx writes stays under the prefix.',
      `client_body_temp_path ${at('client_body_temp')};`,
      `proxy_temp_path ${at('proxy_temp')};`,
      `fastcgi_temp_path ${at('fastcgi_temp')};`,
      `uwsgi_temp_path ${at('uwsgi_temp')};`,
      `scgi_temp_path ${at('scgi_temp')};`,
      'default_type application/octet-stream;',
      '',
      ...http,
    ]),
    '}',
  ];
}

export function renderNginxConfig(map: ProxyMap, options: NginxConfigOptions = {}): string {
  if (map.entries.length === 0) throw new CliError('INVALID_MAP', 'the map has no entries: nothing to proxy');
  const standalone = options.standalone;
  if (standalone && !standalone.prefix.startsWith('/')) {
    throw usageError(`--prefix ${standalone.prefix}: must be an absolute path`);
  }
  const http = httpContext(map, options);
  const body = standalone ? standaloneMain(standalone, http) : http;
  return [...header(map, options), '', ...body].join('\n') + '\n';
}
