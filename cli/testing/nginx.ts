/**
 * Real nginx for the tests: where it is, self-signed certificates from openssl, and `nginx -t`.
 * A missing nginx fails the test with the way to install it; it is never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

export function requireNginx(): string {
  if (!existsSync(NGINX)) {
    throw new Error(
      `nginx is missing at ${NGINX}: install it (Debian: sudo apt-get install -y nginx-light, which ` +
        '`node scripts/ensure-test-deps.ts` does as root) or set NGINX_PATH',
    );
  }
  return NGINX;
}

/** One self-signed certificate for all hosts, copied to `<host>.crt` / `<host>.key` in `dir`. */
export function selfSignedCerts(dir: string, hosts: readonly string[]): void {
  const cert = join(dir, 'self-signed.crt');
  const key = join(dir, 'self-signed.key');
  const names = hosts.map((host) =>
    host.includes(':') || /^[\d.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`,
  );
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=hybrid-chat test',
      '-addext',
      `subjectAltName=${names.join(',')}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  for (const host of hosts) {
    copyFileSync(cert, join(dir, `${host}.crt`));
    copyFileSync(key, join(dir, `${host}.key`));
  }
}

/**
 * nginx resolves upstream host names when it loads a configuration, and the internal names of Cisco's example map
 * (finesse1.internal.com, …) exist nowhere here. Points each at its own loopback address, as
 * /etc/hosts would on the proxy; everything else of the generated text is tested as it is.
 */
export function withLoopbackUpstreams(config: string): string {
  const addresses = new Map<string, string>();
  return config.replace(
    /^(\s*server )([a-z0-9.-]+):(\d+);/gm,
    (_, lead: string, host: string, port: string) => {
      if (!addresses.has(host)) addresses.set(host, `127.0.1.${addresses.size + 1}`);
      return `${lead}${addresses.get(host)}:${port};`;
    },
  );
}

/** `nginx -t`: the exit status and what nginx said. */
export function nginxTest(prefix: string, conf: string): { status: number | null; output: string } {
  const result = spawnSync(requireNginx(), ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The options that make `proxy nginx` print a standalone nginx.conf for a test: plain HTTP upstreams,
 * loopback only, certificates in `<dir>/certs`, everything else under `dir`, in the foreground.
 */
export function standaloneTestArgs(dir: string): string[] {
  return [
    '--upstream-scheme',
    'http',
    '--listen',
    '127.0.0.1',
    '--cert-dir',
    join(dir, 'certs'),
    '--standalone',
    '--prefix',
    dir,
    '--foreground',
    // As root the workers would run as nobody, who cannot enter the private temp dir.
    ...(process.getuid?.() === 0 ? ['--user', 'root'] : []),
  ];
}
