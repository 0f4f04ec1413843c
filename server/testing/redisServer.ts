/**
 * A throwaway Redis server for tests: `redis-server` on a free loopback port, with no persistence
 * (no RDB snapshots, no append-only file) and its working directory in a temp folder. `down()` and
 * `restart()` let a test take it away mid-chat; `stop()` ends it by its PID and removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Shuts it down (every connection is cut; what it held is gone, as no persistence is on). */
  down(): Promise<void>;
  /** Starts it again on the same port after `down()` (or stops it first). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function redisInstalled(): boolean {
  return existsSync(REDIS_SERVER);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Answers PING with +PONG once it accepts connections. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  if (!redisInstalled()) {
    throw new Error('[hybrid-chat] Redis is not installed (node scripts/ensure-test-deps.ts)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-redis-'));
  const port = await freePort();
  let log = '';
  const launch = (): ChildProcess => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const server = spawn(REDIS_SERVER, [...args, '--daemonize', 'no', '--loglevel', 'warning'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    };
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    return server;
  };
  async function ready(server: ChildProcess): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await pong(port))) {
      if (server.exitCode !== null || Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`[hybrid-chat] Redis did not start\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function down(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
  }

  let child = launch();
  try {
    await ready(child);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    down,
    async restart() {
      await down();
      child = launch();
      await ready(child);
    },
    async stop() {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
