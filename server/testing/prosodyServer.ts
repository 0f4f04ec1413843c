/**
 * A throwaway Prosody (Debian's package, 0.12) for tests, as xmpp.js runs its own end-to-end tests
 * against Prosody: each call gets its own temp directory (config, data, pid, log) and free loopback
 * ports for XMPP over TCP and for Prosody's HTTP server (BOSH at /http-bind, WebSocket at
 * /xmpp-websocket, XEP-0363 uploads). `stop()` ends it by its PID and removes the directory.
 *
 * Run as root (CI containers), Prosody and prosodyctl run as Debian's `prosody` system user (or
 * `nobody`), which owns the directory, as server/testing/postgresServer.ts does for PostgreSQL.
 * The configuration is in prosodyConfig.ts.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { accepts, freePort, kill, runAs, sleep, watch } from './localProcess.ts';
import { prosodyConfig } from './prosodyConfig.ts';

export interface ProsodyAccount {
  readonly username: string;
  readonly password: string;
}

export interface StartProsodyOptions {
  /** The XMPP domain. Default `finesse.test` (Finesse's `xmppDomain` in the notification tests). */
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
  /** Prosody's process id (changes on restart). */
  readonly pid: number | undefined;
  /** The c2s port (XMPP over TCP, Finesse's 5222). */
  readonly port: number;
  /** `xmpp://127.0.0.1:<port>`, for @xmpp/client's `service`. */
  readonly service: string;
  /** Prosody's HTTP port. */
  readonly httpPort: number;
  /** XMPP over WebSocket (RFC 7395): `ws://127.0.0.1:<httpPort>/xmpp-websocket`. */
  readonly websocketUrl: string;
  /** BOSH (XEP-0206): `http://127.0.0.1:<httpPort>/http-bind`. */
  readonly boshUrl: string;
  readonly domain: string;
  /** `pubsub.<domain>` (Finesse's `xmppPubSubDomain`). */
  readonly pubsubDomain: string;
  /** `upload.<domain>`: the XEP-0363 upload service. */
  readonly uploadDomain: string;
  readonly adminJid: string;
  readonly adminPassword: string;
  /** Registers an account with prosodyctl. */
  register(user: ProsodyAccount): Promise<void>;
  /**
   * Kills and starts the same server (same ports, same data): clients see the connection drop. At
   * once, not with SIGTERM: Prosody 0.12, stopping while a client has not acknowledged archive
   * results (XEP-0313 answers carry no 'from'), fails in its own shutdown and serves on, half shut,
   * until killed, so clients would sign in to it and drop again.
   */
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

const exec = promisify(execFile);

export async function startProsody(options: StartProsodyOptions = {}): Promise<ProsodyServer> {
  const domain = options.domain ?? 'finesse.test';
  if (!NAME.test(domain)) throw new Error(`[prosody] invalid domain: ${domain}`);
  const binDir = options.binDir ?? '/usr/bin';
  const prosody = join(binDir, 'prosody');
  const prosodyctl = join(binDir, 'prosodyctl');
  try {
    await access(prosody, constants.X_OK);
  } catch {
    throw new Error(`[prosody] ${prosody} not found: run \`node scripts/ensure-test-deps.ts\``);
  }
  const admin = options.admin ?? { username: 'admin', password: `admin-${crypto.randomUUID()}` };
  const adminJid = `${admin.username}@${domain}`;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const user = runAs(['prosody', 'nobody']);
  const ids = user ? { uid: user.uid, gid: user.gid } : {};

  const dir = await mkdtemp(join(tmpdir(), 'prosody-'));
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'certs'));
  const port = await freePort();
  const httpPort = await freePort();
  const config = {
    dir,
    host: HOST,
    c2sPort: port,
    httpPort,
    domain,
    pubsubDomain: `pubsub.${domain}`,
    uploadDomain: `upload.${domain}`,
    adminJid,
    logLevel: options.logLevel ?? 'info',
    runAsRoot: process.getuid?.() === 0 && !user,
  };
  await writeFile(configFile, prosodyConfig(config));
  if (user) {
    for (const path of [dir, join(dir, 'data'), join(dir, 'certs'), configFile]) {
      await chown(path, user.uid, user.gid);
    }
  }

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
    const proc = spawn(prosody, ['-F', '--config', configFile], {
      ...ids,
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    watch(proc);
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
        return fail(`exited during start-up (${proc.exitCode ?? proc.signalCode})`);
      }
      if ((await accepts(port)) && (await accepts(httpPort))) {
        // Someone else may have taken a port since freePort(); Prosody then logs and carries on.
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (!/Failed to open server port/i.test(log)) return;
        await kill(proc, STOP_TIMEOUT_MS);
        return fail(`port ${port} or ${httpPort} taken by another process`);
      }
      await sleep(50);
    }
    await kill(proc, STOP_TIMEOUT_MS);
    return fail(`ports ${port}, ${httpPort} not accepting after ${startTimeoutMs} ms`);
  };

  const register = async (account: ProsodyAccount): Promise<void> => {
    if (!USERNAME.test(account.username)) throw new Error(`[prosody] invalid username: ${account.username}`);
    try {
      // Arguments go to execFile, never through a shell.
      await exec(
        prosodyctl,
        ['--config', configFile, 'register', account.username, domain, account.password],
        {
          ...ids,
          cwd: dir,
          timeout: startTimeoutMs,
        },
      );
    } catch (error) {
      // Not error.message: it repeats the command line, password included.
      const { stderr, code } = error as { stderr?: string; code?: unknown };
      await fail(`prosodyctl register ${account.username} failed (${String(code)}): ${stderr ?? ''}`);
    }
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child) await kill(child, STOP_TIMEOUT_MS);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await launch();
    // One after the other: prosodyctl instances writing the same data directory at once can race.
    for (const account of [admin, ...(options.users ?? [])]) await register(account);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host: HOST,
    get pid() {
      return child?.pid;
    },
    port,
    service: `xmpp://${HOST}:${port}`,
    httpPort,
    websocketUrl: `ws://${HOST}:${httpPort}/xmpp-websocket`,
    boshUrl: `http://${HOST}:${httpPort}/http-bind`,
    domain,
    pubsubDomain: config.pubsubDomain,
    uploadDomain: config.uploadDomain,
    adminJid,
    adminPassword: admin.password,
    register,
    async restart() {
      if (stopped) throw new Error('[prosody] restart after stop');
      if (child) await kill(child, 0);
      await launch();
    },
    logTail,
    stop,
  };
}
