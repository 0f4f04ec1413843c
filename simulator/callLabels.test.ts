import { describe, expect, it } from 'vitest';
import { callTypeLabel, legLabel } from './desktop/callLabels.ts';

describe('desktop call labels', () => {
  it('names a call the agent places (MAKE_CALL) while it dials and rings', () => {
    expect(callTypeLabel('OUT')).toBe('Outbound call');
    expect(callTypeLabel('AGENT_INSIDE')).toBe('Internal call');
    expect(legLabel('INITIATING')).toBe('Calling');
    expect(legLabel('INITIATED')).toBe('Calling');
    expect(legLabel('ALERTING')).toBe('Incoming call');
  });
});
