import { http, HttpResponse, type DefaultBodyType, type StrictRequest } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import { MAX_FINESSE_XML } from '../core/finesseXml.ts';
import {
  basicAuthorization,
  bearerAuthorization,
  createFinesseRestClient,
  type FinesseRestClientOptions,
} from './finesseRestClient.ts';

const BASE = 'https://finesse1.example.com:8445';
const BASIC = basicAuthorization('1001', 'secret');

const xml = (body: string, status = 200) =>
  new HttpResponse(body, { status, headers: { 'Content-Type': 'application/xml' } });

const apiErrors = (type: string, message: string) =>
  `<ApiErrors><ApiError><ErrorType>${type}</ErrorType><ErrorMessage>${message}</ErrorMessage><ErrorData>state</ErrorData></ApiError></ApiErrors>`;

const USER = `<User><loginId>1001</loginId><loginName>ada</loginName><firstName>Ada</firstName><lastName>L</lastName>
<extension>3001</extension><state>READY</state><pendingState/><reasonCodeId>-1</reasonCodeId><teamId>1</teamId><teamName>T</teamName>
<roles><role>Agent</role></roles></User>`;

const SYSTEM_INFO = `<SystemInfo><status>IN_SERVICE</status><deploymentType>UCCX</deploymentType>
<primaryNode><host>finesse1.example.com</host></primaryNode><secondaryNode/><systemAuthMode>SSO</systemAuthMode>
<xmppDomain>finesse1.example.com</xmppDomain><xmppPubSubDomain>pubsub.finesse1.example.com</xmppPubSubDomain></SystemInfo>`;

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  contentType: string | null;
  body: string;
}
let seen: Seen[] = [];

async function record(request: StrictRequest<DefaultBodyType>): Promise<void> {
  seen.push({
    method: request.method,
    url: request.url,
    authorization: request.headers.get('authorization'),
    contentType: request.headers.get('content-type'),
    body: request.method === 'GET' ? '' : await request.text(),
  });
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
  vi.useRealTimers();
});
afterAll(() => server.close());

const client = (options: Partial<FinesseRestClientOptions> = {}) =>
  createFinesseRestClient({ baseUrl: `${BASE}/`, authorization: BASIC, ...options });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Finesse REST client: reads', () => {
  it('gets a User with Basic auth and Accept: application/xml', async () => {
    let accept: string | null = null;
    server.use(
      http.get(`${BASE}/finesse/api/User/1001`, async ({ request }) => {
        await record(request);
        accept = request.headers.get('accept');
        return xml(USER);
      }),
    );

    await expect(client().getUser('1001')).resolves.toMatchObject({ loginId: '1001', state: 'READY' });
    expect(seen[0]?.authorization).toBe('Basic MTAwMTpzZWNyZXQ=');
    expect(accept).toBe('application/xml');
  });

  it('gets NOT_READY reason codes of a user', async () => {
    server.use(
      http.get(`${BASE}/finesse/api/User/1001/ReasonCodes`, async ({ request }) => {
        await record(request);
        return xml(
          '<ReasonCodes category="NOT_READY"><ReasonCode><category>NOT_READY</category><code>16</code><label>Handling Chat</label><forAll>true</forAll><id>16</id><uri>/finesse/api/ReasonCode/16</uri></ReasonCode></ReasonCodes>',
        );
      }),
    );

    await expect(client().getReasonCodes('1001', 'NOT_READY')).resolves.toEqual([
      {
        id: '16',
        code: '16',
        label: 'Handling Chat',
        category: 'NOT_READY',
        forAll: true,
        uri: '/finesse/api/ReasonCode/16',
      },
    ]);
    expect(new URL(seen[0]!.url).searchParams.get('category')).toBe('NOT_READY');
  });

  it('gets the dialogs of a user', async () => {
    server.use(
      http.get(`${BASE}/finesse/api/User/1001/Dialogs`, () =>
        xml(
          '<Dialogs><Dialog><id>5</id><mediaType>Voice</mediaType><state>ALERTING</state><mediaProperties><callType>ACD_IN</callType></mediaProperties></Dialog></Dialogs>',
        ),
      ),
    );

    await expect(client().getDialogs('1001')).resolves.toMatchObject([
      { id: '5', state: 'ALERTING', callType: 'inbound', rawCallType: 'ACD_IN' },
    ]);
  });

  it('gets SystemInfo without an Authorization header when none is configured (LAN)', async () => {
    server.use(
      http.get(`${BASE}/finesse/api/SystemInfo`, async ({ request }) => {
        await record(request);
        return xml(SYSTEM_INFO);
      }),
    );

    await expect(client({ authorization: undefined }).getSystemInfo()).resolves.toMatchObject({
      status: 'IN_SERVICE',
      deploymentType: 'UCCX',
      systemAuthMode: 'SSO',
      secondaryNode: null,
    });
    expect(seen[0]?.authorization).toBeNull();
  });

  it('sends a Bearer header, asked for on every request so a refreshed SSO token is used', async () => {
    server.use(
      http.get(`${BASE}/finesse/api/SystemInfo`, async ({ request }) => {
        await record(request);
        return xml(SYSTEM_INFO);
      }),
    );
    let token = 'eyJ.first';
    const finesse = client({ authorization: () => bearerAuthorization(token) });

    await finesse.getSystemInfo();
    token = 'eyJ.second';
    await finesse.getSystemInfo();

    expect(seen.map((s) => s.authorization)).toEqual(['Bearer eyJ.first', 'Bearer eyJ.second']);
  });

  it('encodes the user id in the path', async () => {
    server.use(
      http.get(`${BASE}/finesse/api/User/:id`, async ({ request }) => {
        await record(request);
        return xml(USER);
      }),
    );

    await client().getUser('a/b?c');
    expect(new URL(seen[0]!.url).pathname).toBe('/finesse/api/User/a%2Fb%3Fc');
  });
});

describe('Finesse REST client: state changes', () => {
  const putUser = (status = 202) =>
    http.put(`${BASE}/finesse/api/User/1001`, async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status });
    });

  it.each([
    ['READY', undefined, '<User><state>READY</state></User>'],
    ['NOT_READY', '16', '<User><state>NOT_READY</state><reasonCodeId>16</reasonCodeId></User>'],
    ['NOT_READY', undefined, '<User><state>NOT_READY</state></User>'],
    ['LOGOUT', '21', '<User><state>LOGOUT</state><reasonCodeId>21</reasonCodeId></User>'],
    ['READY', '16', '<User><state>READY</state></User>'],
  ] as const)('PUTs %s (reason %s) as %s and resolves on 202', async (state, reason, body) => {
    server.use(putUser());

    await expect(client().setState('1001', state, reason)).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      body,
      contentType: 'application/xml',
      authorization: BASIC,
    });
  });

  it('logs in with the extension', async () => {
    server.use(putUser());

    await client().login('1001', '3001');
    expect(seen[0]?.body).toBe('<User><state>LOGIN</state><extension>3001</extension></User>');
  });

  it('escapes what it puts in the XML body', async () => {
    server.use(putUser());

    await client().setState('1001', 'NOT_READY', '1</reasonCodeId><state>READY');
    expect(seen[0]?.body).toBe(
      '<User><state>NOT_READY</state><reasonCodeId>1&#60;/reasonCodeId&#62;&#60;state&#62;READY</reasonCodeId></User>',
    );
  });

  it('refuses characters XML cannot carry before sending anything', async () => {
    server.use(putUser());

    const error = await failure(client().login('1001', '30\u000001'));
    expect(error).toBeInstanceOf(HybridChatError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(seen).toEqual([]);
  });

  it('does not take a 200 (a proxy login page, say) as an accepted state change', async () => {
    server.use(
      http.put(
        `${BASE}/finesse/api/User/1001`,
        () => new HttpResponse('<html>Sign in</html>', { status: 200 }),
      ),
    );

    const error = await failure(client().setState('1001', 'READY'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 200, errorType: 'Unexpected Status' });
  });
});

describe('Finesse REST client: errors', () => {
  it.each([
    [400, 'Invalid State', 'Cannot change state to READY while TALKING'],
    [401, 'Unauthorized', 'Invalid credentials'],
    [404, 'User Not Found', 'No such user'],
    [500, 'Internal Server Error', 'boom'],
  ])('maps a %i ApiErrors answer to FinesseError with its ErrorType', async (status, type, message) => {
    server.use(http.put(`${BASE}/finesse/api/User/1001`, () => xml(apiErrors(type, message), status)));

    const error = await failure(client().setState('1001', 'READY'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ code: 'FINESSE', status, errorType: type, message });
  });

  it('reports the HTTP status when an error answer is not ApiErrors', async () => {
    server.use(
      http.get(
        `${BASE}/finesse/api/User/1001`,
        () => new HttpResponse('<html>Bad gateway</html>', { status: 502 }),
      ),
    );

    const error = await failure(client().getUser('1001'));
    expect(error).toMatchObject({
      status: 502,
      errorType: undefined,
      message: 'Finesse answered 502 to GET /finesse/api/User/1001',
    });
  });

  it('rejects with a TimeoutError when Finesse does not answer in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(http.get(`${BASE}/finesse/api/SystemInfo`, () => new Promise<never>(() => undefined)));

    const pending = failure(client({ timeoutMs: 3000 }).getSystemInfo());
    await vi.advanceTimersByTimeAsync(3000);

    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('rejects with FinesseError status 0 when Finesse is unreachable', async () => {
    server.use(http.get(`${BASE}/finesse/api/SystemInfo`, () => HttpResponse.error()));

    const error = await failure(client().getSystemInfo());
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 0, message: `Finesse unreachable at ${BASE}` });
  });

  it('goes through an injected fetch, and maps its network failure the same way', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });

    const error = await failure(client({ fetch }).getUser('1001'));
    expect(fetch).toHaveBeenCalledOnce();
    expect(error).toMatchObject({ status: 0 });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  const huge = `<User><loginId>1</loginId><x>${'a'.repeat(MAX_FINESSE_XML)}</x></User>`;
  it.each([
    ['a Content-Length past the cap', { 'Content-Length': String(huge.length) }],
    ['a streamed body past the cap', {}],
  ])('refuses an oversized answer with %s', async (_name, headers: Record<string, string>) => {
    server.use(
      http.get(`${BASE}/finesse/api/User/1001`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(huge));
            controller.close();
          },
        });
        return new HttpResponse(stream, { status: 200, headers });
      }),
    );

    const error = await failure(client().getUser('1001'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({
      status: 502,
      errorType: 'Invalid XML',
      message: 'Finesse answer too large',
    });
  });

  it.each([
    ['malformed XML', '<User><loginId>1</User>'],
    ['HTML', '<html><body>Sign in</body></html>'],
    ['a DOCTYPE', '<!DOCTYPE u [<!ENTITY a "x">]><User><loginId>&a;</loginId></User>'],
  ])('refuses a 200 answer that is %s', async (_name, body) => {
    server.use(http.get(`${BASE}/finesse/api/User/1001`, () => xml(body)));

    const error = await failure(client().getUser('1001'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 502, errorType: 'Invalid XML' });
  });
});

describe('Authorization helpers', () => {
  it('builds Basic over UTF-8', () => {
    expect(basicAuthorization('1001', 'pässword')).toBe(
      `Basic ${Buffer.from('1001:pässword').toString('base64')}`,
    );
  });

  it.each([
    ['a Basic user id with a colon', () => basicAuthorization('a:b', 'x')],
    ['a Bearer token with a line break', () => bearerAuthorization('abc\r\nX-Evil: 1')],
    ['an empty Bearer token', () => bearerAuthorization('')],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(HybridChatError);
  });
});
