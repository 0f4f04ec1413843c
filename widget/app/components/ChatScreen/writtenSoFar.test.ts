import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../sdk/index.ts';
import { writtenSoFar } from './ChatScreen.tsx';

const line = (role: string, text: string, kind = 'text') => ({ from: { role }, kind, text });

describe('writtenSoFar', () => {
  it("keeps the customer's own text messages, one paragraph each", () => {
    expect(
      writtenSoFar([
        line('system', 'Chat started', 'event'),
        line('customer', ' Hello? '),
        line('customer', 'receipt.pdf', 'file'),
        line('agent', 'Hi'),
        line('customer', '   '),
        line('customer', 'My card was charged twice.'),
      ]),
    ).toBe('Hello?\n\nMy card was charged twice.');
    expect(writtenSoFar([])).toBe('');
  });

  it('cuts what a left message may not hold, never inside a character', () => {
    const long = writtenSoFar([line('customer', '😀'.repeat(LIMITS.messageText)), line('customer', 'more')]);
    expect(Array.from(long)).toHaveLength(LIMITS.messageText);
    expect(long.endsWith('😀')).toBe(true);
  });
});
