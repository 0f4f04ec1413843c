/**
 * Makes sure the real parts the tests run against are on this machine: Debian's Chromium (e2e),
 * Firefox ESR and WebKitGTK (the cross-browser smoke tests), Prosody (XMPP), nginx (the reverse proxy
 * of the admin tool's tests and the proxy e2e), PostgreSQL (the PostgreSQL storage engine's tests,
 * server/testing/postgresServer.ts) and Redis (what several chat-server nodes share,
 * server/testing/redisServer.ts).
 * Installed with apt-get when missing and running as root (CI); a clear message otherwise. Playwright's own browser download is not used: it needs hosts beyond the
 * package registries.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Any PostgreSQL version Debian installed (/usr/lib/postgresql/<version>/bin/initdb). */
function hasPostgres(): boolean {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`));
}

const needs: Array<{ what: string; present: boolean; packages: string[] }> = [
  {
    what: `Chromium (${CHROMIUM})`,
    present: existsSync(CHROMIUM),
    packages: ['chromium', 'fonts-noto-core'],
  },
  // Cross-browser smoke tests (e2e/firefox.spec.ts): the stock Firefox ESR, driven over WebDriver BiDi.
  {
    what: 'Firefox ESR (/usr/bin/firefox-esr)',
    present: existsSync('/usr/bin/firefox-esr'),
    packages: ['firefox-esr'],
  },
  // Safari's engine (e2e/webkit.spec.ts): WebKitGTK's WebDriver, drawing into a virtual X display.
  {
    what: 'WebKitGTK WebDriver (/usr/bin/WebKitWebDriver) and Xvfb',
    present: existsSync('/usr/bin/WebKitWebDriver') && existsSync('/usr/bin/Xvfb'),
    packages: ['webkit2gtk-driver', 'xvfb'],
  },
  { what: 'Prosody (/usr/bin/prosody)', present: existsSync('/usr/bin/prosody'), packages: ['prosody'] },
  { what: 'nginx (/usr/sbin/nginx)', present: existsSync('/usr/sbin/nginx'), packages: ['nginx-light'] },
  {
    what: 'PostgreSQL (/usr/lib/postgresql/*/bin/initdb)',
    present: hasPostgres(),
    packages: ['postgresql'],
  },
  {
    what: 'Redis (/usr/bin/redis-server)',
    present: existsSync('/usr/bin/redis-server'),
    packages: ['redis-server'],
  },
];
const missing = needs.filter((need) => !need.present);
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((need) => need.packages);
if (process.getuid?.() !== 0) {
  console.error(
    `[hybrid-chat] missing for the tests: ${missing.map((need) => need.what).join(', ')}.\n` +
      `Install them (Debian: sudo apt-get install -y ${packages.join(' ')}), or set CHROMIUM_PATH to a ` +
      'Chromium or Chrome binary, then run the tests again.',
  );
  process.exit(1);
}
console.log(`[hybrid-chat] installing ${packages.join(', ')} from Debian …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
  stdio: 'inherit',
  env,
});
// Debian starts Prosody, nginx, PostgreSQL and Redis as system services on install (nginx on port 80,
// PostgreSQL on 5432, Redis on 6379); the tests start their own instances.
const services: ReadonlyArray<readonly [pkg: string, service: string]> = [
  ['prosody', 'prosody'],
  ['nginx-light', 'nginx'],
  ['postgresql', 'postgresql'],
  ['redis-server', 'redis-server'],
];
for (const [pkg, service] of services) {
  if (!packages.includes(pkg)) continue;
  try {
    execFileSync('service', [service, 'stop'], { stdio: 'ignore' });
  } catch {
    // No service manager here (containers): nothing was started, nothing to stop.
  }
}
for (const need of missing) {
  if (need.what.startsWith('Chromium') && !existsSync(CHROMIUM)) {
    console.error(`[hybrid-chat] apt-get finished but ${CHROMIUM} is still missing`);
    process.exit(1);
  }
}
