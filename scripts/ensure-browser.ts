/**
 * Makes sure a Chromium for the e2e tests is on this machine: Debian's package, installed with
 * apt-get when missing and running as root (CI), a clear message otherwise. Playwright's own
 * browser download is not used: it needs hosts beyond the package registries.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error(
    `[hybrid-chat] Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install -y chromium)` +
      ' or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.',
  );
  process.exit(1);
}
console.log('[hybrid-chat] installing Chromium from Debian (apt-get install -y chromium) …');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-core', 'fonts-noto-color-emoji'], {
  stdio: 'inherit',
  env,
});
if (!existsSync(CHROMIUM)) {
  console.error(`[hybrid-chat] apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
