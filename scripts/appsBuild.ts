/**
 * `npm start` builds the apps (widget, gadget, loader) only when their sources changed since the
 * last build it made: it compares the newest source file's time with a stamp it writes in `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the apps are built from. */
const SOURCES = ['sdk', 'ui', 'widget', 'gadget', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const OUTPUTS = ['dist/widget/index.html', 'dist/gadget/gadget.js', 'dist/widget.js'];
const STAMP = 'dist/.apps-built';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why the apps must be built, or null when the last build is newer than every source. */
export function staleBecause(root: string): string | null {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || OUTPUTS.some((output) => !existsSync(join(root, output)))) return 'no build yet';
  const built = statSync(stamp).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(join(root, source)) > built);
  return changed ? `${changed} changed` : null;
}

export function buildAppsIfStale(root: string): void {
  const reason = staleBecause(root);
  if (reason === null) {
    console.log('[hybrid-chat] apps are up to date (dist/): not building');
    return;
  }
  console.log(`[hybrid-chat] building the apps (${reason}) …`);
  execFileSync('npm', ['run', '--silent', 'build:apps'], { cwd: root, stdio: 'inherit' });
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
}
