/** Referrer-Policy, nosniff and HSTS on the chat server's answers (securityHeaders.ts). */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../testing/testServer.ts';
import { HSTS, REFERRER_POLICY } from './securityHeaders.ts';

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

describe('every answer', () => {
  const getServer = useTestServer();

  it('says nosniff and strict-origin-when-cross-origin, and no HSTS over plain HTTP', async () => {
    for (const path of ['/health', '/gadget.xml', '/no-such-page']) {
      const response = await get(`${getServer().url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe(REFERRER_POLICY);
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('ignores X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    const response = await get(`${getServer().url}/health`, { 'X-Forwarded-Proto': 'https' });
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('behind a trusted TLS proxy', () => {
  const getServer = useTestServer({ trustedProxies: ['127.0.0.1', '::1'] });

  it('sends Strict-Transport-Security when the proxy says the browser used https', async () => {
    const secure = await get(`${getServer().url}/health`, { 'X-Forwarded-Proto': 'https' });
    expect(secure.headers.get('strict-transport-security')).toBe(HSTS);
    expect(HSTS).toMatch(/^max-age=\d{8,}$/);
    const plain = await get(`${getServer().url}/health`, { 'X-Forwarded-Proto': 'http' });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
