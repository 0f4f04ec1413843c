/**
 * A real Prosody (0.12, Debian's package) for tests of the Finesse XMPP notification path, as
 * xmpp.js runs its own end-to-end tests against Prosody. Each call gets its own temp directory
 * (config, data, pid, log) and a free loopback port; `stop()` kills the process and removes it.
 * Config reference: https://prosody.im/doc/configure, https://prosody.im/doc/modules/mod_pubsub.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface ProsodyAccount {
  readonly username: string;
  readonly password: string;
}

export interface StartProsodyOptions {
  /** The XMPP domain (Finesse's `xmppDomain`). Default `finesse.test`. */
  readonly domain?: string;
  /** Accounts registered once the server is up. */
  readonly users?: readonly ProsodyAccount[];
  /** The account allowed to create pubsub nodes. Default `admin` with a random password. */
  readonly admin?: ProsodyAccount;
  /** Directory holding `prosody` and `prosodyctl`. Default `/usr/bin`. */
  readonly binDir?: string;
  /** Bound on start-up (and on each restart). Default 10 s. */
  readonly startTimeoutMs?: number;
  readonly logLevel?: 'debug' | 'info' | 'warn';
}

export interface ProsodyServer {
  readonly host: '127.0.0.1';
  /** The c2s port (XMPP over TCP, Finesse's 5222). */
  readonly port: number;
  /** `xmpp://127.0.0.1:<port>`, for @xmpp/client's `service`. */
  readonly service: string;
  readonly domain: string;
  /** `pubsub.<domain>` (Finesse's `xmppPubSubDomain`). */
  readonly pubsubDomain: string;
  readonly adminJid: string;
  readonly adminPassword: string;
  register(user: ProsodyAccount): Promise<void>;
  /** Stops and starts the same server (same port, same data): clients see the connection drop. */
  restart(): Promise<void>;
  /** The last lines of Prosody's log, for failure messages. */
  logTail(lines?: number): Promise<string>;
  /** Kills Prosody (SIGTERM, then SIGKILL) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 5_000;
const NAME = /^[a-z0-9][a-z0-9.-]*$/i;
const USERNAME = /^[a-z0-9._-]+$/i;

/** Started servers, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

const exec = promisify(execFile);

/** A Lua string literal. */
const lua = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;

function configText(o: {
  dir: string;
  port: number;
  domain: string;
  pubsubDomain: string;
  adminJid: string;
  logLevel: string;
}): string {
  return `-- Written by e2e/support/prosody.ts for one test run.
-- Tests run in containers as root; Prosody refuses root unless told (mod_posix). Harmless otherwise.
run_as_root = true
data_path = ${lua(join(o.dir, 'data'))}
pidfile = ${lua(join(o.dir, 'prosody.pid'))}
certificates = ${lua(join(o.dir, 'certs'))}
log = { ${o.logLevel} = ${lua(join(o.dir, 'prosody.log'))} }

interfaces = { ${lua(HOST)} }
c2s_ports = { ${o.port} }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
modules_enabled = { "roster", "saslauth", "disco", "ping" }
-- No federation: the server only ever talks to local test clients.
modules_disabled = { "s2s" }

authentication = "internal_plain"
allow_registration = false
-- Loopback tests only: no certificates, so no TLS, and SASL over plain TCP must be allowed.
-- A real Finesse's 5222 is also unencrypted (docs/requirements.md, Ports); never copy this to a reachable server.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true

-- Server admins are owners of every pubsub node and may create nodes (mod_pubsub get_affiliation).
admins = { ${lua(o.adminJid)} }

VirtualHost ${lua(o.domain)}

Component ${lua(o.pubsubDomain)} "pubsub"
  -- Caps max_items per node. Not below 20, Prosody's default for new nodes: a node created
  -- without a config form would be refused (not-acceptable).
  pubsub_max_items = 20
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited(child);
    clearTimeout(timer);
  }
  running.delete(child);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export async function startProsody(options: StartProsodyOptions = {}): Promise<ProsodyServer> {
  const domain = options.domain ?? 'finesse.test';
  if (!NAME.test(domain)) throw new Error(`[prosody] invalid domain: ${domain}`);
  const binDir = options.binDir ?? '/usr/bin';
  const prosody = join(binDir, 'prosody');
  const prosodyctl = join(binDir, 'prosodyctl');
  try {
    await access(prosody, constants.X_OK);
  } catch {
    throw new Error(`[prosody] ${prosody} not found: install it with \`apt-get install -y prosody\``);
  }
  const admin = options.admin ?? { username: 'admin', password: `admin-${crypto.randomUUID()}` };
  const pubsubDomain = `pubsub.${domain}`;
  const adminJid = `${admin.username}@${domain}`;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;

  const dir = await mkdtemp(join(tmpdir(), 'prosody-'));
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'certs'));
  const port = await freePort();
  await writeFile(
    configFile,
    configText({ dir, port, domain, pubsubDomain, adminJid, logLevel: options.logLevel ?? 'info' }),
  );

  let child: ChildProcess | null = null;
  let output = '';

  const logTail = async (lines = 30): Promise<string> => {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    return [...log.split('\n'), ...output.split('\n')].filter(Boolean).slice(-lines).join('\n');
  };

  const fail = async (message: string): Promise<never> => {
    const tail = await logTail();
    throw new Error(`[prosody] ${message}\n--- prosody log (${dir}) ---\n${tail}`);
  };

  const launch = async (): Promise<void> => {
    output = '';
    // `-F`: stay in the foreground, so the spawned PID is Prosody's and we can stop it.
    const proc = spawn(prosody, ['-F', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    running.add(proc);
    installExitHook();
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const spawned: { error?: Error } = {};
    proc.once('error', (error) => (spawned.error = error));

    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (spawned.error) return fail(`could not run ${prosody}: ${spawned.error.message}`);
      if (proc.exitCode !== null || proc.signalCode !== null) {
        running.delete(proc);
        return fail(`exited during start-up (${proc.exitCode ?? proc.signalCode})`);
      }
      if (await accepts(port)) {
        // Someone else may have taken the port since freePort(); Prosody then logs and carries on.
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (!/Failed to open server port/i.test(log)) return;
        await kill(proc);
        return fail(`port ${port} taken by another process`);
      }
      await sleep(50);
    }
    await kill(proc);
    return fail(`port ${port} not accepting after ${startTimeoutMs} ms`);
  };

  const register = async (user: ProsodyAccount): Promise<void> => {
    if (!USERNAME.test(user.username)) throw new Error(`[prosody] invalid username: ${user.username}`);
    try {
      // Arguments go to execFile, never through a shell.
      await exec(prosodyctl, ['--config', configFile, 'register', user.username, domain, user.password], {
        timeout: startTimeoutMs,
      });
    } catch (error) {
      // Not error.message: it repeats the command line, password included.
      const { stderr, code } = error as { stderr?: string; code?: unknown };
      await fail(`prosodyctl register ${user.username} failed (${String(code)}): ${stderr ?? ''}`);
    }
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child) await kill(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await launch();
    await Promise.all([admin, ...(options.users ?? [])].map(register));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host: HOST,
    port,
    service: `xmpp://${HOST}:${port}`,
    domain,
    pubsubDomain,
    adminJid,
    adminPassword: admin.password,
    register,
    async restart() {
      if (stopped) throw new Error('[prosody] restart after stop');
      if (child) await kill(child);
      await launch();
    },
    logTail,
    stop,
  };
}
