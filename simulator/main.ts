/**
 * Runs the Finesse simulator: `node simulator/main.ts`.
 *   SIM_PORT            the publisher (primary node), default 8445
 *   SIM_SECONDARY_PORT  the subscriber (secondary node); unset: none; 0: a free port
 *   SIM_HOST            default 127.0.0.1 (this machine only)
 *   SIM_API_TOKEN       lets other machines use /sim/api with X-Sim-Api-Token (default: loopback only)
 *   SIM_AUTH_MODE       NON_SSO (default), SSO or HYBRID (per agent: `sso` in the agents file)
 *   SIM_FINESSE_VERSION the Finesse release presented: 10.5, 11.6, 12.0, 12.5 or 12.6 (default;
 *                       finesseVersions.ts); SSO from 11.5, VPN-less from 12.6
 *   CHAT_SERVER_URL     default http://localhost:8444 (the desktop loads `${CHAT_SERVER_URL}/gadget.xml`)
 *   SIM_AGENTS          optional path to an agents JSON file (default simulator/agents.json)
 *   SIM_LAYOUT          the desktop layout: a preset (default, two-tabs, two-on-home) or JSON
 *                       `{"tabs":[{"id","label","gadgets":[{"url"?,"title"?,"key"?}]}]}` (desktopLayout.ts)
 *   SIM_GADGET_HOSTS    more host:port values gadget XML may come from (comma-separated); makeRequest
 *                       may reach them too
 *   SIM_MAKE_REQUEST_HOSTS  host:port values only server-side gadgets.io.makeRequest may reach
 *   SIM_FINESSE_JS      a finesse.js file served to every gadget instead of the simulator's
 *   SIM_LOG_LEVEL       default info
 *   SIM_DESKTOP_CHAT_PRIMARY, SIM_DESKTOP_CHAT_SECONDARY
 *                       Desktop Chat Server Settings at start (URLs of the IM servers, e.g.
 *                       http://127.0.0.1:5280/http-bind); PUT /finesse/api/ChatConfig changes them
 * Reverse proxy (VPN-less access; simulator/README.md):
 *   SIM_PROXY_MAP_URLS        proxy-config map URLs, comma-separated, in the order added (at most two;
 *                             the last one takes precedence, the other is used when it fails)
 *   SIM_PROXY_MAP_POLL_MS     update frequency in ms, default 60000 (Finesse's one minute)
 *   SIM_PROXY_ALLOWED_HOSTS   IP addresses or host names of the proxies, comma-separated
 */
import { accessSync, constants } from 'node:fs';
import { logStreamFor } from '../server/http/logFormat.ts';
import { ChatConfigError } from './chatConfig.ts';
import { startSimulator } from './createSimulator.ts';
import { LayoutError, layoutFromEnv } from './desktopLayout.ts';
import { AllowedHostError } from './reverseProxy/allowedHosts.ts';
import { ConfigUriError } from './reverseProxy/proxyMapSource.ts';
import { SYSTEM_AUTH_MODES, type SystemAuthMode } from './ssoTokens.ts';
import { FinesseVersionError, parseFinesseVersion } from './finesseVersions.ts';

function fail(message: string): never {
  console.error(`[simulator] ${message}`);
  process.exit(1);
}

function portFrom(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${name} must be a port number, got ${raw}`);
  return port;
}

/** A comma-separated list; blanks dropped. */
function listFrom(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function positiveIntegerFrom(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) fail(`${name} must be a whole number of ms above 0, got ${raw}`);
  return value;
}

const authMode = process.env.SIM_AUTH_MODE || 'NON_SSO';
if (!(SYSTEM_AUTH_MODES as readonly string[]).includes(authMode)) {
  fail(`SIM_AUTH_MODE must be one of ${SYSTEM_AUTH_MODES.join(', ')}, got ${authMode}`);
}

let finesseVersion: ReturnType<typeof parseFinesseVersion> | undefined;
try {
  finesseVersion = parseFinesseVersion(process.env.SIM_FINESSE_VERSION);
} catch (error) {
  fail((error as Error).message);
}

const reverseProxy = {
  mapUrls: listFrom('SIM_PROXY_MAP_URLS'),
  pollMs: positiveIntegerFrom('SIM_PROXY_MAP_POLL_MS'),
  allowedHosts: listFrom('SIM_PROXY_ALLOWED_HOSTS'),
};

const finesseJsPath = process.env.SIM_FINESSE_JS || undefined;
if (finesseJsPath) {
  try {
    accessSync(finesseJsPath, constants.R_OK);
  } catch {
    fail(`SIM_FINESSE_JS names ${finesseJsPath}, which cannot be read`);
  }
}
/** host:port values, as URL.host writes them (a bad one stops the simulator here). */
function hostsFrom(name: string): string[] {
  return listFrom(name).map((item) => {
    try {
      const url = new URL(`http://${item}`);
      if (url.pathname !== '/' || url.username || url.search) throw new Error('not a host');
      return url.host;
    } catch {
      return fail(`${name} takes host or host:port values, comma-separated; got ${item}`);
    }
  });
}

let layout: ReturnType<typeof layoutFromEnv> | undefined;
try {
  layout = process.env.SIM_LAYOUT ? layoutFromEnv(process.env.SIM_LAYOUT) : undefined;
} catch (error) {
  fail((error as Error).message);
}

// The same readable lines as the chat server's LOG_FORMAT=pretty (the demo sets both).
const logStream = logStreamFor(process.env.SIM_LOG_FORMAT === 'pretty' ? 'pretty' : 'json');
const simulator = await startSimulator({
  port: portFrom('SIM_PORT', 8445),
  secondaryPort: portFrom('SIM_SECONDARY_PORT', undefined),
  // Loopback unless SIM_HOST says otherwise: the simulator is a test tool (docs/security.md).
  host: process.env.SIM_HOST ?? '127.0.0.1',
  simApiToken: process.env.SIM_API_TOKEN || undefined,
  authMode: authMode as SystemAuthMode,
  finesseVersion,
  chatServerUrl: process.env.CHAT_SERVER_URL ?? 'http://localhost:8444',
  agents: process.env.SIM_AGENTS || undefined,
  layout,
  allowedGadgetHosts: hostsFrom('SIM_GADGET_HOSTS'),
  makeRequestHosts: hostsFrom('SIM_MAKE_REQUEST_HOSTS'),
  finesseJsPath,
  logger: {
    level: process.env.SIM_LOG_LEVEL ?? 'info',
    ...(logStream ? { stream: logStream } : {}),
  },
  reverseProxy,
  desktopChat: {
    primary: process.env.SIM_DESKTOP_CHAT_PRIMARY ?? '',
    secondary: process.env.SIM_DESKTOP_CHAT_SECONDARY ?? '',
  },
  // Finesse notifications into a real XMPP server (Prosody) for a chat server in `server` sync mode.
  ...(process.env.SIM_XMPP_URL
    ? {
        xmpp: {
          service: process.env.SIM_XMPP_URL,
          domain: process.env.SIM_XMPP_DOMAIN ?? 'finesse.test',
          adminJid: process.env.SIM_XMPP_ADMIN ?? '',
          password: process.env.SIM_XMPP_PASSWORD ?? '',
        },
      }
    : {}),
}).catch((error: unknown) => {
  // A bad map URL, allowed host or layout is a configuration mistake: say which, without a stack trace.
  if (
    error instanceof ConfigUriError ||
    error instanceof AllowedHostError ||
    error instanceof LayoutError ||
    error instanceof FinesseVersionError
  )
    fail(error.message);
  if (error instanceof ChatConfigError)
    fail(`SIM_DESKTOP_CHAT_${error.field === 'primaryNode' ? 'PRIMARY' : 'SECONDARY'}: ${error.message}`);
  throw error;
});
simulator.app.log.info(
  `Finesse simulator (${simulator.finesseVersion()}, ${authMode}): desktop at ${simulator.url}/desktop/`,
);
if (finesseJsPath) simulator.app.log.info(`gadgets get finesse.js from ${finesseJsPath} (SIM_FINESSE_JS)`);
if (reverseProxy.mapUrls.length > 0) {
  const { map, lastGoodPollAt } = simulator.reverseProxy.status();
  simulator.app.log.info(
    `reverse proxy: ${map ? `map from ${map.uri} (${map.entries.length} entries, ${lastGoodPollAt})` : 'no usable map yet'}; ` +
      `allowed proxies: ${reverseProxy.allowedHosts.join(', ') || 'none'}`,
  );
}
if (simulator.secondaryUrl) {
  simulator.app.log.info(`Finesse simulator: subscriber node at ${simulator.secondaryUrl}/desktop/`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
