/**
 * A real nginx for the VPN-less tests: started by the test in a temp prefix on loopback ports, with
 * a configuration produced by the admin tool (`hybrid-chat proxy nginx --standalone`) and
 * self-signed certificates made with openssl. Stopped by its own PID.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const NGINX = '/usr/sbin/nginx';

/** One key and certificate for every external host name (SAN), copied to `<host>.crt`/`.key`. */
export function makeCertificates(certDir: string, hosts: readonly string[]): void {
  mkdirSync(certDir, { recursive: true });
  const key = join(certDir, 'shared.key');
  const crt = join(certDir, 'shared.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=hybrid-chat e2e proxy',
      '-addext',
      `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
      '-keyout',
      key,
      '-out',
      crt,
    ],
    { stdio: 'ignore' },
  );
  for (const host of hosts) {
    copyFileSync(key, join(certDir, `${host}.key`));
    copyFileSync(crt, join(certDir, `${host}.crt`));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RunningNginx {
  readonly prefix: string;
  /** The access log so far (one request per line). */
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Checks the configuration with `nginx -t`, then starts nginx in the foreground and waits until
 * every listed port accepts connections.
 */
export async function startNginx(
  prefix: string,
  config: string,
  ports: readonly number[],
): Promise<RunningNginx> {
  if (!existsSync(NGINX))
    throw new Error(`${NGINX} is missing: run scripts/ensure-test-deps.ts (nginx-light)`);
  const confPath = join(prefix, 'nginx.conf');
  writeFileSync(confPath, config);
  const args = ['-p', prefix, '-c', confPath];
  const daemonOff = /^\s*daemon\s+off\s*;/m.test(config) ? [] : ['-g', 'daemon off;'];
  execFileSync(NGINX, ['-t', ...args, ...daemonOff], { stdio: 'pipe' });
  const child: ChildProcess = spawn(NGINX, [...args, ...daemonOff], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const read = (name: string): string => {
    const path = join(prefix, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}):\n${output}${read('error.log')}`);
    const open = await Promise.all(ports.map(portOpen));
    if (open.every(Boolean)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${ports.join(', ')}:\n${output}${read('error.log')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    prefix,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGQUIT'); // graceful: finish open requests
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The nginx.conf `hybrid-chat proxy nginx --standalone` writes (the built CLI, dist/cli) for a map
 * file, with `chats` as the chat-server lines, plain HTTP to the upstreams, the certificates in
 * `<prefix>/certs`, listening on 127.0.0.1.
 */
export function generatedNginxConfig(options: {
  root: string;
  mapFile: string;
  prefix: string;
  chats: readonly string[];
  /** Desktop Chat's IM servers (`--xmpp`). */
  xmpp?: readonly string[];
}): string {
  return execFileSync(
    process.execPath,
    [
      join(options.root, 'dist/cli/main.js'),
      'proxy',
      'nginx',
      options.mapFile,
      '--standalone',
      '--prefix',
      options.prefix,
      ...options.chats.flatMap((chat) => ['--chat', chat]),
      ...(options.xmpp ?? []).flatMap((im) => ['--xmpp', im]),
      '--upstream-scheme',
      'http',
      '--cert-dir',
      join(options.prefix, 'certs'),
      '--listen',
      '127.0.0.1',
      '--foreground',
      // nginx's workers run as `nobody` by default, who cannot enter a private temp prefix.
      ...(process.getuid?.() === 0 ? ['--user', 'root'] : []),
    ],
    { encoding: 'utf8' },
  );
}
