/**
 * A throwaway PostgreSQL server for tests: a temporary data directory, `initdb`, then `postgres` on
 * a free loopback port, and `stop()` ends it by its PID and removes the directory.
 *
 * initdb and postgres refuse to run as root (PostgreSQL manual, section 19.1 "The PostgreSQL User
 * Account"). Run as root (CI containers), the server runs as the `postgres` system user (or
 * `nobody` when there is none), which owns the directory; otherwise as the current user. fsync is
 * off: nothing here must survive a power loss, and it makes each commit much faster.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './freePort.ts';

export interface PostgresServer {
  /** postgres://… of the `postgres` database (create others with `createDatabase`). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Shuts the server down, keeping its data: every connection to it is cut. */
  down(): Promise<void>;
  /** Starts it again on the same port and data after `down()` (or stops it first). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL installed as Debian does it (/usr/lib/postgresql/<version>/bin). */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error('[hybrid-chat] running as root, and neither a postgres nor a nobody user exists');
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

let databases = 0;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('[hybrid-chat] PostgreSQL is not installed (node scripts/ensure-test-deps.ts)');
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (user) {
    chmodSync(dir, 0o755);
    chownSync(dir, user.uid, user.gid);
    chownSync(sockets, user.uid, user.gid);
  }
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'],
    {
      ...ids,
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let log = '';
  const launch = (): ChildProcess => {
    const server = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-h',
        '127.0.0.1',
        '-k',
        sockets,
        '-c',
        'fsync=off',
        '-c',
        'full_page_writes=off',
      ],
      { ...ids, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    server.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    return server;
  };

  /** Ready once it accepts a connection. */
  async function ready(server: ChildProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (server.exitCode !== null || Date.now() > deadline) {
          server.kill('SIGKILL');
          throw new Error(`[hybrid-chat] PostgreSQL did not start: ${(error as Error).message}\n${log}`, {
            cause: error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  let child = launch();
  try {
    await ready(child);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  async function stopWith(signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // SIGINT is PostgreSQL's "fast shutdown" (manual section 19.5 "Shutting Down the Server").
      process.kill(child.pid, signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
  }

  return {
    url,
    async createDatabase(name = `test_${process.pid}_${++databases}`) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    down: () => stopWith('SIGINT'),
    async restart() {
      await stopWith('SIGINT');
      child = launch();
      await ready(child);
    },
    async stop() {
      await stopWith('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
