/** finesse.js adapter tests: dialogs followed through finesse.js and the call type they give. */
import { describe, expect, it } from 'vitest';
import { apiErrorResponse, FakeDialog, setup } from '../testing/fakeFinesseJs.ts';
import { dialogFromFinesseJs } from './finesseJsConvert.ts';

describe('finesse.js adapter: dialogs and call type', () => {
  it('asks for the dialogs once the user has loaded', () => {
    const { fake, loadUser } = setup();
    expect(fake.dialogsHandlers).toBeNull();
    loadUser({ state: 'READY' });
    expect(fake.dialogsHandlers).not.toBeNull();
  });

  it('follows a routed call from load to change to delete', () => {
    const { adapter, loadUser, loadDialogs, deleteDialog, voice } = setup();
    loadUser({ state: 'RESERVED' });
    const call = new FakeDialog({ id: 'd1', state: 'ALERTING', callType: 'PREROUTE_ACD_IN' });

    loadDialogs([call]);
    expect(adapter.getSnapshot()).toMatchObject({
      callType: 'inbound',
      dialogs: [{ id: 'd1', state: 'ALERTING', rawCallType: 'PREROUTE_ACD_IN' }],
    });

    call.update({ state: 'ACTIVE' });
    expect(adapter.getSnapshot().dialogs[0]?.state).toBe('ACTIVE');

    call.update({ state: 'DROPPED' });
    expect(adapter.getSnapshot().callType).toBeNull();

    deleteDialog(call);
    expect(adapter.getSnapshot().dialogs).toEqual([]);
    expect(call.handlers.size).toBe(0);
    expect(voice.length).toBe(5);
  });

  it.each([
    ['TRANSFER', 'transfer'],
    ['CONFERENCE', 'conference'],
    ['CONSULT', 'consult'],
    ['AGENT_INSIDE', 'direct'],
    ['OTHER_IN', 'direct'],
    ['ACD_IN', 'inbound'],
    ['SUPERVISOR_MONITOR', 'inbound'],
  ])('gives callType %s → %s for an added dialog', (raw, kind) => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([]);

    addDialog(new FakeDialog({ id: 'd2', state: 'ALERTING', callType: raw }));

    expect(adapter.getSnapshot().callType).toBe(kind);
  });

  it('counts a live call whose callType has not arrived yet as a routed call, until its change brings one', () => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([]);
    const call = new FakeDialog({ id: 'd3', state: 'ALERTING' });

    addDialog(call);
    expect(adapter.getSnapshot().callType).toBe('inbound');

    call.update({ callType: 'CONSULT' });
    expect(adapter.getSnapshot().callType).toBe('consult');
  });

  it('ignores non-voice dialogs for the call type', () => {
    const { adapter, loadUser, loadDialogs } = setup();
    loadUser({ state: 'READY' });
    loadDialogs([new FakeDialog({ id: '151635_312_1', state: 'ACTIVE', mediaType: 'Chat' })]);
    expect(adapter.getSnapshot().callType).toBeNull();
  });

  it('adds a dialog once even when finesse.js reports it twice, and drops what a reload no longer holds', () => {
    const { adapter, loadUser, loadDialogs, addDialog } = setup();
    loadUser({ state: 'READY' });
    const old = new FakeDialog({ id: 'old', state: 'ACTIVE', callType: 'ACD_IN' });
    const fresh = new FakeDialog({ id: 'new', state: 'ACTIVE', callType: 'CONSULT' });

    addDialog(old);
    addDialog(old);
    expect(old.handlers.size).toBe(1);

    loadDialogs([fresh]);
    expect(adapter.getSnapshot().dialogs.map((d) => d.id)).toEqual(['new']);
    expect(old.handlers.size).toBe(0);
    expect(adapter.getSnapshot().callType).toBe('consult');
  });

  it('reports a failure to load the dialogs as an error event', () => {
    const { fake, loadUser, errors } = setup();
    loadUser({ state: 'READY' });

    fake.dialogsHandlers!.onError!(apiErrorResponse(500, 'Internal Server Error', 'boom'));

    expect(errors[0]).toMatchObject({ status: 500, errorType: 'Internal Server Error', message: 'boom' });
  });

  it('converts a finesse.js dialog: participants, actions, call variables', () => {
    const dialog = new FakeDialog({
      id: 'd9',
      state: 'ACTIVE',
      callType: 'ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: { action: ['HOLD', 'DROP'] } },
        { mediaAddress: '5551234', state: 'HELD', actions: { action: 'RETRIEVE' } },
        { mediaAddress: '9', actions: '' },
      ],
      variables: { callVariable1: 'Ada', 'user.cisco.acctnum': '42', BACampaign: 'Spring' },
    });

    expect(dialogFromFinesseJs(dialog)).toEqual({
      id: 'd9',
      mediaType: 'Voice',
      fromAddress: '5551234',
      toAddress: '3001',
      state: 'ACTIVE',
      callType: 'inbound',
      rawCallType: 'ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: ['HOLD', 'DROP'] },
        { mediaAddress: '5551234', state: 'HELD', actions: ['RETRIEVE'] },
        { mediaAddress: '9', state: 'UNKNOWN', actions: [] },
      ],
      callVariables: { callVariable1: 'Ada', 'user.cisco.acctnum': '42', BACampaign: 'Spring' },
    });
  });
});
