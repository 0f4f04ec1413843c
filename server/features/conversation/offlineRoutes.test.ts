import { describe, expect, it } from 'vitest';
import type { OfflineMessage } from '../../../sdk/core/protocol.ts';
import { useTestServer } from '../../testing/testServer.ts';
import { agent, customer, http } from './testKit.ts';
import { LEAVE_MESSAGE_LIMIT } from './offlineRoutes.ts';

const server = useTestServer({
  queuesJson: JSON.stringify({ queues: { night: { hours: { timeZone: 'UTC', weekly: {} } } } }),
});

const leave = (body: Record<string, unknown>) =>
  http(`${server().url}/api/widget/messages`, {
    body: {
      clientId: crypto.randomUUID(),
      name: 'Dana Whitfield',
      email: 'dana@example.com',
      message: 'Please call me back about my router.',
      ...body,
    },
  });

describe('leave a message', () => {
  it('stores a message once per client id and shows it to agents', async () => {
    const clientId = crypto.randomUUID();
    const first = await leave({ clientId, queue: 'night', phone: '+49 30 1234567', locale: 'de' });
    expect(first.status).toBe(201);
    const again = await leave({ clientId, queue: 'night', message: 'changed' });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);

    const a = await agent(server().url);
    const list = await http(`${server().url}/api/agent/messages`, { token: a.token });
    expect(list.status).toBe(200);
    expect(list.json.messages).toEqual([
      {
        id: first.json.id,
        queue: 'night',
        name: 'Dana Whitfield',
        email: 'dana@example.com',
        phone: '+49 30 1234567',
        message: 'Please call me back about my router.',
        locale: 'de',
        reason: 'closed',
        createdAt: first.json.createdAt,
        handledAt: null,
        handledBy: null,
      } satisfies OfflineMessage,
    ]);
  });

  it('keeps what was typed as text (markup is data) and records why no chat was possible', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    expect((await leave({ name: xss, message: `${xss}\nsecond line` })).status).toBe(201);
    const a = await agent(server().url);
    const [message] = (await http(`${server().url}/api/agent/messages`, { token: a.token })).json
      .messages as OfflineMessage[];
    expect(message).toMatchObject({
      name: xss,
      message: `${xss}\nsecond line`,
      reason: 'unstaffed',
      queue: 'default',
    });
  });

  it('records a message left instead of a chat that waited too long, unless the queue is closed', async () => {
    const waited = await leave({ reason: 'max-wait' });
    const closed = await leave({ reason: 'max-wait', queue: 'night' });
    const a = await agent(server().url);
    const { messages } = (await http(`${server().url}/api/agent/messages`, { token: a.token })).json as {
      messages: OfflineMessage[];
    };
    expect(messages.find((m) => m.id === waited.json.id)?.reason).toBe('max-wait');
    expect(messages.find((m) => m.id === closed.json.id)?.reason).toBe('closed');
    expect((await leave({ reason: 'impatient' })).status).toBe(400);
  });

  it.each([
    ['no email', { email: '' }],
    ['a wrong email', { email: 'dana@example' }],
    ['a wrong phone', { phone: 'ring me' }],
    ['an empty message', { message: '   ' }],
    ['a missing name', { name: '' }],
    ['an unknown field', { colour: 'red' }],
  ])('refuses %s', async (_what, body) => {
    const answer = await leave(body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('BAD_REQUEST');
  });

  it('lets agents mark a message handled; the lists follow', async () => {
    const left = await leave({});
    const a = await agent(server().url);
    const handled = await http(`${server().url}/api/agent/messages/${left.json.id}/handled`, {
      method: 'POST',
      token: a.token,
    });
    expect(handled.status).toBe(200);
    expect(handled.json.message).toMatchObject({ id: left.json.id, handledBy: '1001' });
    expect(handled.json.message.handledAt).toBeGreaterThan(0);

    const open = await http(`${server().url}/api/agent/messages?status=open`, { token: a.token });
    expect(open.json.messages).toEqual([]);
    const done = await http(`${server().url}/api/agent/messages?status=handled`, { token: a.token });
    expect(done.json.messages.map((m: OfflineMessage) => m.id)).toEqual([left.json.id]);
    const all = await http(`${server().url}/api/agent/messages?status=all`, { token: a.token });
    expect(all.json.messages).toHaveLength(1);

    const unknown = await http(`${server().url}/api/agent/messages/${crypto.randomUUID()}/handled`, {
      method: 'POST',
      token: a.token,
    });
    expect(unknown.status).toBe(404);
  });

  it('shows left messages only to agents', async () => {
    expect((await http(`${server().url}/api/agent/messages`)).status).toBe(401);
    const c = await customer(server().url);
    expect((await http(`${server().url}/api/agent/messages`, { token: c.token })).status).toBe(401);
    const left = await leave({});
    const mark = await http(`${server().url}/api/agent/messages/${left.json.id}/handled`, {
      method: 'POST',
      token: c.token,
    });
    expect(mark.status).toBe(401);
  });

  it('limits how many messages one address may leave', async () => {
    for (let i = 0; i < LEAVE_MESSAGE_LIMIT.limit; i++) expect((await leave({})).status).toBe(201);
    const limited = await leave({});
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    // The wait is said twice: in the body for the SDK, in Retry-After (whole seconds) for HTTP tools.
    expect(limited.json.error.retryAfterMs).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBe(
      Math.ceil(limited.json.error.retryAfterMs / 1000),
    );
  });
});
