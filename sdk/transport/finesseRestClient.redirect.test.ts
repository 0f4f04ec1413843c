/** The Finesse REST client and redirects: never followed, in Node (a 3xx) and in a browser (opaque). */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FinesseError } from '../core/errors.ts';
import { basicAuthorization, createFinesseRestClient } from './finesseRestClient.ts';

const BASE = 'https://finesse1.example.com:8445';
const ELSEWHERE = 'https://login.example.net';
const USER = '<User><loginId>1001</loginId><firstName>Ada</firstName></User>';

let elsewhere: Array<string | null> = [];
const server = setupServer(
  http.get(`${BASE}/finesse/api/User/:id`, () =>
    HttpResponse.redirect(`${ELSEWHERE}/finesse/api/User/1001`, 302),
  ),
  http.get(`${ELSEWHERE}/*`, ({ request }) => {
    elsewhere.push(request.headers.get('authorization'));
    return new HttpResponse(USER, { headers: { 'Content-Type': 'application/xml' } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => (elsewhere = []));
afterAll(() => server.close());

const client = (fetchImpl?: typeof fetch) =>
  createFinesseRestClient({
    baseUrl: BASE,
    authorization: basicAuthorization('1001', 'secret'),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });

describe('a redirect from Finesse', () => {
  it('is a FinesseError naming where it pointed; the other host is never asked', async () => {
    const error = await client()
      .getUser('1001')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 302, errorType: 'Redirect' });
    expect((error as Error).message).toBe(
      `Finesse answered GET /finesse/api/User/1001 with a redirect (302 to ${ELSEWHERE}/finesse/api/User/1001), ` +
        'which is not followed: point the Finesse URL at the node itself',
    );
    expect(elsewhere).toEqual([]);
  });

  it("asks fetch not to follow, and treats a browser's opaque redirect the same", async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null };
    const fetchImpl = vi.fn(async () => opaque as unknown as Response);
    const error = await client(fetchImpl)
      .getUser('1001')
      .catch((e: unknown) => e);
    expect(fetchImpl).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ redirect: 'manual' }),
    );
    expect(error).toMatchObject({ status: 0, errorType: 'Redirect' });
    expect((error as Error).message).toContain('with a redirect (opaque), which is not followed');
  });
});
