import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { testSimulator } from './testSupport.ts';

// Bring your own finesse.js (SIM_FINESSE_JS / `finesseJsPath`).
let sim: Simulator;
let dir = '';
afterEach(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('finesseJsPath', () => {
  it('serves that file to gadgets at both Cisco paths; the desktop page keeps the simulator’s library', async () => {
    dir = mkdtempSync(join(tmpdir(), 'finesse-js-'));
    const file = join(dir, 'finesse.js');
    writeFileSync(file, 'window.ownLibrary = 1;\n');
    sim = testSimulator({ finesseJsPath: file });
    for (const path of ['/desktop/assets/js/finesse.js', '/desktop/assets/js/finesse.min.js']) {
      const res = await sim.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.body).toBe('window.ownLibrary = 1;\n');
    }
    // Read at each request: a replaced file is what the next gadget gets.
    writeFileSync(file, 'window.ownLibrary = 2;\n');
    expect((await sim.app.inject({ method: 'GET', url: '/desktop/assets/js/finesse.js' })).body).toContain(
      '= 2',
    );
    const own = await sim.app.inject({ method: 'GET', url: '/desktop/assets/sim/finesse.js' });
    expect(own.body).toContain('restservices');
    const desktop = await sim.app.inject({ method: 'GET', url: '/desktop/' });
    expect(desktop.body).toContain('<script src="/desktop/assets/sim/finesse.js"></script>');
  });

  it('without it, gadgets get the simulator’s finesse.js', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({ method: 'GET', url: '/desktop/assets/js/finesse.js' });
    expect(res.body).toContain('restservices');
  });
});
