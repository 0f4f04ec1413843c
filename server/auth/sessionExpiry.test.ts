/** A socket whose session token expires is told and disconnected, not only refused at its next handshake. */
import { describe, expect, it } from 'vitest';
import type { SessionEndedNotice } from '../../sdk/core/protocol.ts';
import {
  TEST_AGENTS,
  agentSession,
  connectSocket,
  customerSession,
  next,
  useTestServer,
  type AgentSocket,
  type CustomerSocket,
} from '../testing/testServer.ts';

const getServer = useTestServer({ agentTokenTtlS: 1, customerTokenTtlS: 1 });
const url = () => getServer().url;

describe('token expiry', () => {
  it('disconnects agent and customer sockets when their tokens expire', async () => {
    const agent = await agentSession(url(), TEST_AGENTS[0]!);
    const customer = await customerSession(url(), 'Dana');
    const agentSocket = await connectSocket<AgentSocket>(url(), '/agent', agent.token);
    const customerSocket = await connectSocket<CustomerSocket>(url(), '/customer', customer.token);
    const notices = Promise.all([
      next<SessionEndedNotice>(agentSocket, 'session:ended', 2500),
      next<SessionEndedNotice>(customerSocket, 'session:ended', 2500),
      next<string>(agentSocket, 'disconnect', 2500),
      next<string>(customerSocket, 'disconnect', 2500),
    ]);
    expect(await notices).toEqual([
      { reason: 'expired' },
      { reason: 'expired' },
      'io server disconnect',
      'io server disconnect',
    ]);
    expect(Date.now()).toBeGreaterThanOrEqual(agent.expiresAt);
  });
});
