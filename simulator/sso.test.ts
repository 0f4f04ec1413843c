import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, T0, testSimulator, xmlField } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const idp = (username: string, password = `pass${username}`) =>
  sim.app.inject({ method: 'POST', url: '/sim/idp/token', payload: { username, password } });
const getUser = (id: string, authorization: string) =>
  sim.app.inject({ method: 'GET', url: `/finesse/api/User/${id}`, headers: { authorization } });
const refresh = (token: string, refreshToken: string) =>
  sim.app.inject({
    method: 'POST',
    url: '/desktop/sso/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token, 'refresh-token': refreshToken }).toString(),
  });
const systemAuthMode = async () =>
  xmlField((await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' })).body, 'systemAuthMode');

describe('SSO mode', () => {
  it('issues a token from the IdP sign-in and takes it as a Bearer header; Basic is refused', async () => {
    sim = testSimulator({ authMode: 'SSO' });
    expect(await systemAuthMode()).toBe('SSO');
    const res = await idp('mgonzalez', 'pass1001'); // the login name works, as at the IdP
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const grant = res.json();
    expect(grant).toMatchObject({ user_id: '1001', expires_in: 3600 });
    expect(grant.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(grant.refresh_token).not.toBe(grant.token);

    expect((await getUser('1001', `Bearer ${grant.token}`)).statusCode).toBe(200);
    const basicRes = await getUser('1001', basic('1001'));
    expect(basicRes.statusCode).toBe(401);
    expect(xmlField(basicRes.body, 'ErrorType')).toBe('Authorization Failure');
    // A token only opens its own user.
    expect((await getUser('1002', `Bearer ${grant.token}`)).statusCode).toBe(401);
    expect((await getUser('1001', 'Bearer not-a-token')).statusCode).toBe(401);
    expect((await idp('1001', 'wrong')).statusCode).toBe(401);
  });

  it('lets tokens expire, and refreshes them through /desktop/sso/token', async () => {
    let at = T0.getTime();
    sim = testSimulator({ authMode: 'SSO', ssoTokenTtlMs: 60_000, now: () => new Date(at) });
    const grant = (await idp('1001')).json();
    expect(grant.expires_in).toBe(60);
    at += 45_000; // Cisco: refresh after 75% of the lifetime
    const fresh = await refresh(grant.token, grant.refresh_token);
    expect(fresh.statusCode).toBe(200);
    const next = fresh.json();
    expect(next.user_id).toBe('1001');
    expect((await getUser('1001', `Bearer ${next.token}`)).statusCode).toBe(200);
    // The old pair is spent.
    expect((await getUser('1001', `Bearer ${grant.token}`)).statusCode).toBe(401);
    expect((await refresh(grant.token, grant.refresh_token)).statusCode).toBe(401);

    at += 61_000;
    expect((await getUser('1001', `Bearer ${next.token}`)).statusCode).toBe(401);
    // An expired access token can still be refreshed while its refresh token lives.
    expect((await refresh(next.token, next.refresh_token)).statusCode).toBe(200);
    expect((await refresh(next.token, 'forged')).statusCode).toBe(401);
    expect((await refresh('', '')).statusCode).toBe(400);
  });

  it('tells the desktop (and through it the gadget prefs) that the system is SSO', async () => {
    sim = testSimulator({ authMode: 'SSO' });
    const page = await sim.app.inject({ method: 'GET', url: '/desktop/' });
    expect(page.body).toContain('"systemAuthMode":"SSO"');
  });

  it('opens the notification stream with a Bearer token', async () => {
    sim = testSimulator({ authMode: 'SSO' });
    const { token } = (await sim.app.inject({ method: 'POST', url: '/sim/api/users/1002/sso-token' })).json();
    const res = await sim.app.inject({
      method: 'GET',
      url: '/sim/notifications/User/1002',
      headers: { authorization: `Bearer ${token}` },
      payloadAsStream: true,
    });
    expect(res.statusCode).toBe(200);
    res.stream().destroy();
  });
});

describe('HYBRID and NON_SSO modes', () => {
  it('HYBRID: SSO agents (agents.json "sso") use tokens, the others Basic', async () => {
    sim = testSimulator({ authMode: 'HYBRID' });
    expect(await systemAuthMode()).toBe('HYBRID');
    const grant = (await idp('1003')).json();
    expect((await getUser('1003', `Bearer ${grant.token}`)).statusCode).toBe(200);
    expect((await getUser('1003', basic('1003'))).statusCode).toBe(401);
    expect((await getUser('1001', basic('1001'))).statusCode).toBe(200);
    const refused = await idp('1001');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toContain('does not sign in with SSO');
  });

  it('NON_SSO: no IdP, and Bearer tokens are refused', async () => {
    sim = testSimulator();
    expect(await systemAuthMode()).toBe('NON_SSO');
    expect((await idp('1001')).statusCode).toBe(400);
    const { token } = (await sim.app.inject({ method: 'POST', url: '/sim/api/users/1001/sso-token' })).json();
    expect((await getUser('1001', `Bearer ${token}`)).statusCode).toBe(401);
  });
});
