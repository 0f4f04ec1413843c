import { describe, expect, it } from 'vitest';
import { headerLine } from './headerLine.ts';

const agent = { id: 'a-1', name: 'Grace' };

describe('headerLine', () => {
  it('is truthful about both sides', () => {
    expect(headerLine('active', 'online', { agent, presence: { customer: true, agent: true } })).toBe(
      'active',
    );
    expect(headerLine('active', 'online', { agent })).toBe('active'); // a server that does not say
    expect(headerLine('active', 'reconnecting', { agent })).toBe('offline');
    expect(headerLine('active', 'offline', { agent })).toBe('offline');
    expect(headerLine('waiting', 'offline', { agent: null })).toBe('offline');
    expect(headerLine('active', 'online', { agent, presence: { customer: true, agent: false } })).toBe(
      'agentAway',
    );
    expect(headerLine('waiting', 'online', { agent: null, presence: { customer: true, agent: null } })).toBe(
      'waiting',
    );
    expect(headerLine('ended', 'offline', { agent })).toBe('ended');
  });
});
