import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { OFF_HOOK_REASON_CODE } from './calls.ts';
import {
  basic,
  collect,
  readDialogs,
  signIn,
  simPost,
  testSimulator,
  xmlField,
  xmlHeaders,
  type ReadDialog,
} from './testSupport.ts';

// Cisco "Dialog—Create a New Dialog (Make a Call)": POST /finesse/api/User/{id}/Dialogs.
let sim: Simulator;
afterEach(async () => sim?.close());

const makeCall = (as: string, body: string, user = as, headers: Record<string, string> = {}) =>
  sim.app.inject({
    method: 'POST',
    url: `/finesse/api/User/${user}/Dialogs`,
    headers: { ...xmlHeaders(as), ...headers },
    payload: body,
  });
const dialogBody = (from: string, to: string, extra = '') =>
  `<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>${from}</fromAddress>` +
  `<toAddress>${to}</toAddress>${extra}</Dialog>`;
const user = async (id: string) =>
  (await sim.app.inject({ method: 'GET', url: `/sim/api/users/${id}` })).json();
const dialogsOf = async (id: string): Promise<ReadDialog[]> =>
  readDialogs(
    (
      await sim.app.inject({
        method: 'GET',
        url: `/finesse/api/User/${id}/Dialogs`,
        headers: { authorization: basic(id) },
      })
    ).body,
  );
const errorOf = (body: string) => [xmlField(body, 'ErrorType'), xmlField(body, 'ErrorData')];

describe('MAKE_CALL (POST /finesse/api/User/{id}/Dialogs)', () => {
  it('answers 202 with no body, then the new dialog arrives as Dialog notifications', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const seen = collect(sim, ['/finesse/api/User/1001/Dialogs']);
    const res = await makeCall('1001', dialogBody('3001', '4085550199'), '1001', { requestId: 'mc-1' });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');

    // POST on the collection (the dialog is new), then PUTs as the phone dials and the far end rings.
    const events = seen.map((n) => [xmlField(n.payload, 'event'), xmlField(n.payload, 'requestId')]);
    expect(events).toEqual([
      ['POST', 'mc-1'],
      ['PUT', 'mc-1'],
      ['PUT', 'mc-1'],
    ]);
    expect(seen[0]?.payload).toContain('<data><dialogs><Dialog>');
    expect(readDialogs(seen[0]!.payload)[0]?.state).toBe('INITIATING');
    expect(xmlField(seen[0]!.payload, 'source')).toBe('/finesse/api/User/1001/Dialogs');

    const [dialog] = await dialogsOf('1001');
    expect(dialog).toMatchObject({
      state: 'ALERTING',
      fromAddress: '3001',
      toAddress: '4085550199',
      callType: 'OUT',
      dialedNumber: '4085550199',
    });
    expect(dialog?.participants.map((p) => [p.mediaAddress, p.mediaAddressType, p.state, p.actions])).toEqual(
      [
        ['3001', 'AGENT_DEVICE', 'INITIATED', ['UPDATE_CALL_DATA', 'DROP']],
        ['4085550199', '', 'ALERTING', ['ANSWER']],
      ],
    );
    // Placed from NOT_READY: the agent stays there while it rings.
    expect((await user('1001')).state).toBe('NOT_READY');
  });

  it('connects when the far end answers (TALKING), and drops back to the state before the call', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    expect((await makeCall('1001', dialogBody('3001', '3002'))).statusCode).toBe(202);
    // Unified CCE: going off-hook in READY is NOT_READY with reason code 50006.
    expect(await user('1001')).toMatchObject({ state: 'NOT_READY', reasonCodeId: OFF_HOOK_REASON_CODE });
    const [ringing] = await dialogsOf('1001');
    expect(ringing?.callType).toBe('AGENT_INSIDE'); // 3002 is an agent's extension
    expect(ringing?.participants[1]?.mediaAddressType).toBe('AGENT_DEVICE');

    // The agent cannot answer their own outgoing call.
    const answer = await sim.app.inject({
      method: 'PUT',
      url: `/finesse/api/Dialog/${ringing!.id}`,
      headers: xmlHeaders('1001'),
      payload: `<Dialog><targetMediaAddress>3001</targetMediaAddress><requestedAction>ANSWER</requestedAction></Dialog>`,
    });
    expect(answer.statusCode).toBe(400);

    expect((await simPost(sim, `/dialogs/${ringing!.id}/connect`)).statusCode).toBe(200);
    const [active] = await dialogsOf('1001');
    expect(active?.state).toBe('ACTIVE');
    expect(active?.participants.map((p) => p.state)).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await user('1001')).state).toBe('TALKING');

    const drop = await sim.app.inject({
      method: 'PUT',
      url: `/finesse/api/Dialog/${ringing!.id}`,
      headers: xmlHeaders('1001'),
      payload: `<Dialog><targetMediaAddress>3001</targetMediaAddress><requestedAction>DROP</requestedAction></Dialog>`,
    });
    expect(drop.statusCode).toBe(202);
    expect(await dialogsOf('1001')).toEqual([]);
    expect(await user('1001')).toMatchObject({ state: 'NOT_READY', reasonCodeId: OFF_HOOK_REASON_CODE });
  });

  it('lets the agent hang up while it still rings, without a state change', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    await makeCall('1001', dialogBody('3001', '5551234'));
    const [dialog] = await dialogsOf('1001');
    const seen = collect(sim, ['/finesse/api/User/1001']);
    const res = await simPost(sim, `/dialogs/${dialog!.id}/end`);
    expect(res.statusCode).toBe(200);
    expect(await dialogsOf('1001')).toEqual([]);
    expect(seen).toEqual([]);
    expect((await user('1001')).state).toBe('NOT_READY');
  });

  it('carries call variables on Unified CCE', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const variables =
      '<mediaProperties><callvariables>' +
      '<CallVariable><name>callVariable1</name><value>testcallvar1</value></CallVariable>' +
      '<CallVariable><name>user.Finesse_ecc2</name><value>A &amp; B</value></CallVariable>' +
      '</callvariables></mediaProperties>';
    expect((await makeCall('1001', dialogBody('3001', '5551234', variables))).statusCode).toBe(202);
    const [dialog] = await dialogsOf('1001');
    expect(dialog?.callVariables).toMatchObject({
      callVariable1: 'testcallvar1',
      'user.Finesse_ecc2': 'A & B',
    });
  });

  it.each([
    [
      'no requestedAction',
      '<Dialog><fromAddress>3001</fromAddress><toAddress>5551234</toAddress></Dialog>',
      'Parameter Missing',
    ],
    [
      'no toAddress',
      '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>3001</fromAddress></Dialog>',
      'Parameter Missing',
    ],
    ['another action', dialogBody('3001', '5551234').replace('MAKE_CALL', 'ANSWER'), 'Invalid Input'],
    ['the same from and to', dialogBody('3001', '3001'), 'Invalid Destination'],
    ['an extension the agent is not on', dialogBody('3002', '5551234'), 'Invalid Input'],
    ['not XML', 'MAKE_CALL', 'Bad Request'],
  ])('refuses %s (400)', async (_case, body, errorType) => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const res = await makeCall('1001', body);
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe(errorType);
    expect(await dialogsOf('1001')).toEqual([]);
  });

  it('refuses a call for someone else (401), signed out or on a call (400 Invalid State)', async () => {
    sim = testSimulator();
    const other = await makeCall('1002', dialogBody('3001', '5551234'), '1001');
    expect(other.statusCode).toBe(401);
    expect(errorOf(other.body)[0]).toBe('Invalid Authorization User Specified');

    expect(errorOf((await makeCall('1001', dialogBody('3001', '5551234'))).body)[0]).toBe('Invalid State');
    await signIn(sim, '1001');
    expect((await makeCall('1001', dialogBody('3001', '5551234'))).statusCode).toBe(202);
    const second = await makeCall('1001', dialogBody('3001', '5559999'));
    expect(second.statusCode).toBe(400);
    expect(errorOf(second.body)[0]).toBe('Invalid State');
    expect(await dialogsOf('1001')).toHaveLength(1);
  });

  it('on Unified CCX refuses mediaProperties and a call from READY', async () => {
    sim = testSimulator({ deploymentType: 'UCCX' });
    await signIn(sim, '1001', 'READY');
    const ready = await makeCall('1001', dialogBody('3001', '5551234'));
    expect(errorOf(ready.body)[0]).toBe('Invalid State');
    await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: xmlHeaders('1001'),
      payload: '<User><state>NOT_READY</state></User>',
    });
    const media = await makeCall('1001', dialogBody('3001', '5551234', '<mediaProperties/>'));
    expect(media.statusCode).toBe(400);
    expect(errorOf(media.body)[0]).toBe('Invalid Input');
    expect((await makeCall('1001', dialogBody('3001', '5551234'))).statusCode).toBe(202);
  });
});
