/**
 * The Prosody configuration file of one throwaway test server (server/testing/prosodyServer.ts).
 * Prosody 0.12 (Debian's package). References: https://prosody.im/doc/configure,
 * https://prosody.im/doc/http, https://prosody.im/doc/modules/mod_bosh,
 * https://prosody.im/doc/modules/mod_websocket, https://prosody.im/doc/modules/mod_http_file_share,
 * https://prosody.im/doc/modules/mod_pubsub, https://prosody.im/doc/modules/mod_mam.
 */
import { join } from 'node:path';

export interface ProsodyConfigInput {
  readonly dir: string;
  readonly host: string;
  /** XMPP over TCP (RFC 6120). */
  readonly c2sPort: number;
  /** Prosody's HTTP server: BOSH, WebSocket and file uploads. */
  readonly httpPort: number;
  readonly domain: string;
  readonly pubsubDomain: string;
  readonly uploadDomain: string;
  readonly adminJid: string;
  readonly logLevel: string;
  /** Prosody refuses to start as root unless told; set only when no other user can run it. */
  readonly runAsRoot: boolean;
}

/** A Lua string literal. */
export const lua = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;

export function prosodyConfig(o: ProsodyConfigInput): string {
  return `-- Written by server/testing/prosodyServer.ts for one test run.
${o.runAsRoot ? 'run_as_root = true' : '-- Runs as an ordinary user.'}
data_path = ${lua(join(o.dir, 'data'))}
pidfile = ${lua(join(o.dir, 'prosody.pid'))}
certificates = ${lua(join(o.dir, 'certs'))}
log = { ${o.logLevel} = ${lua(join(o.dir, 'prosody.log'))} }

interfaces = { ${lua(o.host)} }
c2s_ports = { ${o.c2sPort} }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
http_interfaces = { ${lua(o.host)} }
http_ports = { ${o.httpPort} }
https_ports = { }
-- Links Prosody hands out (upload slots) point at the test port, not at the domain; requests for
-- 127.0.0.1 (no such host) are served as the main host's (net/http/server.lua, http_default_host).
http_external_url = ${lua(`http://${o.host}:${o.httpPort}/`)}
http_default_host = ${lua(o.domain)}

modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "presence"; "message";
  "carbons";   -- XEP-0280
  "smacks";    -- XEP-0198 stream management
  "mam";       -- XEP-0313 message archive: what reached a dropped session is fetched again
  "bosh";      -- XEP-0124 / XEP-0206, at /http-bind
  "websocket"; -- RFC 7395, at /xmpp-websocket
}
-- No federation: the server only ever talks to local test clients.
modules_disabled = { "s2s" }

authentication = "internal_plain"
allow_registration = false
-- Loopback tests only: no certificates, so no TLS, and SASL over plain TCP and HTTP must be allowed.
-- Never copy this to a reachable server.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_bosh_secure = true
consider_websocket_secure = true
-- Every chat message is archived, for a week (the desktop only asks for what it missed).
default_archive_policy = true
archive_expires_after = "1w"
-- Short BOSH limits keep the tests quick (XEP-0124 'wait', 'inactivity').
bosh_max_wait = 20
bosh_max_inactivity = 30

-- Server admins are owners of every pubsub node and may create nodes (mod_pubsub get_affiliation).
admins = { ${lua(o.adminJid)} }

VirtualHost ${lua(o.domain)}

Component ${lua(o.pubsubDomain)} "pubsub"
  -- Caps max_items per node. Not below 20, Prosody's default for new nodes: a node created
  -- without a config form would be refused (not-acceptable).
  pubsub_max_items = 20

-- XEP-0363 HTTP File Upload.
Component ${lua(o.uploadDomain)} "http_file_share"
  http_file_share_size_limit = 1048576
  -- Its HTTP paths live on the main host (https://prosody.im/doc/http, http_host).
  http_host = ${lua(o.domain)}
`;
}
