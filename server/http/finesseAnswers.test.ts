/** Sign-in against a Finesse that redirects or answers past sane sizes (msw stands in for Finesse). */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSessionResponse } from '../../sdk/core/protocol.ts';
import {
  basic,
  closeSockets,
  connectSocket,
  FINESSE_URL,
  finesseHandlers,
  startTestServer,
  type TestServer,
} from '../testing/testServer.ts';

const ELSEWHERE = 'http://evil.test';
let elsewhereRequests = 0;
let answer: () => Response = () => new Response('');

const userXml = (fields: { name?: string; teams?: number; teamName?: string }) =>
  `<User><loginId>1005</loginId><loginName>sam</loginName><firstName>${fields.name ?? 'Sam'}</firstName>` +
  `<lastName>Rivera</lastName><extension>1005</extension><state>NOT_READY</state><teamId>1</teamId>` +
  `<teamName>Support</teamName><roles><role>Agent</role><role>Supervisor</role></roles><teams>` +
  Array.from(
    { length: fields.teams ?? 1 },
    (_, i) => `<Team><id>${i + 1}</id><name>${fields.teamName ?? `T${i + 1}`}</name></Team>`,
  ).join('') +
  `</teams></User>`;
const xml = (text: string) => new HttpResponse(text, { headers: { 'Content-Type': 'application/xml' } });

const finesse = setupServer(
  http.get(`${FINESSE_URL}/finesse/api/User/:id`, () => answer()),
  http.get(`${ELSEWHERE}/*`, () => {
    elsewhereRequests += 1;
    return xml(userXml({}));
  }),
  ...finesseHandlers,
);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

let server: TestServer;
beforeEach(async () => {
  elsewhereRequests = 0;
  server = await startTestServer();
});
afterEach(async () => {
  closeSockets();
  await server.close();
});

async function signIn(): Promise<{
  status: number;
  body: { error?: { code: string; message: string } } & Partial<AgentSessionResponse>;
}> {
  const response = await fetch(`${server.url}/api/agent/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agentId: '1005', authorization: basic('1005', 'pass1005') }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('a redirect from Finesse', () => {
  it.each([301, 302, 307, 308])('%i to another host is an error, never followed', async (status) => {
    answer = () =>
      new HttpResponse(null, { status, headers: { Location: `${ELSEWHERE}/finesse/api/User/1005` } });
    const { status: code, body } = await signIn();
    expect(code).toBe(502);
    expect(body.error).toMatchObject({ code: 'FINESSE' });
    expect(body.error?.message).toMatch(/redirect \(\d+ to http:\/\/evil\.test\/.*\), which is not followed/);
    expect(elsewhereRequests).toBe(0);
  });
});

describe('Finesse data past sane limits', () => {
  it.each([
    ['1,000 teams', userXml({ teams: 1000 }), /1000 supervised teams, at most 100/],
    ['a 200,000-character name', userXml({ name: 'a'.repeat(200_000) }), /firstName of 200000 characters/],
    [
      'long team names that together overflow the token',
      userXml({ teams: 60, teamName: 'n'.repeat(100) }),
      /characters of identity in the token/,
    ],
    ['a huge body', userXml({ name: 'a'.repeat(300_000) }), /too large/],
  ])('%s: a clear sign-in error, no token', async (_name, text, message) => {
    answer = () => xml(text);
    const { status, body } = await signIn();
    expect(status).toBe(502);
    expect(body.token).toBeUndefined();
    expect(body.error?.code).toBe('FINESSE');
    expect(body.error?.message).toMatch(message);
  });

  it('a supervisor with as many teams as fit signs in, and the token opens a socket', async () => {
    answer = () => xml(userXml({ teams: 40, teamName: 'Team name' }));
    const { status, body } = await signIn();
    expect(status).toBe(200);
    const socket = await connectSocket(server.url, '/agent', body.token ?? '');
    expect(socket.connected).toBe(true);
  });
});
