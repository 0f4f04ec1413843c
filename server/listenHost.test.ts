import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('where the chat server listens', () => {
  it('is this machine only by default, anywhere HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
  });
});
