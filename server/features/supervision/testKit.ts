/**
 * Test support for the supervisor features: a Finesse (msw) whose users have teams and roles —
 * 1001 and 1002 in team 10, 1003 in team 20, 1005 a supervisor of team 10 only — and a chat
 * server per test, plus helpers to get a customer's chat accepted by an agent.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type {
  AgentSessionResponse,
  ChatOffer,
  ChatSummary,
  CustomerSessionResponse,
} from '../../../sdk/core/protocol.ts';
import {
  FINESSE_URL,
  askAgent,
  askCustomer,
  basic,
  closeSockets,
  connectSocket,
  customerSession,
  next,
  startTestServer,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
  type TestServer,
} from '../../testing/testServer.ts';

interface TeamAgent {
  id: string;
  name: string;
  teamId: string;
  supervises?: string[];
}

export const TEAM_AGENTS: TeamAgent[] = [
  { id: '1001', name: 'Alice Nguyen', teamId: '10' },
  { id: '1002', name: 'Bob Okafor', teamId: '10' },
  { id: '1003', name: 'Cleo Park', teamId: '20' },
  { id: '1005', name: 'Sam Rivera', teamId: '10', supervises: ['10'] },
];

function userXml(agent: TeamAgent): string {
  const [first, last] = agent.name.split(' ');
  const roles = agent.supervises ? '<role>Agent</role><role>Supervisor</role>' : '<role>Agent</role>';
  const teams = agent.supervises
    ? `<teams>${agent.supervises.map((id) => `<Team><id>${id}</id><name>Team ${id}</name><uri>/finesse/api/Team/${id}</uri></Team>`).join('')}</teams>`
    : '';
  return (
    `<User><loginId>${agent.id}</loginId><loginName>${agent.id}</loginName><firstName>${first}</firstName>` +
    `<lastName>${last}</lastName><extension>${agent.id}</extension><state>NOT_READY</state>` +
    `<reasonCodeId>-1</reasonCodeId><teamId>${agent.teamId}</teamId><teamName>Team ${agent.teamId}</teamName>` +
    `<roles>${roles}</roles>${teams}</User>`
  );
}

const xml = (body: string, status = 200) =>
  new HttpResponse(body, { status, headers: { 'Content-Type': 'application/xml' } });

const handlers = [
  http.get(`${FINESSE_URL}/finesse/api/SystemInfo`, () =>
    xml('<SystemInfo><status>IN_SERVICE</status><deploymentType>UCCE</deploymentType></SystemInfo>'),
  ),
  http.get(`${FINESSE_URL}/finesse/api/User/:id`, ({ params, request }) => {
    const agent = TEAM_AGENTS.find((candidate) => candidate.id === params['id']);
    if (!agent || request.headers.get('authorization') !== basic(agent.id, `pass${agent.id}`)) {
      return xml(
        '<ApiErrors><ApiError><ErrorType>Authorization Failure</ErrorType></ApiError></ApiErrors>',
        401,
      );
    }
    return xml(userXml(agent));
  }),
];

/** msw Finesse with teams, and a fresh chat server per test (read it through the getter). */
export function useSupervisorServer(): () => TestServer {
  const finesse = setupServer(...handlers);
  let server: TestServer | undefined;
  beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => finesse.close());
  beforeEach(async () => {
    server = await startTestServer({ offerTimeoutMs: 5000, transferQueues: ['default', 'billing', 'cards'] });
  });
  afterEach(async () => {
    closeSockets();
    await server?.close();
  });
  return () => server as TestServer;
}

export async function signIn(
  url: string,
  id: string,
): Promise<{ session: AgentSessionResponse; socket: AgentSocket }> {
  const response = await fetch(`${url}/api/agent/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agentId: id, authorization: basic(id, `pass${id}`) }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${id} failed: ${response.status}`);
  const session = (await response.json()) as AgentSessionResponse;
  return { session, socket: await connectSocket<AgentSocket>(url, '/agent', session.token) };
}

export async function customer(
  url: string,
  name = 'Dana',
): Promise<{ session: CustomerSessionResponse; socket: CustomerSocket }> {
  const session = await customerSession(url, name);
  return { session, socket: await connectSocket<CustomerSocket>(url, '/customer', session.token) };
}

/** A customer's chat, offered to and accepted by `agent` (who goes READY for it). */
export async function acceptedChat(agent: AgentSocket, customerSocket: CustomerSocket): Promise<ChatSummary> {
  const offered = next<ChatOffer>(agent, 'offer:new');
  unwrap(await askAgent(agent, 'agent:setState', { state: 'READY' }));
  const { chat } = unwrap(await askCustomer(customerSocket, 'chat:start', { clientId: crypto.randomUUID() }));
  expect((await offered).chatId).toBe(chat.id);
  return unwrap(await askAgent(agent, 'offer:accept', { chatId: chat.id })).chat;
}
