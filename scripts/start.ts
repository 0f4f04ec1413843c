/**
 * `npm start`: the demo on embedded defaults — the chat server (http://localhost:8444: demo
 * website, gadget.xml, widget) and the Finesse simulator (http://localhost:8445/desktop/),
 * each in its own process, and Desktop Chat's IM server (Prosody, when installed: demoDesktopChat.ts);
 * Ctrl-C stops them all. The apps are built first when their sources changed.
 * Logs are readable lines without one per request (production keeps JSON: LOG_FORMAT); once both
 * servers answer, the addresses and first steps are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { buildAppsIfStale } from './appsBuild.ts';
import { demoDesktopChat, type DemoDesktopChat } from './demoDesktopChat.ts';

const root = resolve(import.meta.dirname, '..');
const chatPort = process.env['PORT'] ?? '8444';
const simPort = process.env['SIM_PORT'] ?? '8445';
// The simulated Finesse cluster's subscriber node, for failover (docs/requirements.md, Finesse failover).
const simSecondaryPort = process.env['SIM_SECONDARY_PORT'] ?? '8446';
// Both listen on this machine only unless HOST (or SIM_HOST) says otherwise: the simulator's test
// control and the demo's agents are not for the network (docs/security.md).
const host = process.env['HOST'] ?? '127.0.0.1';
const env: Record<string, string | undefined> = {
  LOG_FORMAT: 'pretty',
  LOG_REQUESTS: 'false',
  SIM_LOG_FORMAT: 'pretty',
  SIM_LOG_LEVEL: 'warn',
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
/** Desktop Chat's IM server, once demoDesktopChat has answered. */
const demo: { desktopChat?: DemoDesktopChat } = {};

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
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Prosody is stopped by its PID and its temp directory removed before the demo exits.
  void (demo.desktopChat?.stop() ?? Promise.resolve())
    .catch(() => {})
    .finally(() => setTimeout(() => process.exit(code), 500).unref());
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (response) => response.ok,
    () => false,
  );
}

/** Once both servers answer: where to go and what to do first (it stays the last lines until a chat). */
async function announce(): Promise<void> {
  const deadline = Date.now() + 60_000;
  const chat = `http://localhost:${chatPort}`;
  const desktop = `http://localhost:${simPort}/desktop/`;
  while (Date.now() < deadline && !stopping) {
    if ((await answers(`${chat}/health`)) && (await answers(desktop))) {
      console.log(
        [
          '',
          '[hybrid-chat] the demo is up:',
          `  agents:    ${desktop}  (agent 1001, password pass1001, extension 3001; Arabic: ${desktop}?locale=ar_SA)`,
          `  customers: ${chat}/  (another language: ${chat}/?locale=de)`,
          '  First sign in as an agent and switch the gadget to "Ready for chat"; until then the demo site',
          '  says no one is free. Ctrl-C stops everything; `rm -rf data` (with the demo stopped) resets it.',
          ...(demo.desktopChat ? [demo.desktopChat.message] : []),
          '',
        ].join('\n'),
      );
      return;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

buildAppsIfStale(root);
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
const desktopChat = await demoDesktopChat({ env });
demo.desktopChat = desktopChat;
if (stopping) await desktopChat.stop(); // Ctrl-C while Prosody was starting
Object.assign(env, desktopChat.env);
run('server/main.ts');
run('simulator/main.ts');
void announce();
