/**
 * The upstream and server blocks for one external host:port of the proxy-config map. Every rule
 * says why it is there, so an administrator can adapt the output without guessing.
 */
import { formatHostPort } from '../sdk/core/proxyMap.ts';
import type { ProxyHostGroup } from './planProxyHosts.ts';

export type UpstreamScheme = 'http' | 'https';

/** Everything a server block needs, resolved from the options. */
export interface ServerBlockSettings {
  upstream: string;
  scheme: UpstreamScheme;
  /** `listen` arguments, one line each (`443`, `127.0.0.1:443`). */
  listen: readonly string[];
  /** Adds `default_server` to the listen lines (IP-literal hosts, which clients reach without SNI). */
  defaultServer: boolean;
  http2: boolean;
  certificate: string;
  certificateKey: string;
  maxBodySize: string;
  /** A CA file that makes the proxy verify the internal servers' certificates. */
  upstreamCa: string | undefined;
}

/** Cached and revalidated; never APIs, sockets or anything that carries credentials. */
const STATIC_PATHS: Record<ProxyHostGroup['kind'], readonly string[]> = {
  // The gadget (loaded into the Finesse desktop), the widget app and its loader script.
  chat: ['= /widget.js', '/widget/', '/gadget/'],
  // finesse.js, jQuery, desktop styles and images that gadgets load from the desktop.
  finesse: ['/desktop/assets/'],
  // Nothing of an IM server is cached: BOSH, WebSocket and file-share links all carry a session.
  xmpp: [],
};

/** Long-lived responses that must reach the browser as they are written (no proxy buffering). */
const STREAM_PATHS: Record<ProxyHostGroup['kind'], readonly { path: string; why: string }[]> = {
  chat: [{ path: '/socket.io/', why: 'socket.io: WebSocket, or HTTP long-polling when the upgrade fails' }],
  finesse: [
    { path: '/ws/', why: 'Finesse notifications: XMPP over WebSocket' },
    { path: '/http-bind', why: 'Finesse notifications over BOSH long-polling (deprecated, still served)' },
    { path: '/sim/notifications/', why: "the Finesse simulator's notifications (Server-Sent Events)" },
  ],
  // The whole IM server is streams (its `location /`, see XMPP_ROOT): BOSH and WebSocket paths differ
  // between servers (Cisco IM and Presence's HTTP binding path, Prosody's /http-bind and /xmpp-websocket).
  xmpp: [],
};

/**
 * Desktop Chat's IM server (Cisco IM and Presence, Prosody) for every path: BOSH long-polling
 * (XEP-0124/0206) and XMPP over WebSocket (RFC 7395, upgraded by the Upgrade/Connection lines of the
 * server block), plus XEP-0363 file uploads and downloads.
 */
const XMPP_ROOT = [
  '# BOSH answers a request only when a stanza arrives or its `wait` runs out, and each answer must',
  '# reach the browser at once: no buffering either way (uploads to the file share stream too).',
  'proxy_buffering off;',
  'proxy_request_buffering off;',
  "# Above the longest BOSH wait a server grants (Hybrid Chat's SDK asks for 30 s; Prosody allows up to",
  "# bosh_max_wait, 120 s by default) and above the SDK's XEP-0199 ping on an idle WebSocket (60 s):",
  '# nginx would otherwise end a healthy long-poll or socket after its 60 s default.',
  'proxy_read_timeout 130s;',
  'proxy_send_timeout 130s;',
];

const TITLES: Record<ProxyHostGroup['kind'], string> = {
  chat: 'Hybrid Chat server (gadget, widget, socket.io)',
  xmpp: 'IM server of Desktop Chat (BOSH, XMPP over WebSocket, file share)',
  finesse: 'Finesse or another Cisco host of the map (IdS, CUIC, IdP)',
};

function lines(indent: string, body: readonly string[]): string[] {
  return body.map((line) => (line === '' ? '' : indent + line));
}

export function upstreamBlock(group: ProxyHostGroup, settings: ServerBlockSettings): string[] {
  const servers = group.members.map((entry) => `server ${formatHostPort(entry.internal)};`);
  const why =
    group.kind === 'xmpp'
      ? [
          '# Sticky sessions: every request of a BOSH session must reach the IM server that opened it (another',
          '# one answers item-not-found), and a stream resumed after a drop (XEP-0198) lives on that server.',
        ]
      : [
          '# Sticky sessions: socket.io long-polling sends every request of a session to the server that',
          '# opened it (another server answers "Session ID unknown"), and Finesse keeps sessions per node.',
        ];
  const sticky =
    group.members.length > 1
      ? [
          ...why,
          '# `hash $remote_addr consistent` rather than ip_hash: ip_hash uses only the first three octets',
          '# of an IPv4 address (a whole /24, often one office NAT, lands on one server), and consistent',
          '# (ketama) hashing of the full address moves only the clients of a server that is added or',
          '# removed. Behind a CDN or another proxy, restore the client address first (real_ip_header).',
          'hash $remote_addr consistent;',
        ]
      : [];
  return [
    `upstream ${settings.upstream} {`,
    ...lines('    ', [
      ...sticky,
      ...servers,
      '# Reuse connections to the servers (HTTP/1.1 and no "Connection: close"; see the map above).',
      'keepalive 16;',
    ]),
    '}',
  ];
}

function tlsLines(group: ProxyHostGroup, settings: ServerBlockSettings): string[] {
  return [
    '# Certificate for the external name (one per hostname the internet clients use).',
    `ssl_certificate ${settings.certificate};`,
    `ssl_certificate_key ${settings.certificateKey};`,
    '# TLS 1.2 and 1.3 only; TLS 1.2 ciphers of Mozilla\'s "intermediate" profile (forward secrecy, AEAD).',
    'ssl_protocols TLSv1.2 TLSv1.3;',
    'ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:' +
      'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;',
    'ssl_prefer_server_ciphers off;',
    'ssl_session_cache shared:hybrid_chat_tls:10m;',
    'ssl_session_timeout 1d;',
    'ssl_session_tickets off;',
    'server_tokens off;',
    ...(settings.scheme === 'https' ? upstreamTlsLines(group, settings) : []),
  ];
}

function upstreamTlsLines(group: ProxyHostGroup, settings: ServerBlockSettings): string[] {
  const first = group.members[0].internal.host;
  const several = group.members.length > 1;
  return [
    '',
    '# The internal servers speak TLS too; SNI carries the internal name' +
      (several ? ` (one name per upstream: ${first}).` : '.'),
    'proxy_ssl_server_name on;',
    `proxy_ssl_name ${first};`,
    'proxy_ssl_protocols TLSv1.2 TLSv1.3;',
    ...(settings.upstreamCa
      ? [
          '# Verify the internal servers against this CA (--upstream-ca).',
          'proxy_ssl_verify on;',
          `proxy_ssl_trusted_certificate ${settings.upstreamCa};`,
          'proxy_ssl_verify_depth 3;',
        ]
      : [
          '# Their certificates are NOT verified (Finesse and CUIC often use self-signed ones); run the',
          '# tool with --upstream-ca <file> to verify them.',
        ]),
  ];
}

/** Applies to every location of the block: nginx inherits proxy_set_header only as a whole set. */
function proxyLines(settings: ServerBlockSettings): string[] {
  return [
    `# Chat file uploads and API bodies up to ${settings.maxBodySize}; larger requests get 413.`,
    `client_max_body_size ${settings.maxBodySize};`,
    '',
    '# HTTP/1.1 to the servers: required for WebSocket and for upstream keepalive.',
    'proxy_http_version 1.1;',
    '# WebSocket upgrade (RFC 6455 §4.1; both headers are hop-by-hop, so nginx drops them unless set).',
    '# Without these two lines socket.io never leaves HTTP long-polling.',
    'proxy_set_header Upgrade $http_upgrade;',
    'proxy_set_header Connection $connection_upgrade;',
    '# The servers see the external host:port the client used: Finesse rewrites gadget preferences',
    "# from the map's right-hand side, the chat server checks origins and builds URLs.",
    'proxy_set_header Host $host:$server_port;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Host $host:$server_port;',
    'proxy_set_header X-Forwarded-Port $server_port;',
    "# Idle limits above socket.io's heartbeat: it pings every 25 s and waits 20 s for the pong, so a",
    '# healthy WebSocket or long-poll can be silent for up to 45 s (nginx closes it after 60 s by',
    '# default, and with these timeouts after 75 s; event streams ping every 15 s).',
    'proxy_read_timeout 75s;',
    'proxy_send_timeout 75s;',
  ];
}

/** The same rules in every static location; the first one of a block explains them. */
function cacheLines(explain: boolean): string[] {
  const why = (...comment: string[]) => (explain ? comment.map((line) => `# ${line}`) : []);
  return [
    'proxy_cache hybrid_chat_static;',
    ...why('The upstream name is unique per external host:port: hosts never share an entry.'),
    'proxy_cache_key $scheme$proxy_host$request_uri;',
    ...why(
      'The servers send "Cache-Control: no-cache" with ETag/Last-Modified so browsers revalidate; the',
      'proxy keeps its copy for a minute, then revalidates it with a conditional request (a 304',
      'refreshes it), so a new deployment shows within a minute without clearing the cache.',
    ),
    'proxy_ignore_headers Cache-Control Expires;',
    'proxy_cache_valid 200 1m;',
    'proxy_cache_revalidate on;',
    ...why('Serve the cached copy while it is refreshed, and while the server is down or failing.'),
    'proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;',
    'proxy_cache_background_update on;',
    'proxy_cache_lock on;',
    ...why('Requests with credentials always go to the server and are never stored.'),
    'proxy_cache_bypass $http_authorization;',
    'proxy_no_cache $http_authorization;',
    ...why('MISS, HIT, REVALIDATED, STALE, BYPASS …: shows what the cache did.'),
    'add_header X-Cache-Status $upstream_cache_status always;',
  ];
}

function location(path: string, pass: string, body: readonly string[]): string[] {
  return [`location ${path} {`, ...lines('    ', [pass, ...body]), '}'];
}

export function serverBlock(group: ProxyHostGroup, settings: ServerBlockSettings): string[] {
  const pass = `proxy_pass ${settings.scheme}://${settings.upstream};`;
  const listenFlags = `ssl${settings.http2 ? ' http2' : ''}${settings.defaultServer ? ' default_server' : ''}`;
  const statics = STATIC_PATHS[group.kind].flatMap((path, index) => [
    '',
    ...location(path, pass, cacheLines(index === 0)),
  ]);
  const streams = STREAM_PATHS[group.kind].flatMap(({ path, why }) => [
    '',
    `# ${why}:`,
    '# unbuffered, so each message reaches the browser at once.',
    ...location(path, pass, ['proxy_buffering off;']),
  ]);
  return [
    'server {',
    ...lines('    ', [
      ...settings.listen.map((listen) => `listen ${listen} ${listenFlags};`),
      `server_name ${group.external.host.includes(':') ? `[${group.external.host}]` : group.external.host};`,
      '',
      ...tlsLines(group, settings),
      '',
      ...proxyLines(settings),
      '',
      ...(group.kind === 'xmpp'
        ? [
            '# Every path of the IM server: passed through unbuffered, never cached.',
            ...location('/', pass, XMPP_ROOT),
          ]
        : [
            '# Everything else (pages, APIs, sign-in): passed through, never cached.',
            ...location('/', pass, []),
          ]),
      ...streams,
      ...(statics.length > 0
        ? [
            '',
            '# Static files: served from the proxy cache and revalidated with the server.',
            ...statics.slice(1),
          ]
        : []),
    ]),
    '}',
  ];
}

export function describeGroup(group: ProxyHostGroup): string {
  const count = group.members.length;
  const servers = count > 1 ? `, ${count} servers, sticky` : '';
  return `${formatHostPort(group.external)}: ${TITLES[group.kind]}${servers}`;
}
