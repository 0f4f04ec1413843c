import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { collect, signIn, simPost, testSimulator, xmlField, xmlHeaders } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const user = async (id: string) =>
  (await sim.app.inject({ method: 'GET', url: `/sim/api/users/${id}` })).json();
const putUser = (payload: string) =>
  sim.app.inject({ method: 'PUT', url: '/finesse/api/User/1001', headers: xmlHeaders('1001'), payload });
const READY = '<User><state>READY</state></User>';
const LOGOUT = '<User><state>LOGOUT</state></User>';
const notReady = (id: number) => `<User><state>NOT_READY</state><reasonCodeId>${id}</reasonCodeId></User>`;

async function onInboundCall(): Promise<string> {
  await signIn(sim, '1001', 'READY');
  return (await simPost(sim, '/users/1001/calls', { type: 'inbound' })).json().id;
}

describe('state rules during a call', () => {
  it.each([
    ['RESERVED', []],
    ['TALKING', ['answer']],
    ['HOLD', ['answer', 'hold']],
  ])('refuses READY and LOGOUT while %s with 400 Invalid State', async (state, steps) => {
    sim = testSimulator();
    const id = await onInboundCall();
    for (const step of steps) await simPost(sim, `/dialogs/${id}/${step}`);
    expect((await user('1001')).state).toBe(state);
    for (const body of [READY, LOGOUT]) {
      const res = await putUser(body);
      expect(res.statusCode).toBe(400);
      expect(xmlField(res.body, 'ErrorType')).toBe('Invalid State');
    }
    expect((await user('1001')).state).toBe(state);
  });

  it('takes NOT_READY during a call as the pendingState, applied when the call ends', async () => {
    sim = testSimulator();
    const id = await onInboundCall();
    await simPost(sim, `/dialogs/${id}/answer`);
    const talking = await user('1001');
    const seen = collect(sim, ['/finesse/api/User/1001']);

    expect((await putUser(notReady(16))).statusCode).toBe(202);
    const pending = await user('1001');
    expect(pending).toMatchObject({ state: 'TALKING', pendingState: 'NOT_READY', pendingReasonCodeId: 16 });
    // Not a state change: the time in TALKING keeps running.
    expect(pending.stateChangeTime).toBe(talking.stateChangeTime);
    expect(seen).toHaveLength(1);
    expect(xmlField(seen[0]?.payload ?? '', 'pendingState')).toBe('NOT_READY');
    expect(xmlField(seen[0]?.payload ?? '', 'state')).toBe('TALKING');
    // The same request again changes nothing.
    expect((await putUser(notReady(16))).statusCode).toBe(202);
    expect(seen).toHaveLength(1);

    await simPost(sim, `/dialogs/${id}/end`);
    expect(await user('1001')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 16,
      reasonCodeLabel: 'Handling Chat',
      pendingState: '',
    });
    expect(xmlField(seen.at(-1)?.payload ?? '', 'pendingState')).toBe('');
  });

  it('applies a pending NOT_READY after an internal call too, instead of the state before it', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'direct' })).json();
    await simPost(sim, `/dialogs/${id}/answer`);
    await putUser(notReady(3));
    await simPost(sim, `/dialogs/${id}/end`);
    expect(await user('1001')).toMatchObject({ state: 'NOT_READY', reasonCodeId: 3 });
  });

  it('still validates the reason code of a pending NOT_READY', async () => {
    sim = testSimulator();
    const id = await onInboundCall();
    await simPost(sim, `/dialogs/${id}/answer`);
    const res = await putUser(notReady(21)); // a LOGOUT reason
    expect(xmlField(res.body, 'ErrorType')).toBe('Invalid Input');
    expect((await user('1001')).pendingState).toBe('');
  });

  it('refuses LOGOUT in wrap-up, but READY or NOT_READY end it', async () => {
    sim = testSimulator();
    await signIn(sim, '1004', 'READY');
    const { id } = (await simPost(sim, '/users/1004/calls', { type: 'inbound' })).json();
    await simPost(sim, `/dialogs/${id}/answer`);
    await simPost(sim, `/dialogs/${id}/end`);
    const put = (payload: string) =>
      sim.app.inject({ method: 'PUT', url: '/finesse/api/User/1004', headers: xmlHeaders('1004'), payload });
    expect((await put(LOGOUT)).statusCode).toBe(400);
    expect((await put(notReady(1))).statusCode).toBe(202);
    expect(await user('1004')).toMatchObject({ state: 'NOT_READY', reasonCodeId: 1, dialogs: [] });
  });

  it('moves stateChangeTime on every state change of a call, and only then', async () => {
    sim = testSimulator();
    const id = await onInboundCall();
    const times = [(await user('1001')).stateChangeTime];
    for (const step of ['answer', 'hold', 'retrieve', 'end']) {
      await simPost(sim, `/dialogs/${id}/${step}`);
      times.push((await user('1001')).stateChangeTime);
    }
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort()).toEqual(times);
  });
});
