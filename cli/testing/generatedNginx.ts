/**
 * A real nginx, unprivileged in a temp dir, running what `hybrid-chat proxy nginx` prints for a
 * proxy map: the generator runs in process with the test options (standaloneTestArgs), nginx starts
 * on the result, and `ready` waits until `probe` gets an answer through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireNginx, selfSignedCerts, standaloneTestArgs } from './nginx.ts';
import { runInProcess } from './runInProcess.ts';

export interface GeneratedNginx {
  readonly process: ChildProcess;
  /** What nginx wrote to stderr so far. */
  log(): string;
  /** Stops nginx (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface GeneratedNginxOptions {
  /** The temp dir: certificates, the map, nginx.conf and nginx's own files go there. */
  dir: string;
  /** The external host the certificates are for. */
  host: string;
  /** Proxy-config map lines (`internal=external`). */
  map: string;
  /** What `proxy nginx` is asked beyond the map (`--chat host:port`, `--xmpp host:port`). */
  args: readonly string[];
  /** Resolves once nginx answers (any answer); rejects while it does not listen yet. */
  probe(): Promise<unknown>;
}

export async function startGeneratedNginx(options: GeneratedNginxOptions): Promise<GeneratedNginx> {
  const { dir } = options;
  const binary = requireNginx();
  mkdirSync(join(dir, 'certs'), { recursive: true });
  selfSignedCerts(join(dir, 'certs'), [options.host]);
  writeFileSync(join(dir, 'proxymap.txt'), `${options.map}\n`);
  const generated = await runInProcess([
    'proxy',
    'nginx',
    join(dir, 'proxymap.txt'),
    ...options.args,
    ...standaloneTestArgs(dir),
  ]);
  if (generated.code !== 0) throw new Error(`proxy nginx failed (${generated.code}): ${generated.stderr}`);
  writeFileSync(join(dir, 'nginx.conf'), generated.stdout);
  const nginx = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (nginx.exitCode !== null) return;
    const exited = new Promise((done) => nginx.once('exit', done));
    nginx.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; ; attempt += 1) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}):\n${log}`);
    if (
      (await options.probe().then(
        () => true,
        () => false,
      )) === true
    )
      break;
    if (attempt >= 100) {
      await stop();
      throw new Error(`nginx did not answer:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { process: nginx, log: () => log, stop };
}
