/**
 * Runs the Finesse simulator: `node simulator/main.ts`.
 *   SIM_PORT         default 8445
 *   SIM_HOST         default 0.0.0.0
 *   CHAT_SERVER_URL  default http://localhost:8444 (the desktop loads `${CHAT_SERVER_URL}/gadget.xml`)
 *   SIM_AGENTS       optional path to an agents JSON file (default simulator/agents.json)
 *   SIM_LOG_LEVEL    default info
 */
import { startSimulator } from './createSimulator.ts';

const port = Number(process.env.SIM_PORT ?? 8445);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[simulator] SIM_PORT must be a port number, got ${process.env.SIM_PORT}`);
  process.exit(1);
}

const simulator = await startSimulator({
  port,
  host: process.env.SIM_HOST ?? '0.0.0.0',
  chatServerUrl: process.env.CHAT_SERVER_URL ?? 'http://localhost:8444',
  agents: process.env.SIM_AGENTS || undefined,
  logger: { level: process.env.SIM_LOG_LEVEL ?? 'info' },
});
simulator.app.log.info(`Finesse simulator: desktop at ${simulator.url}/desktop/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
