import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator, xmlField } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

describe('test control API (/sim/api)', () => {
  it('shows a user as JSON, without the password', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({ method: 'GET', url: '/sim/api/users/1005' });
    expect(res.statusCode).toBe(200);
    const user = res.json();
    expect(user).toMatchObject({
      id: '1005',
      state: 'LOGOUT',
      roles: ['Agent', 'Supervisor'],
      configuredExtension: '3005',
    });
    expect(JSON.stringify(user)).not.toContain('pass1005');
    expect((await sim.app.inject({ method: 'GET', url: '/sim/api/users' })).json()).toHaveLength(5);
  });

  it('forces a state as if changed elsewhere; REST then reports it', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({
      method: 'POST',
      url: '/sim/api/users/1001/state',
      payload: { state: 'NOT_READY', reasonCodeId: 16 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 16,
      reasonCodeLabel: 'Handling Chat',
      extension: '3001',
    });
    const rest = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/User/1001',
      headers: { authorization: basic('1001') },
    });
    expect(xmlField(rest.body, 'state')).toBe('NOT_READY');
    expect(xmlField(rest.body, 'label')).toBe('Handling Chat');
  });

  it('validates what it is given', async () => {
    sim = testSimulator();
    const post = (url: string, payload: object) => sim.app.inject({ method: 'POST', url, payload });
    expect((await post('/sim/api/users/1001/state', { state: 'SLEEPING' })).statusCode).toBe(400);
    expect((await post('/sim/api/users/1001/state', { state: 'READY', reasonCodeId: 16 })).statusCode).toBe(
      400,
    );
    expect((await post('/sim/api/users/4242/state', { state: 'READY' })).statusCode).toBe(404);
    expect((await post('/sim/api/nodes/tertiary', { up: false })).statusCode).toBe(404);
    expect((await post('/sim/api/nodes/primary', { up: 'no' })).statusCode).toBe(400);
    expect((await post('/sim/api/nodes/primary', {})).statusCode).toBe(400);
    // No subscriber configured in this simulator.
    expect((await post('/sim/api/nodes/secondary', { up: false })).statusCode).toBe(404);
  });

  it('takes a node out of service, and resets users, calls and nodes', async () => {
    sim = testSimulator();
    await sim.app.inject({ method: 'POST', url: '/sim/api/users/1002/state', payload: { state: 'READY' } });
    await sim.app.inject({ method: 'POST', url: '/sim/api/users/1002/calls', payload: { type: 'inbound' } });
    const out = await sim.app.inject({
      method: 'POST',
      url: '/sim/api/nodes/primary',
      payload: { status: 'OUT_OF_SERVICE' },
    });
    expect(out.json()).toMatchObject({ name: 'primary', up: true, status: 'OUT_OF_SERVICE' });
    const info = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(xmlField(info.body, 'status')).toBe('OUT_OF_SERVICE');

    expect((await sim.app.inject({ method: 'POST', url: '/sim/api/reset' })).statusCode).toBe(204);
    const after = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(xmlField(after.body, 'status')).toBe('IN_SERVICE');
    const user = (await sim.app.inject({ method: 'GET', url: '/sim/api/users/1002' })).json();
    expect(user).toMatchObject({ state: 'LOGOUT', dialogs: [] });
  });
});
