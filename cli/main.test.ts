import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');
const SEED_003 = join(import.meta.dirname, 'testing/seed003.map');

/** The real bin in its own process: real stdin, real exit status. */
function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, ...args], {
    input,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the hybrid-chat bin', () => {
  it('reads a map from standard input and exits 0', () => {
    const result = run(['proxy', 'check', '-'], 'chat.internal:8444=chat.example.com:8443\n');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('<stdin>: valid, 1 entry, 1 external host:port');
  });

  it('exits 1 with line-numbered problems for a bad map', () => {
    const result = run(['proxy', 'check', '-'], '\nchat.internal=chat.example.com:8443\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('<stdin>:2: internal side: missing port in "chat.internal"');
  });

  it('exits 2 on a wrong command line', () => {
    const result = run(['proxy', 'nginx', SEED_003, '--upstream-scheme', 'ftp']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--upstream-scheme ftp: use https or http');
  });

  it('prints an nginx configuration for a file', () => {
    const result = run(['proxy', 'nginx', SEED_003, '--listen', '127.0.0.1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('server_name finesse1.xyz.com;');
    expect(result.stdout).toContain('listen 127.0.0.1:8444 ssl http2;');
  });
});
