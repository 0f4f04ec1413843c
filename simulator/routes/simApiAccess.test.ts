import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../createSimulator.ts';
import { testSimulator } from '../testSupport.ts';
import { isLoopback } from './simApiAccess.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const users = (remoteAddress: string, headers: Record<string, string> = {}) =>
  sim!.app.inject({ method: 'GET', url: '/sim/api/users', remoteAddress, headers });

describe('/sim/api access', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.2', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:192.0.2.1', false],
    ['fe80::1', false],
    ['', false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it('answers loopback peers, and refuses others with a 403 that says why', async () => {
    sim = testSimulator();
    expect((await users('127.0.0.1')).statusCode).toBe(200);
    expect((await users('::1')).statusCode).toBe(200);
    const refused = await users('192.0.2.10');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: '/sim/api answers only this machine (loopback); set SIM_API_TOKEN to allow others',
    });
    // State changes are refused the same way, before anything happens.
    const forced = await sim.app.inject({
      method: 'POST',
      url: '/sim/api/reset',
      remoteAddress: '192.0.2.10',
    });
    expect(forced.statusCode).toBe(403);
  });

  it('treats a request a proxy forwarded as remote, even from a loopback peer', async () => {
    sim = testSimulator();
    expect((await users('127.0.0.1', { 'x-forwarded-for': '192.0.2.10' })).statusCode).toBe(403);
    expect((await users('127.0.0.1', { forwarded: 'for=192.0.2.10' })).statusCode).toBe(403);
  });

  it('answers anyone with SIM_API_TOKEN, and nobody with a wrong one', async () => {
    sim = testSimulator({ simApiToken: 's3cret-token' });
    expect((await users('192.0.2.10', { 'x-sim-api-token': 's3cret-token' })).statusCode).toBe(200);
    expect((await users('192.0.2.10', { 'x-sim-api-token': 's3cret-tokeN' })).statusCode).toBe(403);
    expect((await users('192.0.2.10', { 'x-sim-api-token': 's3cret' })).statusCode).toBe(403);
    const refused = await users('192.0.2.10');
    expect(refused.json()).toEqual({
      error: '/sim/api answers only this machine (loopback), or a request with the x-sim-api-token header',
    });
  });

  it('leaves Finesse itself open to the network (it has its own authentication)', async () => {
    sim = testSimulator();
    const info = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/SystemInfo',
      remoteAddress: '192.0.2.10',
    });
    expect(info.statusCode).toBe(200);
  });
});
