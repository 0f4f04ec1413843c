import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBecause } from './appsBuild.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'hybrid-chat-apps-'));
  dirs.push(root);
  for (const dir of ['sdk', 'ui', 'widget', 'gadget', 'dist/widget', 'dist/gadget'])
    mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['sdk/index.ts', 'widget/app.tsx', 'vite.config.ts'])
    writeFileSync(join(root, file), '');
  return root;
}

function built(root: string, at: Date): void {
  for (const file of [
    'dist/widget/index.html',
    'dist/gadget/gadget.js',
    'dist/widget.js',
    'dist/.apps-built',
  ])
    writeFileSync(join(root, file), '');
  utimesSync(join(root, 'dist/.apps-built'), at, at);
}

describe('npm start builds the apps only when they are stale', () => {
  it('builds when nothing was built yet', () => {
    expect(staleBecause(checkout())).toBe('no build yet');
  });

  it('does not build again when no source changed since the last build', () => {
    const root = checkout();
    built(root, new Date(Date.now() + 60_000));
    expect(staleBecause(root)).toBeNull();
  });

  it('builds again when a source changed after the last build, and says which', () => {
    const root = checkout();
    built(root, new Date(Date.now() - 60_000));
    expect(staleBecause(root)).toBe('sdk changed');
  });
});
