import { describe, expect, it } from 'vitest';
import { splitMessageText } from './splitText.ts';

/** Every word of the input, in order, across the parts. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('splitMessageText', () => {
  it('leaves text that fits as one part, and blank text as none', () => {
    expect(splitMessageText('  hello  ')).toEqual(['hello']);
    expect(splitMessageText('x'.repeat(4000))).toHaveLength(1);
    expect(splitMessageText(' \n ')).toEqual([]);
  });

  it('sends a 5,000-character paste whole, cut between words, each part within the limit', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' '); // 4,999
    const parts = splitMessageText(text);

    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.length <= 4000)).toBe(true);
    expect(parts.flatMap(words)).toEqual(words(text));
    expect(parts.join(' ')).toBe(text);
  });

  it('prefers a line break near the limit, and cuts a text without spaces at the limit', () => {
    const text = `${'a '.repeat(40)}\n${'b '.repeat(30)}`;
    expect(splitMessageText(text, 100)[0]).toBe('a '.repeat(40).trim());

    const url = `https://example.com/${'x'.repeat(230)}`;
    const parts = splitMessageText(url, 100);
    expect(parts.map((part) => part.length)).toEqual([100, 100, 50]);
    expect(parts.join('')).toBe(url);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    const text = 'a'.repeat(99) + '😀'.repeat(10);
    const parts = splitMessageText(text, 100);
    expect(parts.join('')).toBe(text);
    expect(parts.every((part) => !/[\uD800-\uDBFF]$/.test(part))).toBe(true);
  });
});
