import { describe, expect, it } from 'vitest';
import { redactQuery } from './accessLog.ts';

describe('redactQuery', () => {
  it.each([
    ['/api/files/abc?exp=1733500000&sig=AbC-dEf_123', '/api/files/abc?exp=…&sig=…'],
    ['/api/chats/c1/files?clientId=9&name=passport%20scan.pdf', '/api/chats/c1/files?clientId=…&name=…'],
    ['/health', '/health'],
    ['/x?', '/x?'],
    ['/x?flag&&a=1', '/x?flag=…&a=…'],
  ])('%s → %s', (url, expected) => {
    expect(redactQuery(url)).toBe(expected);
  });
});
