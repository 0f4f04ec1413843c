import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, readDialogs, signIn, simPost, testSimulator, xmlField, xmlHeaders } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const user = async (id: string) =>
  (await sim.app.inject({ method: 'GET', url: `/sim/api/users/${id}` })).json();
const dialogsXml = async (id: string) =>
  (
    await sim.app.inject({
      method: 'GET',
      url: `/finesse/api/User/${id}/Dialogs`,
      headers: { authorization: basic(id) },
    })
  ).body;
const call = async (id: string, payload: object) => {
  const res = await simPost(sim, `/users/${id}/calls`, payload);
  return { status: res.statusCode, body: res.json() as { id: string; error?: string; errorType?: string } };
};
const act = (dialogId: string, action: string) => simPost(sim, `/dialogs/${dialogId}/${action}`);
const putUser = (id: string, payload: string) =>
  sim.app.inject({ method: 'PUT', url: `/finesse/api/User/${id}`, headers: xmlHeaders(id), payload });

describe('inbound (ACD) calls', () => {
  it('are only routed to a READY agent: 400 Invalid State otherwise', async () => {
    sim = testSimulator();
    expect(await call('1001', { type: 'inbound' })).toMatchObject({
      status: 400,
      body: { errorType: 'Invalid State' },
    });
    await signIn(sim, '1001');
    const refused = await call('1001', { type: 'inbound' });
    expect(refused).toMatchObject({ status: 400, body: { errorType: 'Invalid State' } });
    expect(refused.body.error).toContain('NOT_READY');
  });

  it('go RESERVED → TALKING → HOLD → TALKING → READY, with the dialog following', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const placed = await call('1001', { type: 'inbound', from: '6175550199' });
    expect(placed.status).toBe(201);
    expect(await user('1001')).toMatchObject({ state: 'RESERVED', dialogs: [placed.body.id] });

    const [ringing] = readDialogs(await dialogsXml('1001'));
    expect(ringing).toMatchObject({
      id: placed.body.id,
      state: 'ALERTING',
      callType: 'PREROUTE_ACD_IN',
      fromAddress: '6175550199',
      toAddress: '8005550100',
      participants: [
        { mediaAddress: '6175550199', mediaAddressType: '', state: 'INITIATED' },
        { mediaAddress: '3001', mediaAddressType: 'AGENT_DEVICE', state: 'ALERTING', actions: ['ANSWER'] },
      ],
    });

    await act(placed.body.id, 'answer');
    expect((await user('1001')).state).toBe('TALKING');
    const [active] = readDialogs(await dialogsXml('1001'));
    expect(active?.state).toBe('ACTIVE');
    expect(active?.participants[1]).toMatchObject({
      state: 'ACTIVE',
      actions: expect.arrayContaining(['HOLD', 'DROP']),
    });

    await act(placed.body.id, 'hold');
    expect((await user('1001')).state).toBe('HOLD');
    expect(readDialogs(await dialogsXml('1001'))[0]?.participants[1]).toMatchObject({
      state: 'HELD',
      actions: ['RETRIEVE', 'DROP', 'UPDATE_CALL_DATA'],
    });
    await act(placed.body.id, 'retrieve');
    expect((await user('1001')).state).toBe('TALKING');

    await act(placed.body.id, 'end');
    expect(await user('1001')).toMatchObject({ state: 'READY', dialogs: [] });
    expect(readDialogs(await dialogsXml('1001'))).toEqual([]);
  });

  it('end in WORK_READY when wrap-up is REQUIRED, and wrap-up complete makes the agent READY', async () => {
    sim = testSimulator(); // 1004 has wrapUpOnIncoming REQUIRED in agents.json
    await signIn(sim, '1004', 'READY');
    const res = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/User/1004',
      headers: { authorization: basic('1004') },
    });
    expect(xmlField(res.body, 'wrapUpOnIncoming')).toBe('REQUIRED');
    const { body } = await call('1004', { type: 'inbound' });
    await act(body.id, 'answer');
    await act(body.id, 'end');
    expect((await user('1004')).state).toBe('WORK_READY');
    // The dialog stays while the agent wraps up: dropped, the agent's leg in WRAP_UP.
    const [wrapping] = readDialogs(await dialogsXml('1004'));
    expect(wrapping).toMatchObject({
      state: 'DROPPED',
      participants: [{ state: 'DROPPED' }, { state: 'WRAP_UP' }],
    });

    expect((await simPost(sim, '/users/1004/wrapup/complete')).json()).toMatchObject({
      state: 'READY',
      dialogs: [],
    });
    expect((await simPost(sim, '/users/1004/wrapup/complete')).statusCode).toBe(400);
  });

  it('wrap up in WORK when NOT_READY was chosen during the call, and then go NOT_READY with its reason', async () => {
    sim = testSimulator();
    await signIn(sim, '1004', 'READY');
    const { body } = await call('1004', { type: 'inbound' });
    await act(body.id, 'answer');
    await putUser('1004', '<User><state>NOT_READY</state><reasonCodeId>2</reasonCodeId></User>');
    await act(body.id, 'end');
    expect(await user('1004')).toMatchObject({ state: 'WORK', pendingState: '' });
    await simPost(sim, '/users/1004/wrapup/complete');
    expect(await user('1004')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 2,
      reasonCodeLabel: 'Lunch',
    });
  });

  it('let the agent leave wrap-up early by choosing READY, which drops the dialog', async () => {
    sim = testSimulator();
    await signIn(sim, '1004', 'READY');
    const { body } = await call('1004', { type: 'inbound' });
    await act(body.id, 'answer');
    await act(body.id, 'end');
    expect((await putUser('1004', '<User><state>READY</state></User>')).statusCode).toBe(202);
    expect(await user('1004')).toMatchObject({ state: 'READY', dialogs: [] });
  });

  it('return a reserved agent to READY when the caller hangs up before the answer', async () => {
    sim = testSimulator();
    await signIn(sim, '1004', 'READY');
    const { body } = await call('1004', { type: 'inbound' });
    await act(body.id, 'end');
    expect(await user('1004')).toMatchObject({ state: 'READY', dialogs: [] });
  });
});

describe('internal calls (transfer, conference, consult, direct)', () => {
  it.each([
    ['transfer', 'TRANSFER', '4085550142', 2],
    ['conference', 'CONFERENCE', '3002', 3],
    ['consult', 'CONSULT', '3002', 2],
    ['direct', 'AGENT_INSIDE', '3002', 2],
  ])(
    '%s rings a NOT_READY agent (%s), TALKING on answer, back to NOT_READY after',
    async (type, callType, from, parties) => {
      sim = testSimulator();
      await signIn(sim, '1001');
      await putUser('1001', '<User><state>NOT_READY</state><reasonCodeId>1</reasonCodeId></User>');
      const { status, body } = await call('1001', { type });
      expect(status).toBe(201);
      // Ringing does not move the voice state: internal calls bypass ACD routing.
      expect(await user('1001')).toMatchObject({ state: 'NOT_READY', reasonCodeId: 1 });
      const [dialog] = readDialogs(await dialogsXml('1001'));
      expect(dialog).toMatchObject({ callType, fromAddress: from, state: 'ALERTING' });
      expect(dialog?.participants).toHaveLength(parties);

      await act(body.id, 'answer');
      expect(await user('1001')).toMatchObject({ state: 'TALKING', reasonCodeId: -1 });
      await act(body.id, 'end');
      expect(await user('1001')).toMatchObject({ state: 'NOT_READY', reasonCodeId: 1, dialogs: [] });
    },
  );

  it('ring a READY agent too, and return them to READY; never wrap-up, even when required', async () => {
    sim = testSimulator();
    await signIn(sim, '1004', 'READY');
    const { body } = await call('1004', { type: 'consult' });
    expect((await user('1004')).state).toBe('READY');
    await act(body.id, 'answer');
    await act(body.id, 'end');
    expect(await user('1004')).toMatchObject({ state: 'READY', dialogs: [] });
  });

  it('a direct call from outside the contact center is OTHER_IN; from an agent AGENT_INSIDE', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const outside = await call('1001', { type: 'direct', from: '2125550123' });
    expect(readDialogs(await dialogsXml('1001'))[0]).toMatchObject({
      callType: 'OTHER_IN',
      toAddress: '3001',
    });
    await act(outside.body.id, 'end');
    await call('1001', { type: 'direct', from: '3003' });
    expect(readDialogs(await dialogsXml('1001'))[0]?.participants[0]).toMatchObject({
      mediaAddress: '3003',
      mediaAddressType: 'AGENT_DEVICE',
    });
  });

  it('an unanswered internal call leaves the state as it was', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const before = await user('1001');
    const { body } = await call('1001', { type: 'transfer' });
    await act(body.id, 'end');
    expect(await user('1001')).toMatchObject({ state: 'NOT_READY', stateChangeTime: before.stateChangeTime });
  });
});

describe('who can be called', () => {
  it('refuses a signed-out agent, a second call, and a call from the agent to themselves', async () => {
    sim = testSimulator();
    expect((await call('1001', { type: 'direct' })).status).toBe(400);
    await signIn(sim, '1001');
    expect((await call('1001', { type: 'direct', from: '3001' })).body.errorType).toBe('Invalid Input');
    expect((await call('1001', { type: 'consult' })).status).toBe(201);
    expect(await call('1001', { type: 'direct' })).toMatchObject({
      status: 400,
      body: { errorType: 'Invalid State' },
    });
    expect((await call('4242', { type: 'direct' })).status).toBe(404);
    expect((await call('1001', { type: 'video' })).status).toBe(400);
    expect((await act('99', 'answer')).statusCode).toBe(404);
  });

  it('ends every call of an agent signed out through the control API', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    await call('1001', { type: 'direct' });
    await simPost(sim, '/users/1001/state', { state: 'LOGOUT' });
    expect(await user('1001')).toMatchObject({ state: 'LOGOUT', dialogs: [] });
  });
});
