import { describe, expect, it } from 'vitest';
import { HybridChatError } from './errors.ts';
import type { FinesseDialog } from './finesseTypes.ts';
import { findReasonCode, voiceReportOf } from './voiceReport.ts';

const codes = [
  { id: '16', label: 'Handling Chat' },
  { id: '22', label: 'Lunch' },
];

describe('voiceReportOf (one mapping for the gadget and the server)', () => {
  it('keeps a reason only for NOT_READY and LOGOUT, and none for Finesse’s -1', () => {
    expect(voiceReportOf({ state: 'READY', reasonCodeId: '16', reasonLabel: 'Handling Chat' })).toEqual({
      state: 'READY',
      reasonCodeId: null,
      reasonLabel: null,
      callType: null,
    });
    expect(voiceReportOf({ state: 'NOT_READY', reasonCodeId: '-1' }).reasonCodeId).toBeNull();
    expect(voiceReportOf({ state: 'LOGOUT', reasonCodeId: '22' }, codes)).toMatchObject({
      reasonCodeId: '22',
      reasonLabel: 'Lunch',
    });
  });

  it('prefers the label given with the state, else looks the id up', () => {
    expect(
      voiceReportOf({ state: 'NOT_READY', reasonCodeId: '16', reasonLabel: ' Chat ' }, codes).reasonLabel,
    ).toBe('Chat');
    expect(voiceReportOf({ state: 'NOT_READY', reasonCodeId: '99' }, codes).reasonLabel).toBeNull();
  });

  it('takes the call type as given or from the active dialog', () => {
    const dialog = { id: 'd1', state: 'ACTIVE', callType: 'transfer' } as FinesseDialog;
    expect(voiceReportOf({ state: 'TALKING', reasonCodeId: null, dialogs: [dialog] }).callType).toBe(
      'transfer',
    );
    expect(voiceReportOf({ state: 'TALKING', reasonCodeId: null, callType: 'inbound' }).callType).toBe(
      'inbound',
    );
  });
});

describe('findReasonCode (one lookup)', () => {
  it('finds by id first, then by label in any case', () => {
    expect(findReasonCode(codes, '22')).toEqual(codes[1]);
    expect(findReasonCode(codes, '  handling CHAT ')).toEqual(codes[0]);
  });

  it('refuses a reason Finesse does not have with NOT_FOUND', () => {
    expect(() => findReasonCode(codes, 'Break')).toThrow(HybridChatError);
    expect(() => findReasonCode(codes, 'Break')).toThrow(/no NOT_READY reason code "Break"/);
  });
});
