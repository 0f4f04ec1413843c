/**
 * `npm start`: the demo on embedded defaults — the chat server (http://localhost:8444: demo
 * website, gadget.xml, widget) and the Finesse simulator (http://localhost:8445/desktop/),
 * each in its own process; Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const chatPort = process.env['PORT'] ?? '8444';
const simPort = process.env['SIM_PORT'] ?? '8445';
// The simulated Finesse cluster's subscriber node, for failover (docs/requirements.md, Finesse failover).
const simSecondaryPort = process.env['SIM_SECONDARY_PORT'] ?? '8446';
// Both listen on this machine only unless HOST (or SIM_HOST) says otherwise: the simulator's test
// control and the demo's agents are not for the network (docs/security.md).
const host = process.env['HOST'] ?? '127.0.0.1';
const env = {
  ...process.env,
  HOST: host,
  SIM_HOST: process.env['SIM_HOST'] ?? host,
  PORT: chatPort,
  SIM_PORT: simPort,
  SIM_SECONDARY_PORT: simSecondaryPort,
  FINESSE_SECONDARY_URL: process.env['FINESSE_SECONDARY_URL'] ?? `http://localhost:${simSecondaryPort}`,
  FINESSE_URL: process.env['FINESSE_URL'] ?? `http://localhost:${simPort}`,
  CHAT_SERVER_URL: process.env['CHAT_SERVER_URL'] ?? `http://localhost:${chatPort}`,
};

const children: ChildProcess[] = [];
let stopping = false;

function run(script: string): void {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[hybrid-chat] ${script} stopped (${signal ?? code}); stopping the demo`);
    stop(code ?? 1);
  });
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

run('server/main.ts');
run('simulator/main.ts');
console.log(
  `[hybrid-chat] demo: customers at http://localhost:${chatPort}/ · agents at http://localhost:${simPort}/desktop/ ` +
    '(agent 1001, password in simulator/agents.json)',
);
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
