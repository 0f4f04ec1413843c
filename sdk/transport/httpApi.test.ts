import { describe, expect, it, vi } from 'vitest';
import type { HybridChatError } from '../core/errors.ts';
import { createAgentSession, createCustomerSession, endSession } from './httpApi.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<HybridChatError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: HybridChatError) => error,
  );
}

describe('createCustomerSession', () => {
  it('posts the body as JSON to /api/customer/session and resolves with the answer', async () => {
    const answer = { token: 't', expiresAt: 1, customer: { id: 'c1', name: 'Ada' } };
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => json(200, answer));

    await expect(
      createCustomerSession('https://chat.example.com/', { name: 'Ada' }, { fetch }),
    ).resolves.toEqual(answer);

    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://chat.example.com/api/customer/session');
    expect(init).toMatchObject({ method: 'POST', body: '{"name":"Ada"}' });
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });

  it('rejects with the code the server put in its error body', async () => {
    const fetch = async () =>
      json(429, { error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 } });

    const error = await failure(createCustomerSession('https://x', { name: 'Ada' }, { fetch }));

    expect(error).toMatchObject({ code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 });
  });

  it('rejects with INTERNAL and the HTTP status when the body is not an error body', async () => {
    const fetch = async () => new Response('<html>Bad gateway</html>', { status: 502 });

    const error = await failure(createCustomerSession('https://x', { name: 'Ada' }, { fetch }));

    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('502');
  });

  it('rejects with DISCONNECTED when the server cannot be reached', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed');
    };

    expect((await failure(createCustomerSession('https://x', { name: 'Ada' }, { fetch }))).code).toBe(
      'DISCONNECTED',
    );
  });

  it('rejects with TIMEOUT when the server does not answer in time', async () => {
    const fetch = (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });

    const error = await failure(
      createCustomerSession('https://x', { name: 'Ada' }, { fetch, timeoutMs: 20 }),
    );

    expect(error.code).toBe('TIMEOUT');
  });

  it('rejects with PROTOCOL when a success answer is not JSON', async () => {
    const fetch = async () => new Response('not json', { status: 200 });

    expect((await failure(createCustomerSession('https://x', { name: 'Ada' }, { fetch }))).code).toBe(
      'PROTOCOL',
    );
  });
});

describe('createAgentSession', () => {
  it('posts the Finesse credentials to /api/agent/session', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      json(401, { error: { code: 'UNAUTHORIZED', message: 'Finesse refused' } }),
    );

    const error = await failure(
      createAgentSession(
        'http://localhost:8444',
        { agentId: 'jdoe', authorization: 'Basic amRvZTpwdw==' },
        { fetch },
      ),
    );

    expect(fetch.mock.calls[0]?.[0]).toBe('http://localhost:8444/api/agent/session');
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Finesse refused' });
  });
});

describe('endSession', () => {
  it('sends DELETE with the token as Bearer, and resolves on 204', async () => {
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) => new Response(null, { status: 204 }),
    );

    await expect(
      endSession('https://chat.example.com', 'agent', 'tok', { fetch, keepalive: true }),
    ).resolves.toBeUndefined();

    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://chat.example.com/api/agent/session');
    expect(init).toMatchObject({ method: 'DELETE', keepalive: true });
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('counts a token the server refuses as ended, and rejects on other failures', async () => {
    const refused = async () => json(401, { error: { code: 'UNAUTHORIZED', message: 'no' } });
    await expect(endSession('https://x', 'customer', 'old', { fetch: refused })).resolves.toBeUndefined();

    const broken = async () => json(500, { error: { code: 'INTERNAL', message: 'db' } });
    expect((await failure(endSession('https://x', 'customer', 't', { fetch: broken }))).code).toBe(
      'INTERNAL',
    );
  });
});
