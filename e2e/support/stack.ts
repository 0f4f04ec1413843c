/**
 * Starts the product for a spec: the chat server and the Finesse simulator as child
 * processes on free loopback ports, each with its own data directory. The chat server runs
 * in its own process so a fault test can SIGKILL it and start it again on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(
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

function launch(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
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
  env?: Record<string, string>;
}

export interface Stack {
  chatUrl: string;
  simUrl: string;
  /** Kills the chat server with SIGKILL (no cleanup, as in a crash). */
  killChatServer(): Promise<void>;
  startChatServer(): Promise<void>;
  chatServerLog(): string;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [chatPort, simPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-e2e-'));
  const chatUrl = `http://127.0.0.1:${chatPort}`;
  const simUrl = `http://127.0.0.1:${simPort}`;
  const chatEnv = {
    PORT: String(chatPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    FINESSE_URL: simUrl,
    LOG_LEVEL: 'warn',
    OFFER_TIMEOUT_MS: String(options.offerTimeoutMs ?? 20_000),
    ...options.env,
  };

  let chat = launch('server/main.ts', chatEnv);
  const sim = launch('simulator/main.ts', {
    SIM_PORT: String(simPort),
    SIM_HOST: '127.0.0.1',
    CHAT_SERVER_URL: chatUrl,
  });
  await Promise.all([
    waitForHttp(`${chatUrl}/health`, chat.child, chat.output),
    waitForHttp(`${simUrl}/finesse/api/SystemInfo`, sim.child, sim.output),
  ]);

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once('exit', () => r()));

  return {
    chatUrl,
    simUrl,
    async killChatServer() {
      chat.child.kill('SIGKILL');
      await exited(chat.child);
    },
    async startChatServer() {
      chat = launch('server/main.ts', chatEnv);
      await waitForHttp(`${chatUrl}/health`, chat.child, chat.output);
    },
    chatServerLog: () => chat.output(),
    async stop() {
      for (const child of [chat.child, sim.child]) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await Promise.race([exited(child), new Promise((r) => setTimeout(r, 3000))]);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
