import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator } from './testSupport.ts';

// Server-side gadgets.io.makeRequest (`POST /gadgets/makeRequest`, container/makeRequestProxy.ts).
let sim: Simulator;
afterEach(async () => sim?.close());

const seen: { url: string; init: RequestInit }[] = [];

/** A fake outside world: `api.test:9000` answers, anything else is unreachable. */
function fakeFetch(answer: (url: URL) => Response | Promise<Response>): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(String(input));
    seen.push({ url: url.href, init });
    return answer(url);
  };
}

function start(answer: (url: URL) => Response | Promise<Response> = () => new Response('ok')) {
  seen.length = 0;
  sim = testSimulator({
    chatServerUrl: 'http://chat.test:8444',
    makeRequestHosts: ['api.test:9000'],
    fetch: fakeFetch(answer),
    makeRequest: { timeoutMs: 200, maxResponseBytes: 1000 },
  });
}

const makeRequest = (body: unknown, contentType = 'application/json') =>
  sim.app.inject({
    method: 'POST',
    url: '/gadgets/makeRequest',
    headers: { 'content-type': contentType, host: 'finesse.test:8445' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /gadgets/makeRequest', () => {
  it("serves the simulator's own /finesse/ REST in process, with the caller's credentials", async () => {
    start();
    const own = await makeRequest({
      url: 'http://finesse.test:8445/finesse/api/User/1001',
      headers: { Authorization: basic('1001'), locale: 'en_US' },
    });
    expect(own.statusCode).toBe(200);
    const answer = own.json<{ rc: number; body: string; headers: Record<string, string[]> }>();
    expect(answer.rc).toBe(200);
    expect(answer.body).toContain('<loginId>1001</loginId>');
    expect(answer.headers['content-type']?.[0]).toMatch(/^application\/xml/);
    const wrong = await makeRequest({ url: 'http://finesse.test:8445/finesse/api/User/1001' });
    expect(wrong.json<{ rc: number }>().rc).toBe(401);
    expect(seen).toEqual([]); // never over the network
  });

  it('refuses the rest of the simulator (the test API above all), even through loopback names', async () => {
    start();
    for (const url of ['http://finesse.test:8445/sim/api/reset', 'http://finesse.test:8445/desktop/']) {
      const res = await makeRequest({ url, method: 'POST' });
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: string }>().error).toContain('/finesse/');
    }
    expect((await makeRequest({ url: 'http://127.0.0.1:1/sim/api/users' })).statusCode).toBe(403);
    expect(seen).toEqual([]);
  });

  it('reaches only hosts an administrator allowed; http(s) only; no credentials in the URL', async () => {
    start();
    const cases: [string, number][] = [
      ['http://169.254.169.254/latest/meta-data/', 403],
      ['http://api.test:9001/x', 403],
      ['file:///etc/passwd', 400],
      ['gopher://api.test:9000/', 400],
      ['http://user:pw@api.test:9000/', 400],
      ['not a url', 400],
    ];
    for (const [url, status] of cases) {
      const res = await makeRequest({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json<{ error: string }>().error, url).not.toBe('');
    }
    expect(seen).toEqual([]);
    const allowed = await makeRequest({ url: 'http://api.test:9000/data', method: 'post', body: 'a=1' });
    expect(allowed.json()).toMatchObject({ rc: 200, body: 'ok' });
    // The chat server's host is a gadget host, so its gadgets may call it too.
    expect((await makeRequest({ url: 'http://chat.test:8444/api' })).statusCode).toBe(200);
    expect(seen.map((call) => [call.url, call.init.method])).toEqual([
      ['http://api.test:9000/data', 'POST'],
      ['http://chat.test:8444/api', 'GET'],
    ]);
  });

  it('passes no cookies, forwarding or hop-by-hop headers, and follows no redirect', async () => {
    start(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: 'http://169.254.169.254/', 'set-cookie': 'a=b' },
        }),
    );
    const res = await makeRequest({
      url: 'http://api.test:9000/go',
      headers: { Cookie: 'session=1', 'X-Forwarded-For': '1.2.3.4', Accept: 'text/plain' },
    });
    expect(res.json()).toMatchObject({ rc: 302, headers: { location: ['http://169.254.169.254/'] } });
    expect(res.json<{ headers: object }>().headers).not.toHaveProperty('set-cookie');
    expect(seen[0]?.init.redirect).toBe('manual');
    expect(seen[0]?.init.headers).toEqual({ accept: 'text/plain' });
  });

  it('bounds time and size, with clear errors', async () => {
    start((url) =>
      url.pathname === '/slow' ? new Promise<Response>(() => undefined) : new Response('x'.repeat(5000)),
    );
    const slow = await makeRequest({ url: 'http://api.test:9000/slow' });
    expect(slow.statusCode).toBe(504);
    expect(slow.json<{ error: string }>().error).toBe('api.test:9000 did not answer within 200 ms.');
    const big = await makeRequest({ url: 'http://api.test:9000/big' });
    expect(big.statusCode).toBe(502);
    expect(big.json<{ error: string }>().error).toContain('larger than 1000 bytes');
  });

  it('takes JSON only (no form posts from other sites) and checks the shape', async () => {
    start();
    expect((await makeRequest('url=http://api.test:9000/', 'text/plain')).statusCode).toBe(415);
    expect((await makeRequest({ url: 'http://api.test:9000/', extra: 1 })).statusCode).toBe(400);
    expect((await makeRequest({ url: 'http://api.test:9000/', method: 'TRACE' })).statusCode).toBe(400);
  });
});
