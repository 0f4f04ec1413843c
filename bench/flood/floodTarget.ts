/**
 * The chat server the flood benchmark attacks: `server/main.ts` in its own process (so the
 * attacker's and the normal clients' work never lands on the server's event loop), with every
 * abuse limit at its default or at what the caller passes, behind a "proxy" on loopback: each
 * client names its address in X-Forwarded-For, so one machine can play many customers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../cli/testing/freePort.ts';
import { createTokenSigner } from '../../server/auth/tokens.ts';
import { startFinesseStub } from '../support/finesseStub.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 20_000;

export interface FloodTarget {
  url: string;
  /** An agent token signed with the server's secret (the Finesse sign-in is not what is measured). */
  agentToken(id: string): string;
  /** Sign-in checks the server passed on to Finesse. */
  finesseSignIns(): number;
  /** What each limit refused since the start, from `/health`. */
  refused(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[bench] chat server exited:\n${output()}`);
    const ok = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`[bench] chat server did not answer within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

export async function startFloodTarget(env: Record<string, string> = {}): Promise<FloodTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-flood-'));
  const finesse = await startFinesseStub();
  const tokenSecret = randomBytes(32).toString('base64url');
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      TOKEN_SECRET: tokenSecret,
      FINESSE_URL: finesse.url,
      TRUSTED_PROXIES: '127.0.0.1',
      LOG_LEVEL: 'error',
      MAIL_TRANSPORT: 'log',
      WRAP_UP_SECONDS: '0',
      OFFER_TIMEOUT_MS: String(3_600_000),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    await finesse.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  const signer = createTokenSigner(tokenSecret);
  return {
    url,
    agentToken: (id) => signer.sign({ sub: id, role: 'agent', name: `Agent ${id}` }, 3600).token,
    finesseSignIns: () => finesse.userRequests(),
    async refused() {
      const health = (await (await fetch(`${url}/health`)).json()) as {
        limits?: { refused?: Record<string, number> };
      };
      return health.limits?.refused ?? {};
    },
    close: stop,
  };
}
