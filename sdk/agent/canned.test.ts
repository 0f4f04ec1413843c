import { describe, expect, it } from 'vitest';
import type { CannedMessage } from '../core/protocol.ts';
import { cannedFor, cannedText, cannedTitle, fillPlaceholders, isCannedMessage } from './canned.ts';

const greet: CannedMessage = {
  shortcode: 'greet',
  title: 'Greeting',
  titles: { en: 'Greeting', de: 'Begrüßung' },
  text: 'Hello {customerName}, this is {agentName}. {unknown} stays.',
  queues: [],
};
const refund: CannedMessage = {
  shortcode: 'refund',
  title: 'Refund',
  text: 'Refunds take 5 days.',
  queues: ['billing'],
};
const values = { customerName: 'Ada', agentName: 'Grace' };

describe('canned messages', () => {
  it('fills {customerName} and {agentName} and leaves other braces alone', () => {
    expect(fillPlaceholders(greet.text, values)).toBe('Hello Ada, this is Grace. {unknown} stays.');
  });

  it('a placeholder in a value is not filled again', () => {
    expect(fillPlaceholders('{customerName}', { customerName: '{agentName}', agentName: 'Grace' })).toBe(
      '{agentName}',
    );
  });

  it('keeps those for every queue and for the chat’s queue', () => {
    expect(cannedFor('billing', [greet, refund])).toEqual([greet, refund]);
    expect(cannedFor('sales', [greet, refund])).toEqual([greet]);
  });

  it('finds one by shortcode, with or without its slash, in any case, filled in', () => {
    expect(cannedText([greet, refund], '/GREET', values)).toBe('Hello Ada, this is Grace. {unknown} stays.');
    expect(cannedText([greet], 'nothing', values)).toBeNull();
  });

  it('titles in the agent’s language, else English, else the plain title', () => {
    expect(cannedTitle(greet, 'de')).toBe('Begrüßung');
    expect(cannedTitle(greet, 'fr')).toBe('Greeting');
    expect(cannedTitle(refund, 'de')).toBe('Refund');
  });

  it('trusts stored entries only of the right shape', () => {
    expect(isCannedMessage(greet)).toBe(true);
    expect(isCannedMessage({ ...greet, queues: [1] })).toBe(false);
    expect(isCannedMessage({ ...greet, titles: { de: 3 } })).toBe(false);
    expect(isCannedMessage(null)).toBe(false);
  });
});
