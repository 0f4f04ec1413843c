/**
 * The widget's session against a real chat server whose customer tokens live two seconds: the token
 * is renewed before it expires, so when the server ends the socket at the first token's expiry the
 * client connects again as the same customer, in the same chat.
 */
import { describe, expect, it, vi } from 'vitest';
// Aliased: a server per test is no React hook, whatever its name says.
import { useTestServer as serverPerTest } from '../../server/testing/testServer.ts';
import { startChat } from './session.ts';

const getServer = serverPerTest({ customerTokenTtlS: 2 });

const subjectOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string }).sub;

describe('the widget session', () => {
  it('stays the same customer across the expiry of its first token', async () => {
    const session = await startChat({ serverUrl: getServer().url, name: 'Dana' });
    try {
      const first = session.token();
      const statuses: string[] = [];
      session.client.subscribe((state) => statuses.push(state.status));

      await vi.waitFor(() => expect(statuses).toContain('offline'), { timeout: 4000, interval: 50 });
      await vi.waitFor(() => expect(session.client.getState().status).toBe('online'), {
        timeout: 4000,
        interval: 50,
      });
      expect(session.token()).not.toBe(first);
      expect(subjectOf(session.token())).toBe(session.saved.customerId);
      expect(session.client.getState().chats[session.chatId]).toBeDefined();
    } finally {
      session.close();
    }
  });
});
