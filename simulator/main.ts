/**
 * Runs the Finesse simulator: `node simulator/main.ts`.
 *   SIM_PORT            the publisher (primary node), default 8445
 *   SIM_SECONDARY_PORT  the subscriber (secondary node); unset: none; 0: a free port
 *   SIM_HOST            default 0.0.0.0
 *   SIM_AUTH_MODE       NON_SSO (default), SSO or HYBRID (per agent: `sso` in the agents file)
 *   CHAT_SERVER_URL     default http://localhost:8444 (the desktop loads `${CHAT_SERVER_URL}/gadget.xml`)
 *   SIM_AGENTS          optional path to an agents JSON file (default simulator/agents.json)
 *   SIM_LOG_LEVEL       default info
 */
import { startSimulator } from './createSimulator.ts';
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

const authMode = process.env.SIM_AUTH_MODE || 'NON_SSO';
if (!(SYSTEM_AUTH_MODES as readonly string[]).includes(authMode)) {
  fail(`SIM_AUTH_MODE must be one of ${SYSTEM_AUTH_MODES.join(', ')}, got ${authMode}`);
}

const simulator = await startSimulator({
  port: portFrom('SIM_PORT', 8445),
  secondaryPort: portFrom('SIM_SECONDARY_PORT', undefined),
  host: process.env.SIM_HOST ?? '0.0.0.0',
  authMode: authMode as SystemAuthMode,
  chatServerUrl: process.env.CHAT_SERVER_URL ?? 'http://localhost:8444',
  agents: process.env.SIM_AGENTS || undefined,
  logger: { level: process.env.SIM_LOG_LEVEL ?? 'info' },
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
});
simulator.app.log.info(`Finesse simulator (${authMode}): desktop at ${simulator.url}/desktop/`);
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
