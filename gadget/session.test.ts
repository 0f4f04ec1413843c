/**
 * The gadget's chat session against a real chat server: closing the gadget, or its page going away
 * (the agent's sign-out from Finesse unloads the desktop), ends the session on the server — the token
 * is refused from then on.
 */
import { describe, expect, it, vi } from 'vitest';
// Aliased: a server per test is no React hook, whatever its name says.
import { basic, useTestServer as serverPerTest } from '../server/testing/testServer.ts';
import { endSession } from '../sdk/index.ts';
import { startGadgetSession, type GadgetSession } from './session.ts';

const getServer = serverPerTest();

async function started(): Promise<GadgetSession> {
  const session = await startGadgetSession({
    chatUrl: getServer().url,
    agentId: '1001',
    authorization: basic('1001', 'pass1001'),
  });
  await vi.waitFor(() => expect(session.services.client.getState().status).toBe('online'));
  return session;
}

const refusal = (session: GadgetSession) =>
  session.services.desk!.canned().then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('the gadget session', () => {
  it('signs out on the server when the gadget closes', async () => {
    const session = await started();
    expect(await refusal(session)).toBe('accepted');
    session.close();
    await vi.waitFor(async () => expect(await refusal(session)).toBe('UNAUTHORIZED'));
  });

  it('signs in again when a desk call is refused because its token was ended, and the call succeeds', async () => {
    const session = await started();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      expect(await refusal(session)).toBe('accepted');
      const [, init] = fetchSpy.mock.calls.at(-1) ?? [];
      const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
      expect(token).not.toBe('');
      // Ended behind the gadget's back (another tab's sign-out, an administrator).
      await endSession(getServer().url, 'agent', token);
      expect(await refusal(session)).toBe('accepted');
      const [, retried] = fetchSpy.mock.calls.at(-1) ?? [];
      expect(new Headers(retried?.headers).get('authorization')).not.toBe(`Bearer ${token}`);
    } finally {
      fetchSpy.mockRestore();
      session.close();
      await vi.waitFor(async () => expect(await refusal(session)).toBe('UNAUTHORIZED'));
    }
  });

  it('signs out on the server when its page goes away, and in again when it comes back from the cache', async () => {
    // The gadget's window, as far as the session listens to it.
    const page = new EventTarget();
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    try {
      const session = await started();
      page.dispatchEvent(new Event('pagehide'));
      await vi.waitFor(async () => expect(await refusal(session)).toBe('UNAUTHORIZED'));

      page.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
      await vi.waitFor(async () => expect(await refusal(session)).toBe('accepted'));
      await vi.waitFor(() => expect(session.services.client.getState().status).toBe('online'));
      session.close();
      await vi.waitFor(async () => expect(await refusal(session)).toBe('UNAUTHORIZED'));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
