/**
 * Runs the Finesse simulator: `node simulator/main.ts`.
 *   SIM_PORT            the publisher (primary node), default 8445
 *   SIM_SECONDARY_PORT  the subscriber (secondary node); unset: none; 0: a free port
 *   SIM_HOST            default 127.0.0.1 (this machine only)
 *   SIM_API_TOKEN       lets other machines use /sim/api with X-Sim-Api-Token (default: loopback only)
 *   SIM_AUTH_MODE       NON_SSO (default), SSO or HYBRID (per agent: `sso` in the agents file)
 *   CHAT_SERVER_URL     default http://localhost:8444 (the desktop loads `${CHAT_SERVER_URL}/gadget.xml`)
 *   SIM_AGENTS          optional path to an agents JSON file (default simulator/agents.json)
 *   SIM_LAYOUT          the desktop layout: a preset (default, two-tabs, two-on-home) or JSON
 *                       `{"tabs":[{"id","label","gadgets":[{"url"?,"title"?,"key"?}]}]}` (desktopLayout.ts)
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
import { logStreamFor } from '../server/http/logFormat.ts';
import { ChatConfigError } from './chatConfig.ts';
import { startSimulator } from './createSimulator.ts';
import { LayoutError, layoutFromEnv } from './desktopLayout.ts';
import { AllowedHostError } from './reverseProxy/allowedHosts.ts';
import { ConfigUriError } from './reverseProxy/proxyMapSource.ts';
import { SYSTEM_AUTH_MODES, type SystemAuthMode } from './ssoTokens.ts';

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

const reverseProxy = {
  mapUrls: listFrom('SIM_PROXY_MAP_URLS'),
  pollMs: positiveIntegerFrom('SIM_PROXY_MAP_POLL_MS'),
  allowedHosts: listFrom('SIM_PROXY_ALLOWED_HOSTS'),
};

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
  chatServerUrl: process.env.CHAT_SERVER_URL ?? 'http://localhost:8444',
  agents: process.env.SIM_AGENTS || undefined,
  layout,
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
  if (error instanceof ConfigUriError || error instanceof AllowedHostError || error instanceof LayoutError)
    fail(error.message);
  if (error instanceof ChatConfigError)
    fail(`SIM_DESKTOP_CHAT_${error.field === 'primaryNode' ? 'PRIMARY' : 'SECONDARY'}: ${error.message}`);
  throw error;
});
simulator.app.log.info(`Finesse simulator (${authMode}): desktop at ${simulator.url}/desktop/`);
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
