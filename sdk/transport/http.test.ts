import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HybridChatError } from '../core/errors.ts';
import { codeOfStatus, createHttpClient, parseRetryAfter } from './http.ts';

const BASE = 'https://chat.example.com/prefix';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<HybridChatError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(HybridChatError);
      return error as HybridChatError;
    },
  );
}

describe('HTTP client: requests', () => {
  it('sends JSON with the current token and parses the JSON answer', async () => {
    let seen: { auth: string | null; type: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${BASE}/api/things`, async ({ request }) => {
        seen = {
          auth: request.headers.get('authorization'),
          type: request.headers.get('content-type'),
          body: await request.json(),
        };
        return HttpResponse.json({ ok: 1 });
      }),
    );
    let token = 'first';
    const client = createHttpClient({ baseUrl: `${BASE}/`, token: () => token });
    expect(await client.json('/api/things', { json: { a: 1 } })).toEqual({ ok: 1 });
    expect(seen).toEqual({ auth: 'Bearer first', type: 'application/json', body: { a: 1 } });
    token = 'second';
    await client.json('/api/things', { json: {} });
    expect(seen?.auth).toBe('Bearer second');
  });

  it('lets a call send its own token, or none, and resolves a 204 with undefined', async () => {
    const auths: (string | null)[] = [];
    server.use(
      http.delete(`${BASE}/api/session`, ({ request }) => {
        auths.push(request.headers.get('authorization'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = createHttpClient({ baseUrl: BASE, token: () => 'mine' });
    expect(await client.json('/api/session', { method: 'DELETE', token: 'theirs' })).toBeUndefined();
    await client.json('/api/session', { method: 'DELETE', token: null });
    expect(auths).toEqual(['Bearer theirs', null]);
  });

  it('rejects a success that is not JSON with PROTOCOL', async () => {
    server.use(http.get(`${BASE}/api/x`, () => HttpResponse.text('hello')));
    expect((await failure(createHttpClient({ baseUrl: BASE }).json('/api/x'))).code).toBe('PROTOCOL');
  });
});

describe('HTTP client: errors', () => {
  it("keeps the server's own code and message", async () => {
    server.use(
      http.get(`${BASE}/api/x`, () =>
        HttpResponse.json({ error: { code: 'CONFLICT', message: 'taken' } }, { status: 409 }),
      ),
    );
    expect(await failure(createHttpClient({ baseUrl: BASE }).json('/api/x'))).toMatchObject({
      code: 'CONFLICT',
      message: 'taken',
    });
  });

  it('maps bare statuses to codes, 503 to UNAVAILABLE and a route-specific one to its own code', async () => {
    let status = 503;
    server.use(http.get(`${BASE}/api/x`, () => new HttpResponse('<html>down</html>', { status })));
    const client = createHttpClient({ baseUrl: BASE });
    const unavailable = await failure(client.json('/api/x'));
    expect(unavailable).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(unavailable.message).toContain('503');
    status = 404;
    expect((await failure(client.json('/api/x'))).code).toBe('NOT_FOUND');
    status = 413;
    expect((await failure(client.json('/api/x'))).code).toBe('TOO_LARGE');
    expect((await failure(client.json('/api/x', { statusCodes: { 413: 'FILE_TOO_LARGE' } }))).code).toBe(
      'FILE_TOO_LARGE',
    );
    status = 502;
    expect((await failure(client.json('/api/x'))).code).toBe('INTERNAL');
  });

  it('reads RATE_LIMITED waits from Retry-After when the body does not give one', async () => {
    let body: JsonBodyType = { error: { code: 'RATE_LIMITED', message: 'slow down' } };
    server.use(
      http.get(`${BASE}/api/x`, () =>
        HttpResponse.json(body, { status: 429, headers: { 'retry-after': '3' } }),
      ),
    );
    const client = createHttpClient({ baseUrl: BASE });
    expect(await failure(client.json('/api/x'))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3000 });
    body = { error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 } };
    expect((await failure(client.json('/api/x'))).retryAfterMs).toBe(1500);
    body = 'not an error body';
    expect(await failure(client.json('/api/x'))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3000 });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(codeOfStatus(401)).toBe('UNAUTHORIZED');
  });

  it('rejects with TIMEOUT when no answer comes in time, and with DISCONNECTED when unreachable', async () => {
    server.use(
      http.get(`${BASE}/api/slow`, async () => {
        await delay(2000);
        return HttpResponse.json({});
      }),
      http.get(`${BASE}/api/down`, () => HttpResponse.error()),
    );
    const client = createHttpClient({ baseUrl: BASE, timeoutMs: 30 });
    expect((await failure(client.json('/api/slow'))).code).toBe('TIMEOUT');
    expect((await failure(client.json('/api/down'))).code).toBe('DISCONNECTED');
  });

  it("aborts with the caller's signal too", async () => {
    server.use(
      http.get(`${BASE}/api/slow`, async () => {
        await delay(2000);
        return HttpResponse.json({});
      }),
    );
    const abort = new AbortController();
    const call = createHttpClient({ baseUrl: BASE }).json('/api/slow', { signal: abort.signal });
    abort.abort();
    expect((await failure(call)).code).toBe('DISCONNECTED');
  });
});

describe('HTTP client: token renewal', () => {
  const refusedUnless = (valid: string) =>
    http.get(`${BASE}/api/me`, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${valid}`
        ? HttpResponse.json({ me: valid })
        : HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'expired' } }, { status: 401 }),
    );

  it('renews once after UNAUTHORIZED and retries once with the new token', async () => {
    server.use(refusedUnless('new'));
    let token = 'old';
    const renewToken = vi.fn(async () => {
      token = 'new';
      return true;
    });
    const client = createHttpClient({ baseUrl: BASE, token: () => token, renewToken });
    expect(await client.json('/api/me')).toEqual({ me: 'new' });
    expect(renewToken).toHaveBeenCalledTimes(1);
  });

  it('shares one renewal between calls refused together', async () => {
    server.use(refusedUnless('new'));
    let token = 'old';
    const renewToken = vi.fn(async () => {
      await delay(20);
      token = 'new';
      return true;
    });
    const client = createHttpClient({ baseUrl: BASE, token: () => token, renewToken });
    const answers = await Promise.all([client.json('/api/me'), client.json('/api/me')]);
    expect(answers).toEqual([{ me: 'new' }, { me: 'new' }]);
    expect(renewToken).toHaveBeenCalledTimes(1);
  });

  it('gives up after one retry, and does not retry when there is no new token', async () => {
    server.use(refusedUnless('never'));
    const renewToken = vi.fn(async () => true);
    const client = createHttpClient({ baseUrl: BASE, token: () => 'old', renewToken });
    expect((await failure(client.json('/api/me'))).code).toBe('UNAUTHORIZED');
    expect(renewToken).toHaveBeenCalledTimes(1);

    const over = vi.fn(async () => false);
    let calls = 0;
    server.use(
      http.get(`${BASE}/api/me`, () => {
        calls += 1;
        return new HttpResponse(null, { status: 401 });
      }),
    );
    const closed = createHttpClient({ baseUrl: BASE, token: () => 'old', renewToken: over });
    expect((await failure(closed.json('/api/me'))).code).toBe('UNAUTHORIZED');
    expect(calls).toBe(1);
  });

  it('does not renew on other failures, nor for a call that brings its own token', async () => {
    server.use(refusedUnless('new'));
    const renewToken = vi.fn(async () => true);
    const client = createHttpClient({ baseUrl: BASE, token: () => 'old', renewToken });
    expect((await failure(client.json('/api/me', { token: 'other' }))).code).toBe('UNAUTHORIZED');
    server.use(http.get(`${BASE}/api/me`, () => new HttpResponse(null, { status: 403 })));
    expect((await failure(client.json('/api/me'))).code).toBe('FORBIDDEN');
    expect(renewToken).not.toHaveBeenCalled();
  });
});
