import { describe, expect, it } from 'vitest';
import { callParties, callTypeLabel, legLabel } from './desktop/callLabels.ts';

describe('desktop call labels', () => {
  it('names a call the agent places (MAKE_CALL) while it dials and rings', () => {
    expect(callTypeLabel('OUT')).toBe('Outbound call');
    expect(callTypeLabel('AGENT_INSIDE')).toBe('Internal call');
    expect(legLabel('INITIATING')).toBe('Calling');
    expect(legLabel('INITIATED')).toBe('Calling');
    expect(legLabel('ALERTING')).toBe('Incoming call');
  });

  it('names the number the agent dialed on a call they placed, else the caller', () => {
    expect(callParties('3001', '4085550199', '3001')).toEqual({ party: '4085550199', meta: 'From 3001' });
    expect(callParties('4085550142', '8005550100', '3001')).toEqual({
      party: '4085550142',
      meta: 'To 8005550100',
    });
  });
});
