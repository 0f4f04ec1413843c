/** Finesse XML tests: Dialogs and the mapping of Finesse callType to a blending kind. */
import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import {
  dialogFromElement,
  dialogsFromElement,
  MAX_FINESSE_XML,
  parseDialog,
  parseDialogs,
} from './finesseXml.ts';
import { activeCallType, callTypeOf } from './finesseTypes.ts';

const DIALOGS = `<?xml version="1.0" encoding="UTF-8"?>
<Dialogs>
  <Dialog>
    <id>16804377</id><uri>/finesse/api/Dialog/16804377</uri><mediaType>Voice</mediaType>
    <fromAddress>5551234</fromAddress><toAddress>3001</toAddress><state>ACTIVE</state>
    <mediaProperties>
      <dialedNumber>8000</dialedNumber><callType>PREROUTE_ACD_IN</callType><DNIS>3001</DNIS>
      <callvariables>
        <CallVariable><name>callVariable1</name><value>Ada &amp; Co</value></CallVariable>
        <CallVariable><name>user.cisco.acctnum</name><value>42</value></CallVariable>
      </callvariables>
    </mediaProperties>
    <participants>
      <Participant><actions><action>HOLD</action><action>DROP</action></actions>
        <mediaAddress>3001</mediaAddress><mediaAddressType>AGENT_DEVICE</mediaAddressType><state>ACTIVE</state></Participant>
      <Participant><actions/><mediaAddress>5551234</mediaAddress><state>ACTIVE</state></Participant>
    </participants>
  </Dialog>
  <Dialog>
    <id>16804378</id><mediaType>Voice</mediaType><fromAddress>3001</fromAddress><toAddress>3002</toAddress>
    <state>INITIATED</state><mediaProperties><callType>CONSULT</callType><callvariables/></mediaProperties>
    <participants><Participant><actions><action>DROP</action></actions><mediaAddress>3001</mediaAddress><state>INITIATED</state></Participant></participants>
  </Dialog>
</Dialogs>`;

describe('Finesse XML: Dialogs', () => {
  it('reads every field of a voice dialog', () => {
    const [first, second] = parseDialogs(DIALOGS);
    expect(first).toEqual({
      id: '16804377',
      mediaType: 'Voice',
      fromAddress: '5551234',
      toAddress: '3001',
      state: 'ACTIVE',
      callType: 'inbound',
      rawCallType: 'PREROUTE_ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: ['HOLD', 'DROP'] },
        { mediaAddress: '5551234', state: 'ACTIVE', actions: [] },
      ],
      callVariables: { callVariable1: 'Ada & Co', 'user.cisco.acctnum': '42' },
    });
    expect(second).toMatchObject({
      id: '16804378',
      state: 'INITIATED',
      callType: 'consult',
      callVariables: {},
    });
  });

  it('reads an empty Dialogs list', () => {
    expect(parseDialogs('<Dialogs/>')).toEqual([]);
    expect(parseDialogs('<Dialogs></Dialogs>')).toEqual([]);
  });

  it('reads a single Dialog document', () => {
    const one = DIALOGS.slice(DIALOGS.indexOf('<Dialog>'), DIALOGS.indexOf('</Dialog>') + '</Dialog>'.length);
    expect(parseDialog(one).id).toBe('16804377');
  });

  it('reports an unknown dialog state as UNKNOWN and keeps a participant state as sent', () => {
    const [dialog] = parseDialogs(
      DIALOGS.replace('<state>ACTIVE</state>', '<state>TELEPORTED</state>').replace(
        '<mediaAddress>5551234</mediaAddress><state>ACTIVE</state>',
        '<mediaAddress>5551234</mediaAddress><state>HELD</state>',
      ),
    );
    expect(dialog!.state).toBe('UNKNOWN');
    expect(dialog!.participants[1]!.state).toBe('HELD');
  });

  it('has a null callType when Finesse has not sent one yet', () => {
    const [dialog] = parseDialogs('<Dialogs><Dialog><id>1</id><state>ALERTING</state></Dialog></Dialogs>');
    expect(dialog).toMatchObject({ callType: null, rawCallType: '', participants: [], callVariables: {} });
  });

  it('accepts element objects built without list handling (one child as an object)', () => {
    const dialogs = dialogsFromElement({
      Dialog: {
        id: '7',
        state: 'ACTIVE',
        mediaProperties: {
          callType: 'TRANSFER',
          callvariables: { CallVariable: { name: 'callVariable1', value: 'x' } },
        },
        participants: { Participant: { mediaAddress: '3001', state: 'ACTIVE', actions: { action: 'DROP' } } },
      },
    });
    expect(dialogs).toEqual([
      expect.objectContaining({
        id: '7',
        callType: 'transfer',
        callVariables: { callVariable1: 'x' },
        participants: [{ mediaAddress: '3001', state: 'ACTIVE', actions: ['DROP'] }],
      }),
    ]);
  });

  it('reads the lowercase <dialogs> of a notification', () => {
    expect(dialogsFromElement({ dialog: [{ id: '9', state: 'DROPPED' }] })).toMatchObject([
      { id: '9', state: 'DROPPED' },
    ]);
    expect(dialogFromElement({ id: '9', state: 'ALERTING' }).state).toBe('ALERTING');
  });

  it('keeps a call variable named __proto__ as plain data', () => {
    const [dialog] = parseDialogs(
      '<Dialogs><Dialog><id>1</id><mediaProperties><callvariables><CallVariable><name>__proto__</name><value>x</value></CallVariable></callvariables></mediaProperties></Dialog></Dialogs>',
    );
    expect(Object.getPrototypeOf(dialog!.callVariables)).toBe(Object.prototype);
    expect(Object.hasOwn(dialog!.callVariables, '__proto__')).toBe(true);
  });

  it.each([
    ['a Dialog without id', '<Dialogs><Dialog><state>ACTIVE</state></Dialog></Dialogs>'],
    ['text instead of dialogs', '<Dialogs>nonsense</Dialogs>'],
    ['another document', '<User><loginId>1</loginId></User>'],
    ['malformed', '<Dialogs><Dialog></Dialogs>'],
    ['a DOCTYPE', '<!DOCTYPE d [<!ENTITY a "x">]><Dialogs/>'],
    ['oversized', `<Dialogs><Dialog><id>1</id><x>${'a'.repeat(MAX_FINESSE_XML)}</x></Dialog></Dialogs>`],
  ])('refuses %s with a FinesseError', (_name, xml) => {
    expect(() => parseDialogs(xml)).toThrow(FinesseError);
  });
});

describe('Finesse callType → blending kind', () => {
  it.each([
    ['ACD_IN', 'inbound'],
    ['PREROUTE_ACD_IN', 'inbound'],
    ['PREROUTE_DIRECT_AGENT', 'inbound'],
    ['OVERFLOW_IN', 'inbound'],
    ['AUTO_OUT', 'inbound'],
    ['TRANSFER', 'transfer'],
    ['CONFERENCE', 'conference'],
    ['CONSULT', 'consult'],
    ['CONSULT_OFFERED', 'consult'],
    ['OTHER_IN', 'direct'],
    ['AGENT_INSIDE', 'direct'],
    ['OUT', 'direct'],
    ['AGENT_OUT', 'direct'],
    ['SUPERVISOR_MONITOR', 'inbound'],
    ['SOMETHING_NEW', 'inbound'],
    [' transfer ', 'transfer'],
    ['', null],
  ] as const)('maps %j to %j', (raw, kind) => {
    expect(callTypeOf(raw)).toBe(kind);
  });

  it.each([
    ['no dialogs', [], null],
    ['a dropped call only', [{ state: 'DROPPED', mediaType: 'Voice', callType: 'inbound' }], null],
    ['a non-voice task', [{ state: 'ACTIVE', mediaType: 'Chat', callType: null }], null],
    ['a consult', [{ state: 'ACTIVE', mediaType: 'Voice', callType: 'consult' }], 'consult'],
    ['a call without a callType yet', [{ state: 'ALERTING', mediaType: 'Voice', callType: null }], 'inbound'],
    [
      'a held customer call plus a consult',
      [
        { state: 'ACTIVE', mediaType: 'Voice', callType: 'consult' },
        { state: 'ACTIVE', mediaType: 'Voice', callType: 'inbound' },
      ],
      'inbound',
    ],
  ] as const)('gives the active call type with %s', (_name, dialogs, kind) => {
    expect(activeCallType(dialogs)).toBe(kind);
  });
});
