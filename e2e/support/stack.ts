/**
 * Starts the product for a spec: the chat server and the Finesse simulator as child
 * processes on free loopback ports, each with its own data directory. The chat server runs
 * in its own process so a fault test can SIGKILL it and start it again on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// One port probe for the CLI's tests and the e2e stack (cli/testing stays out of the CLI build).
import { freePort } from '../../cli/testing/freePort.ts';

export { freePort };

const ROOT = resolve(import.meta.dirname, '../..');

export async function waitForHttp(
  url: string,
  child: ChildProcess,
  output: () => string,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet: keep polling until the deadline
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms:\n${output()}`);
}

export function launch(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => log };
}

export interface StackOptions {
  offerTimeoutMs?: number;
  /** Extra environment for the chat server (FINESSE_POLL_MS, MAX_CHATS_PER_AGENT, …). */
  env?: Record<string, string>;
  /** Start the simulator's subscriber node too, and give the chat server FINESSE_SECONDARY_URL. */
  secondary?: boolean;
  /**
   * Extra environment for the simulator (SIM_AUTH_MODE, …); child-process simulator only. A function
   * gets the stack's URLs first (a layout naming the simulator's own address).
   */
  simEnv?: Record<string, string> | ((urls: { simUrl: string; chatUrl: string }) => Record<string, string>);
  /**
   * Run the simulator inside the test process (`startSimulator`, simulator/README.md) instead of as a
   * child process, so the test can stop both nodes and still start one again: with every node down
   * no `/sim/api` answers any more.
   */
  simInProcess?: boolean;
}

export interface Stack {
  chatUrl: string;
  /** The publisher (primary Finesse node). */
  simUrl: string;
  /** The subscriber (secondary node), when started with `secondary: true`. */
  simSecondaryUrl: string | undefined;
  /** Kills the chat server with SIGKILL (no cleanup, as in a crash). */
  killChatServer(): Promise<void>;
  startChatServer(): Promise<void>;
  /**
   * Stops or starts a Finesse node: in-process directly, otherwise through `/sim/api` on the other
   * node (or on the node itself when stopping it and the other one is down).
   */
  setNodeUp(name: 'primary' | 'secondary', up: boolean): Promise<void>;
  chatServerLog(): string;
  simulatorLog(): string;
  stop(): Promise<void>;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  // Unref'd: a process that stops its stack (the bench) must not wait 3 s for this timer to exit.
  await Promise.race([exited(child), new Promise((r) => setTimeout(r, 3000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [chatPort, simPort] = [await freePort(), await freePort()];
  const secondaryPort = options.secondary ? await freePort() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-e2e-'));
  const chatUrl = `http://127.0.0.1:${chatPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const simSecondaryUrl = secondaryPort ? `http://127.0.0.1:${secondaryPort}` : undefined;
  const ports = () => ({ chatUrl, simUrl, simSecondaryUrl, simPort, secondaryPort });
  const chatEnv = {
    PORT: String(chatPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    FINESSE_URL: simUrl,
    LOG_LEVEL: 'warn',
    OFFER_TIMEOUT_MS: String(options.offerTimeoutMs ?? 20_000),
    // Specs open the widget before any agent signs in; the message form instead of a chat when
    // nobody is READY (the product default) is tested in e2e/widget-conversation.spec.ts.
    WHEN_UNSTAFFED: 'wait',
    // Wrap-up keeps a slot after every end; specs that test it turn it on (e2e/gadget-collaboration.spec.ts).
    WRAP_UP_SECONDS: '0',
    ...(simSecondaryUrl ? { FINESSE_SECONDARY_URL: simSecondaryUrl } : {}),
    ...options.env,
  };

  // Finesse first: the chat server polls SystemInfo as it starts, and a first poll that finds no
  // node halts sign-in until the next one (FINESSE_POLL_MS later, 5 s by default).
  if (options.simInProcess) return startWithInProcessSimulator(options, chatEnv, dataDir, ports());
  const sim = launch('simulator/main.ts', {
    SIM_PORT: String(simPort),
    SIM_HOST: '127.0.0.1',
    CHAT_SERVER_URL: chatUrl,
    SIM_LOG_LEVEL: 'warn',
    ...(secondaryPort ? { SIM_SECONDARY_PORT: String(secondaryPort) } : {}),
    ...(typeof options.simEnv === 'function' ? options.simEnv({ simUrl, chatUrl }) : options.simEnv),
  });
  await Promise.all([
    waitForHttp(`${simUrl}/finesse/api/SystemInfo`, sim.child, sim.output),
    ...(simSecondaryUrl
      ? [waitForHttp(`${simSecondaryUrl}/finesse/api/SystemInfo`, sim.child, sim.output)]
      : []),
  ]).catch(async (error: unknown) => {
    await stopChild(sim.child);
    throw error;
  });
  let chat = launch('server/main.ts', chatEnv);
  await waitForHttp(`${chatUrl}/health`, chat.child, chat.output).catch(async (error: unknown) => {
    await Promise.all([stopChild(chat.child), stopChild(sim.child)]);
    throw error;
  });

  return {
    chatUrl,
    simUrl,
    simSecondaryUrl,
    async killChatServer() {
      chat.child.kill('SIGKILL');
      await exited(chat.child);
    },
    async startChatServer() {
      chat = launch('server/main.ts', chatEnv);
      await waitForHttp(`${chatUrl}/health`, chat.child, chat.output);
    },
    async setNodeUp(name, up) {
      const other = name === 'primary' ? simSecondaryUrl : simUrl;
      const self = name === 'primary' ? simUrl : simSecondaryUrl;
      const node = async (via: string | undefined) =>
        via ? fetch(`${via}/sim/api/nodes/${name}`, post({ up })).catch(() => null) : null;
      let response = await node(other);
      if (!response?.ok && !up) response = await node(self);
      if (!response?.ok) throw new Error(`could not set ${name} up=${up}: no node answers /sim/api`);
    },
    chatServerLog: () => chat.output(),
    simulatorLog: () => sim.output(),
    async stop() {
      for (const child of [chat.child, sim.child]) await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startWithInProcessSimulator(
  options: StackOptions,
  chatEnv: Record<string, string>,
  dataDir: string,
  urls: {
    chatUrl: string;
    simUrl: string;
    simSecondaryUrl: string | undefined;
    simPort: number;
    secondaryPort: number | undefined;
  },
): Promise<Stack> {
  const { startSimulator } = await import('../../simulator/createSimulator.ts');
  const simEnv =
    typeof options.simEnv === 'function'
      ? options.simEnv({ simUrl: urls.simUrl, chatUrl: urls.chatUrl })
      : options.simEnv;
  const authMode = simEnv?.['SIM_AUTH_MODE'] as 'NON_SSO' | 'SSO' | 'HYBRID' | undefined;
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      port: urls.simPort,
      ...(urls.secondaryPort ? { secondaryPort: urls.secondaryPort } : {}),
      host: '127.0.0.1',
      chatServerUrl: urls.chatUrl,
      ...(authMode ? { authMode } : {}),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let chat = launch('server/main.ts', chatEnv);
  await waitForHttp(`${urls.chatUrl}/health`, chat.child, chat.output).catch(async (error: unknown) => {
    await stopChild(chat.child);
    await sim.close();
    throw error;
  });
  return {
    chatUrl: urls.chatUrl,
    simUrl: urls.simUrl,
    simSecondaryUrl: urls.simSecondaryUrl,
    async killChatServer() {
      chat.child.kill('SIGKILL');
      await exited(chat.child);
    },
    async startChatServer() {
      chat = launch('server/main.ts', chatEnv);
      await waitForHttp(`${urls.chatUrl}/health`, chat.child, chat.output);
    },
    async setNodeUp(name, up) {
      await sim.setNodeUp(name, up);
    },
    chatServerLog: () => chat.output(),
    simulatorLog: () => '(in-process simulator: no separate log)',
    async stop() {
      await stopChild(chat.child);
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
