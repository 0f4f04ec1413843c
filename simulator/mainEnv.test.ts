import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `node simulator/main.ts` refuses a bad SIM_GADGET_HOSTS, SIM_MAKE_REQUEST_HOSTS or SIM_FINESSE_JS
// at start, saying which, before it listens anywhere.
const ROOT = resolve(import.meta.dirname, '..');

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'simulator/main.ts'],
      { cwd: ROOT, env: { ...process.env, SIM_PORT: '0', SIM_LOG_LEVEL: 'warn', ...env }, timeout: 20_000 },
      (_error, _stdout, stderr) => done({ code: child.exitCode, stderr }),
    );
  });
}

describe('simulator environment', () => {
  it('stops with a clear message for a gadget host that is not host[:port]', async () => {
    const { code, stderr } = await start({ SIM_GADGET_HOSTS: 'ok.test:8444, http://x.test/path' });
    expect(code).toBe(1);
    expect(stderr).toContain('SIM_GADGET_HOSTS takes host or host:port values');
    expect(stderr).toContain('http://x.test/path');
  });

  it('stops with a clear message for a SIM_FINESSE_JS it cannot read', async () => {
    const { code, stderr } = await start({ SIM_FINESSE_JS: '/nonexistent/finesse.js' });
    expect(code).toBe(1);
    expect(stderr).toContain('SIM_FINESSE_JS names /nonexistent/finesse.js, which cannot be read');
  });
});
