/**
 * The customer client against a real chat server whose customer tokens live two seconds: the token
 * is renewed before it expires, so when the server ends the socket at the first token's expiry the
 * client connects again as the same customer, in the same chat.
 */
import { describe, expect, it, vi } from 'vitest';
// Aliased: a server per test is no React hook, whatever its name says.
import { useTestServer as serverPerTest } from '../../server/testing/testServer.ts';
import { createCustomerClient } from './customerClient.ts';

const getServer = serverPerTest({ customerTokenTtlS: 2 });

const subjectOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string }).sub;

describe('the customer client on a chat server', () => {
  it('stays the same customer across the expiry of its first token', async () => {
    const customer = createCustomerClient({ serverUrl: getServer().url });
    try {
      // No agent is signed in: a chat may still start (the queue keeps it for one).
      expect((await customer.refreshConfig()).availability).toBe('unstaffed');
      const chat = await customer.start({ name: 'Dana' });
      const first = chat.token();
      const statuses: string[] = [];
      chat.client.subscribe((state) => statuses.push(state.status));

      await vi.waitFor(() => expect(statuses).toContain('offline'), { timeout: 4000, interval: 50 });
      await vi.waitFor(() => expect(chat.client.getState().status).toBe('online'), {
        timeout: 4000,
        interval: 50,
      });
      expect(chat.token()).not.toBe(first);
      expect(subjectOf(chat.token())).toBe(chat.saved.customerId);
      expect(chat.client.getState().chats[chat.chatId]).toBeDefined();
    } finally {
      customer.close();
    }
  });
});
