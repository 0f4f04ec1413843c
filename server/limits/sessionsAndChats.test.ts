import { describe, expect, it } from 'vitest';
import { NAMESPACES, type ChatSummary } from '../../sdk/core/protocol.ts';
import {
  askCustomer,
  connectSocket,
  unwrap,
  useTestServer,
  type CustomerSocket,
} from '../testing/testServer.ts';
import { limitsWith } from './testLimits.ts';

const server = useTestServer({
  trustedProxies: ['127.0.0.1'],
  limits: limitsWith({
    sessionsPerIp: { burst: 5, perS: 0.5 },
    chatsPerIp: { burst: 4, perS: 0.01 },
    chatsPerSessionPerHour: 3,
  }),
});

const newSession = (forwardedFor?: string, token?: string) =>
  fetch(`${server().url}/api/customer/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ name: 'Dana', ...(token ? { token } : {}) }),
  });

async function customerFrom(address: string): Promise<CustomerSocket> {
  const response = await newSession(address);
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return connectSocket<CustomerSocket>(server().url, NAMESPACES.customer, token, {
    extraHeaders: { 'x-forwarded-for': address },
  });
}

const start = (socket: CustomerSocket, queue?: string) =>
  askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID(), ...(queue ? { queue } : {}) });

async function health(): Promise<{ limits: { refused: Record<string, number> } }> {
  return (await fetch(`${server().url}/health`)).json() as never;
}

describe('customer sessions per address', () => {
  it('lets a burst through, then answers 429 with Retry-After; other addresses and renewals go on', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await newSession('203.0.113.9')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);

    const refused = await newSession('203.0.113.9');
    const body = (await refused.json()) as { error: { code: string; retryAfterMs: number } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // The limit is per client address (X-Forwarded-For from the trusted proxy), not per proxy.
    expect((await newSession('198.51.100.7')).status).toBe(200);
    // A customer who has a session keeps it: renewing is not a new session.
    const first = (await (await newSession('192.0.2.1')).json()) as { token: string };
    for (let i = 0; i < 8; i++) expect((await newSession('192.0.2.1', first.token)).status).toBe(200);

    expect((await health()).limits.refused.sessionsPerIp).toBe(4);
  });
});

describe('chat:start', () => {
  it('gives a session one open chat: a second start returns it', async () => {
    const socket = await customerFrom('203.0.113.20');
    const first = unwrap(await start(socket));
    const second = unwrap(await start(socket));
    expect(second.chat.id).toBe(first.chat.id);
    unwrap(await askCustomer(socket, 'chat:end', { chatId: first.chat.id }));
    const third = unwrap(await start(socket));
    expect(third.chat.id).not.toBe(first.chat.id);
  });

  it('refuses a queue nobody configured', async () => {
    const socket = await customerFrom('203.0.113.21');
    const made = await start(socket, 'made-up-queue');
    expect(made).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such queue' } });
    expect((await start(socket, 'default')).ok).toBe(true);
    // Also while the session has its open chat: the name is checked before anything else.
    expect(await start(socket, 'made-up-queue')).toEqual(made);
  });

  it('limits new chats per session', async () => {
    const socket = await customerFrom('203.0.113.22');
    const results = [];
    for (let i = 0; i < 4; i++) {
      const result = await start(socket);
      results.push(result.ok ? 'ok' : result.error.code);
      if (result.ok) await askCustomer(socket, 'chat:end', { chatId: result.data.chat.id });
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
  });

  it('limits new chats per address, and the open chat is still returned past the limit', async () => {
    const chats: ChatSummary[] = [];
    const sockets: CustomerSocket[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await customerFrom('203.0.113.23');
      sockets.push(socket);
      chats.push(unwrap(await start(socket)).chat);
    }
    const fifth = await start(await customerFrom('203.0.113.23'));
    expect(fifth.ok === false && fifth.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(unwrap(await start(sockets[0]!)).chat.id).toBe(chats[0]!.id);
    // Another address is not affected.
    expect((await start(await customerFrom('198.51.100.23'))).ok).toBe(true);
    expect((await health()).limits.refused.chatsPerIp).toBe(1);
  });
});
