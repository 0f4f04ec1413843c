import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { limitsWith } from '../limits/testLimits.ts';
import { basic, finesseHandlers, startTestServer, type TestServer } from '../testing/testServer.ts';

const finesse = setupServer(...finesseHandlers);
let userRequests = 0;
finesse.events.on('request:start', ({ request }) => {
  if (new URL(request.url).pathname.startsWith('/finesse/api/User/')) userRequests += 1;
});
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

let server: TestServer;
beforeEach(async () => {
  userRequests = 0;
  server = await startTestServer({
    limits: limitsWith({ signIn: { failuresPerAgent: 3, failuresPerIp: 20, maxDelayS: 900 } }),
  });
  // The throttle's clock stands still unless a test moves it: a busy machine cannot outwait a delay.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

const signIn = (agentId: string, password: string) =>
  fetch(`${server.url}/api/agent/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agentId, authorization: basic(agentId, password) }),
  });

describe('POST /api/agent/session under the sign-in throttle', () => {
  it('answers 401 to the allowed wrong passwords, then 429 without asking Finesse', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn('1001', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    expect(userRequests).toBe(3);

    const refused = await signIn('1001', 'pass1001'); // even the right password waits its turn
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) },
    });
    for (let i = 0; i < 20; i++) expect((await signIn('1001', `again-${i}`)).status).toBe(429);
    expect(userRequests).toBe(3);

    const health = (await (await fetch(`${server.url}/health`)).json()) as {
      limits: { refused: Record<string, number> };
    };
    expect(health.limits.refused['signInPerAgent']).toBe(21);
    // Other agents are not held up by one agent's wrong passwords.
    expect((await signIn('1002', 'pass1002')).status).toBe(200);
  });

  it('lets the agent in after the wait, and a success starts the count again', async () => {
    for (let i = 0; i < 3; i++) await signIn('1001', 'wrong');
    vi.setSystemTime(Date.now() + 1000);
    expect((await signIn('1001', 'pass1001')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signIn('1001', 'wrong')).status).toBe(401);
  });
});
