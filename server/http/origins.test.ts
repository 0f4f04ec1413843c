import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from './origins.ts';

describe('origin policy', () => {
  const policy = createOriginPolicy('https://finesse1.example.com:8445', ['https://www.example.com']);

  it.each([
    ['the Finesse desktop', 'https://finesse1.example.com:8445', 'chat.example.com:8444', true],
    ['a configured site', 'https://www.example.com', 'chat.example.com:8444', true],
    ['the chat server itself', 'https://chat.example.com:8444', 'chat.example.com:8444', true],
    ['a non-browser client (no Origin)', undefined, 'chat.example.com:8444', true],
    ['another site', 'https://evil.example', 'chat.example.com:8444', false],
    ['the Finesse host on another port', 'https://finesse1.example.com:9999', 'chat.example.com:8444', false],
    ['an opaque origin', 'null', 'chat.example.com:8444', false],
    ['garbage', 'not a url', 'chat.example.com:8444', false],
  ])('%s → %s', (_name, origin, host, expected) => {
    expect(policy.allows(origin, host)).toBe(expected);
  });

  it('treats localhost and the loopback addresses alike for a localhost Finesse', () => {
    const local = createOriginPolicy('http://localhost:8445', []);
    expect(local.allows('http://127.0.0.1:8445', 'localhost:8444')).toBe(true);
    expect(local.allows('http://[::1]:8445', 'localhost:8444')).toBe(true);
    expect(local.allows('http://127.0.0.1:9000', 'localhost:8444')).toBe(false);
  });
});
