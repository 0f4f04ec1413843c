/**
 * Signing out (agent) and ending the session (customer) revoke the token: HTTP requests with it get
 * 401, a handshake with it is refused, the sockets that connected with it are told and disconnected,
 * and all of that survives a restart. A socket is also disconnected when its token expires.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
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

const getServer = useTestServer();
const url = () => getServer().url;
const alice = TEST_AGENTS[0]!;

const request = (method: 'GET' | 'DELETE' | 'POST', path: string, token?: string, body?: unknown) =>
  fetch(`${url()}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

/** The `session:ended` notice and the disconnect that follows it. */
function endOf(socket: Socket): Promise<{ notice: SessionEndedNotice; reason: string }> {
  const notice = next<SessionEndedNotice>(socket, 'session:ended');
  const closed = next<string>(socket, 'disconnect');
  return Promise.all([notice, closed]).then(([n, reason]) => ({ notice: n, reason }));
}

const refused = (path: string, token: string) =>
  connectSocket(url(), path, token).then(
    () => 'connected',
    (error: Error & { data?: { code?: string } }) => error.data?.code,
  );

describe('agent sign-out', () => {
  it('revokes the token: 401 over HTTP, handshake refused, live sockets disconnected; other sessions go on', async () => {
    const session = await agentSession(url(), alice);
    const other = await agentSession(url(), alice);
    const socket = await connectSocket<AgentSocket>(url(), '/agent', session.token);
    const otherSocket = await connectSocket<AgentSocket>(url(), '/agent', other.token);
    expect((await request('GET', '/api/agent/canned', session.token)).status).toBe(200);

    const ended = endOf(socket);
    expect((await request('DELETE', '/api/agent/session', session.token)).status).toBe(204);
    expect(await ended).toEqual({ notice: { reason: 'revoked' }, reason: 'io server disconnect' });

    expect((await request('GET', '/api/agent/canned', session.token)).status).toBe(401);
    expect(await refused('/agent', session.token)).toBe('UNAUTHORIZED');
    expect((await request('DELETE', '/api/agent/session', session.token)).status).toBe(401);
    // The agent's other gadget session is untouched.
    expect(otherSocket.connected).toBe(true);
    expect((await request('GET', '/api/agent/canned', other.token)).status).toBe(200);

    await getServer().restart();
    expect(await refused('/agent', session.token)).toBe('UNAUTHORIZED');
    expect(await refused('/agent', other.token)).toBe('connected');
  });

  it('needs a valid agent token', async () => {
    const customer = await customerSession(url(), 'Dana');
    expect((await request('DELETE', '/api/agent/session', customer.token)).status).toBe(401);
    expect((await request('DELETE', '/api/agent/session')).status).toBe(401);
  });
});

describe('customer end of session', () => {
  it('revokes the token: sockets disconnected, files and renewals refused', async () => {
    const session = await customerSession(url(), 'Dana');
    const socket = await connectSocket<CustomerSocket>(url(), '/customer', session.token);
    const ended = endOf(socket);
    expect((await request('DELETE', '/api/customer/session', session.token)).status).toBe(204);
    expect((await ended).notice).toEqual({ reason: 'revoked' });

    expect(await refused('/customer', session.token)).toBe('UNAUTHORIZED');
    expect((await request('GET', '/api/chats/x/files/y', session.token)).status).toBe(401);
    // A revoked token no longer renews into the same customer.
    const renewed = await request('POST', '/api/customer/session', undefined, {
      name: 'Dana',
      token: session.token,
    });
    expect(((await renewed.json()) as { customer: { id: string } }).customer.id).not.toBe(
      session.customer.id,
    );
  });
});
