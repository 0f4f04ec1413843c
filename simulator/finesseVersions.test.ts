import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINESSE_JS_NAMES, finesseJsSurface } from './finesseJsSurface.ts';
import {
  checkFinesseModes,
  FINESSE_VERSIONS,
  FinesseVersionError,
  parseFinesseVersion,
  versionAtLeast,
  type FinesseVersion,
} from './finesseVersions.ts';
import { simulatorPerTest, type DOMWindow } from './jsdomPage.ts';
import { simPost, testSimulator } from './testSupport.ts';

const each = simulatorPerTest();
/** The finesse.js a gadget gets: Finesse's on 10.6 and later, else the administrator's upload (README). */
const libraryPath = (version: FinesseVersion) =>
  versionAtLeast(version, '10.6')
    ? '/desktop/assets/js/finesse.js'
    : '/3rdpartygadget/files/hybrid-chat/finesse.js';
const desktopPage = (version: FinesseVersion = '12.6') =>
  each.page('http://sim.test/desktop/', [libraryPath(version)]);

/** Whether `finesse.a.b.c` can be reached in the page. */
function reachable(window: DOMWindow, name: string): boolean {
  let value: unknown = window;
  for (const key of name.split('.')) {
    if (value === null || value === undefined) return false;
    if (!(key in Object(value))) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined;
}

describe('SIM_FINESSE_VERSION', () => {
  it('accepts the five releases, defaults to 12.6 and refuses anything else clearly', () => {
    for (const version of FINESSE_VERSIONS) expect(parseFinesseVersion(version)).toBe(version);
    expect(parseFinesseVersion(undefined)).toBe('12.6');
    expect(parseFinesseVersion(' 12.0 ')).toBe('12.0');
    expect(() => parseFinesseVersion('11.0')).toThrow(
      'SIM_FINESSE_VERSION must be one of 10.5, 11.6, 12.0, 12.5, 12.6 (the Finesse releases the simulator presents), got "11.0"',
    );
    expect(() => parseFinesseVersion('latest')).toThrow(FinesseVersionError);
  });

  it('has SSO from 11.5 and VPN-less access on 12.6 (UCCX from 12.5) only', () => {
    const setup = { deploymentType: 'UCCE', authMode: 'NON_SSO', reverseProxy: false } as const;
    expect(() => checkFinesseModes({ ...setup, version: '10.5', authMode: 'SSO' })).toThrow(
      /Finesse 10\.5\(1\) has no Single Sign-On/,
    );
    expect(() => checkFinesseModes({ ...setup, version: '10.5', authMode: 'HYBRID' })).toThrow(
      FinesseVersionError,
    );
    expect(() => checkFinesseModes({ ...setup, version: '11.6', authMode: 'SSO' })).not.toThrow();
    for (const version of ['10.5', '11.6', '12.0', '12.5'] as const) {
      expect(() => checkFinesseModes({ ...setup, version, reverseProxy: true })).toThrow(
        /has no VPN-less access/,
      );
    }
    expect(() =>
      checkFinesseModes({ ...setup, version: '12.5', deploymentType: 'UCCX', reverseProxy: true }),
    ).not.toThrow();
    expect(() => checkFinesseModes({ ...setup, version: '12.6', reverseProxy: true })).not.toThrow();
  });

  it('refuses a mode the version lacks when the simulator is created', () => {
    expect(() => testSimulator({ finesseVersion: '10.5', authMode: 'SSO' })).toThrow(FinesseVersionError);
    expect(() =>
      testSimulator({ finesseVersion: '12.0', reverseProxy: { allowedHosts: ['127.0.0.1'] } }),
    ).toThrow(/VPN-less/);
    expect(() => testSimulator({ finesseVersion: '9.1' })).toThrow(/finesseVersion must be one of/);
  });

  it('stops the simulator CLI with a clear message for an unknown version', () => {
    const run = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', resolve(import.meta.dirname, 'main.ts')],
      {
        env: { ...process.env, SIM_FINESSE_VERSION: '11.0', SIM_PORT: '0' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '[simulator] SIM_FINESSE_VERSION must be one of 10.5, 11.6, 12.0, 12.5, 12.6',
    );
  });

  it('serves the finesse.js of each version: every name present exactly where that release has it', async () => {
    const sim = each.start();
    for (const version of FINESSE_VERSIONS) {
      const switched = await simPost(sim, '/finesse-version', { version });
      expect(switched.statusCode).toBe(200);
      const window = await desktopPage(version);
      const surface = finesseJsSurface(version);
      const wrong = FINESSE_JS_NAMES.filter(({ name }) => reachable(window, name) !== surface.has(name));
      expect(wrong, `finesse.js of ${version}`).toEqual([]);
    }
    expect(finesseJsSurface('10.5').has('finesse.utilities.Utilities.getAuthHeaderString')).toBe(false);
    expect(finesseJsSurface('11.6').has('finesse.utilities.Utilities.getAuthHeaderString')).toBe(true);
  });

  it('still signs requests in on 10.5, where Utilities.getAuthHeaderString is missing', async () => {
    each.start({ finesseVersion: '10.5' });
    const { finesse } = await desktopPage('10.5');
    expect('getAuthHeaderString' in finesse.utilities.Utilities).toBe(false);
    finesse.clientservices.ClientServices.init(
      { id: '1001', authorization: Buffer.from('1001:pass1001').toString('base64') },
      false,
    );
    const user = await new Promise<{ getFirstName(): string | null }>((done, fail) => {
      new finesse.restservices.User({ id: '1001', onLoad: done, onError: fail });
    });
    expect(user.getFirstName()).toBe('María');
  });

  it('serves gadgets finesse.js and jQuery under /desktop/assets/js/ from 10.6 on; on 10.5 only the upload', async () => {
    const sim = each.start({ finesseVersion: '10.5' });
    const status = async (url: string) => (await sim.app.inject({ method: 'GET', url })).statusCode;
    const FINESSE = ['finesse.js', 'finesse.min.js', 'jquery.min.js'].map((f) => `/desktop/assets/js/${f}`);
    const UPLOAD = ['finesse.js', 'jquery.min.js'].map((f) => `/3rdpartygadget/files/hybrid-chat/${f}`);
    expect(await Promise.all(FINESSE.map(status))).toEqual([404, 404, 404]);
    expect(await Promise.all(UPLOAD.map(status))).toEqual([200, 200]);
    // The desktop page itself keeps its own library.
    expect(await status('/desktop/assets/sim/finesse.js')).toBe(200);
    expect((await simPost(sim, '/finesse-version', { version: '11.6' })).statusCode).toBe(200);
    expect(await Promise.all(FINESSE.map(status))).toEqual([200, 200, 200]);
  });

  it('reports the version at /sim/api/finesse-version, SystemInfo without systemAuthMode before 11.5', async () => {
    const sim = each.start({ finesseVersion: '10.5' });
    const info = await sim.app.inject({ method: 'GET', url: '/sim/api/finesse-version' });
    expect(info.json()).toEqual({
      version: '10.5',
      release: '10.5(1)',
      modes: { sso: false, vpnLess: false },
    });
    const old = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(old.body).not.toContain('systemAuthMode');
    expect((await sim.app.inject({ method: 'GET', url: '/desktop/' })).body).toContain(
      'Cisco Finesse 10.5(1) (simulated)',
    );

    expect((await simPost(sim, '/finesse-version', { version: '12.6' })).statusCode).toBe(200);
    const current = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(current.body).toContain('<systemAuthMode>NON_SSO</systemAuthMode>');

    const bad = await simPost(sim, '/finesse-version', { version: '13.0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/version must be one of/);
    expect((await simPost(sim, '/finesse-version', {})).statusCode).toBe(400);
  });

  it('refuses VPN-less configuration at run time on a version without it', async () => {
    const sim = each.start({ finesseVersion: '12.0' });
    const refused = await simPost(sim, '/reverse-proxy/allowed-hosts', { hosts: ['127.0.0.1'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toBe('Finesse 12.0(1) (UCCE) has no VPN-less access');
    expect((await simPost(sim, '/finesse-version', { version: '12.6' })).statusCode).toBe(200);
    expect((await simPost(sim, '/reverse-proxy/allowed-hosts', { hosts: ['127.0.0.1'] })).statusCode).toBe(
      201,
    );
    // Configured now: going back to a release without VPN-less access is refused.
    const back = await simPost(sim, '/finesse-version', { version: '12.0' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toMatch(/no VPN-less access/);
  });

  it('refuses to switch an SSO simulator to a version without SSO', async () => {
    const sim = each.start({ authMode: 'SSO', finesseVersion: '11.6' });
    const refused = await simPost(sim, '/finesse-version', { version: '10.5' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatch(/no Single Sign-On/);
    expect(sim.finesseVersion()).toBe('11.6');
  });
});
