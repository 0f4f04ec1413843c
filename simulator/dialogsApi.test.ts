import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import {
  basic,
  collect,
  readDialogs,
  signIn,
  simPost,
  testSimulator,
  xmlField,
  xmlHeaders,
} from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const getDialog = (id: string, as: string) =>
  sim.app.inject({ method: 'GET', url: `/finesse/api/Dialog/${id}`, headers: { authorization: basic(as) } });
const putDialog = (id: string, as: string, action: string, target = '3001') =>
  sim.app.inject({
    method: 'PUT',
    url: `/finesse/api/Dialog/${id}`,
    headers: xmlHeaders(as),
    payload: `<Dialog><targetMediaAddress>${target}</targetMediaAddress><requestedAction>${action}</requestedAction></Dialog>`,
  });
const state = async (id: string) =>
  (await sim.app.inject({ method: 'GET', url: `/sim/api/users/${id}` })).json().state;

describe('Dialog XML (GET /finesse/api/Dialog/{id}, /User/{id}/Dialogs)', () => {
  it('has the fields of a Finesse voice dialog, every call variable and the participants with actions', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const { id } = (
      await simPost(sim, '/users/1001/calls', {
        type: 'inbound',
        callVariables: { callVariable1: 'ACME & Co', 'user.customerId': '42' },
      })
    ).json();
    const res = await getDialog(id, '1001');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><Dialog>/);
    for (const field of ['id', 'mediaType', 'fromAddress', 'toAddress', 'state', 'uri']) {
      expect(xml, field).toContain(`<${field}>`);
    }
    expect(xmlField(xml, 'mediaType')).toBe('Voice');
    expect(xmlField(xml, 'uri')).toBe(`/finesse/api/Dialog/${id}`);
    expect(id).toMatch(/^\d+$/);
    expect(xml).toContain('<mediaProperties><DNIS>3001</DNIS>');
    expect(xml).toMatch(/<callKeySequenceNum>1<\/callKeySequenceNum><callType>PREROUTE_ACD_IN<\/callType>/);
    const [dialog] = readDialogs(xml);
    expect(Object.keys(dialog?.callVariables ?? {})).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `callVariable${i + 1}`),
      'user.customerId',
    ]);
    expect(dialog?.callVariables).toMatchObject({ callVariable1: 'ACME & Co', callVariable2: '' });
    expect(xml).toContain('<value>ACME &amp; Co</value>');
    expect(xml).toMatch(
      /<Participant><actions><action>ANSWER<\/action><\/actions><mediaAddress>3001<\/mediaAddress><mediaAddressType>AGENT_DEVICE<\/mediaAddressType><startTime>[^<]+<\/startTime><state>ALERTING<\/state>/,
    );
  });

  it('shows a dialog to its agent and their supervisor only', async () => {
    sim = testSimulator();
    await signIn(sim, '1002');
    const { id } = (await simPost(sim, '/users/1002/calls', { type: 'direct' })).json();
    expect((await getDialog(id, '1002')).statusCode).toBe(200);
    expect((await getDialog(id, '1005')).statusCode).toBe(200);
    const other = await getDialog(id, '1001');
    expect(other.statusCode).toBe(401);
    expect(xmlField(other.body, 'ErrorType')).toBe('Invalid Authorization User Specified');
    expect((await getDialog('12345', '1002')).statusCode).toBe(404);
  });
});

describe('PUT /finesse/api/Dialog/{id} (Take Action on Participant)', () => {
  it('answers, holds, retrieves and drops with 202, as the desktop does', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'inbound' })).json();
    for (const [action, after] of [
      ['ANSWER', 'TALKING'],
      ['HOLD', 'HOLD'],
      ['RETRIEVE', 'TALKING'],
      ['DROP', 'READY'],
    ] as const) {
      const res = await putDialog(id, '1001', action);
      expect(res.statusCode, action).toBe(202);
      expect(await state('1001')).toBe(after);
    }
  });

  it.each([
    ['an action the participant state does not allow', 'HOLD', '3001', 400, 'Invalid State'],
    ['an action the simulator does not carry out', 'CONSULT_CALL', '3001', 400, 'Invalid Input'],
    ['an unknown action', 'DANCE', '3001', 400, 'Invalid Input'],
    ['another extension', 'ANSWER', '3002', 400, 'Invalid Input'],
    ['no action', '', '3001', 400, 'Parameter Missing'],
  ])('refuses %s', async (_case, action, target, status, errorType) => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'inbound' })).json();
    const res = await putDialog(id, '1001', action, target);
    expect(res.statusCode).toBe(status);
    expect(xmlField(res.body, 'ErrorType')).toBe(errorType);
    expect(await state('1001')).toBe('RESERVED');
  });

  it("refuses acting on another agent's dialog, even as their supervisor", async () => {
    sim = testSimulator();
    await signIn(sim, '1002');
    const { id } = (await simPost(sim, '/users/1002/calls', { type: 'direct' })).json();
    expect((await putDialog(id, '1005', 'ANSWER', '3002')).statusCode).toBe(401);
    expect((await putDialog(id, '1001', 'ANSWER', '3002')).statusCode).toBe(401);
  });
});

describe('Dialog notifications on /finesse/api/User/{id}/Dialogs', () => {
  it('POST a new dialog, PUT each change, DELETE it when dropped, in <Update> form', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const seen = collect(sim, ['/finesse/api/User/1001/Dialogs']);
    const both = collect(sim, ['/finesse/api/User/1001', '/finesse/api/User/1001/Dialogs']);
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'inbound' })).json();
    await putDialog(id, '1001', 'ANSWER');
    await simPost(sim, `/dialogs/${id}/end`);

    const events = seen.map((n) => xmlField(n.payload, 'event'));
    expect(events).toEqual(['POST', 'PUT', 'PUT', 'DELETE']);
    const [post, answered, dropped, deleted] = seen.map((n) => n.payload);
    expect(post).toMatch(
      /^<Update><data><dialogs><Dialog>.*<\/Dialog><\/dialogs><\/data><event>POST<\/event><requestId\/><source>\/finesse\/api\/User\/1001\/Dialogs<\/source><\/Update>$/,
    );
    expect(answered).toMatch(
      new RegExp(
        `^<Update><data><dialog>.*</dialog></data><event>PUT</event><requestId/><source>/finesse/api/Dialog/${id}</source></Update>$`,
      ),
    );
    expect(readDialogs(answered ?? '')[0]?.state).toBe('ACTIVE');
    expect(readDialogs(dropped ?? '')[0]).toMatchObject({
      state: 'DROPPED',
      participants: [{ state: 'DROPPED' }, { state: 'DROPPED' }],
    });
    expect(deleted).toContain('<dialogs><Dialog>');
    // The dialog and the user move together: dialog first, then the user's new state.
    const order = both.map((n) =>
      n.node.endsWith('Dialogs')
        ? `dialog:${xmlField(n.payload, 'event')}`
        : `user:${xmlField(n.payload, 'state')}`,
    );
    expect(order).toEqual([
      'dialog:POST',
      'user:RESERVED',
      'dialog:PUT',
      'user:TALKING',
      'dialog:PUT',
      'dialog:DELETE',
      'user:READY',
    ]);
  });

  it('echoes the requestId header of the PUT that changed the dialog', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const seen = collect(sim, ['/finesse/api/User/1001/Dialogs']);
    const { id } = (await simPost(sim, '/users/1001/calls', { type: 'inbound' })).json();
    await sim.app.inject({
      method: 'PUT',
      url: `/finesse/api/Dialog/${id}`,
      headers: { ...xmlHeaders('1001'), requestId: 'answer-7' },
      payload:
        '<Dialog><targetMediaAddress>3001</targetMediaAddress><requestedAction>ANSWER</requestedAction></Dialog>',
    });
    expect(xmlField(seen.at(-1)?.payload ?? '', 'requestId')).toBe('answer-7');
  });
});
