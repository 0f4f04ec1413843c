import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator, xmlField, xmlHeaders } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const login = (id: string, extension = `300${id.slice(-1)}`) =>
  sim.app.inject({
    method: 'PUT',
    url: `/finesse/api/User/${id}`,
    headers: xmlHeaders(id),
    payload: `<User><state>LOGIN</state><extension>${extension}</extension></User>`,
  });

const put = (id: string, payload: string, as = id) =>
  sim.app.inject({ method: 'PUT', url: `/finesse/api/User/${id}`, headers: xmlHeaders(as), payload });

const getUser = (id: string, as = id) =>
  sim.app.inject({ method: 'GET', url: `/finesse/api/User/${id}`, headers: { authorization: basic(as) } });

describe('GET /finesse/api/User/{id}', () => {
  it('answers the User XML with every field of the Finesse User object, starting in LOGOUT', async () => {
    sim = testSimulator();
    const res = await getUser('1002');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"/);
    expect(xmlField(xml, 'loginId')).toBe('1002');
    expect(xmlField(xml, 'loginName')).toBe('jobrien');
    expect(xmlField(xml, 'firstName')).toBe('James');
    // Names are escaped, never raw markup.
    expect(xml).toContain('<lastName>O&apos;Brien</lastName>');
    expect(xmlField(xml, 'state')).toBe('LOGOUT');
    expect(xmlField(xml, 'pendingState')).toBe('');
    expect(xmlField(xml, 'reasonCodeId')).toBe('-1');
    expect(xmlField(xml, 'stateChangeTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(xmlField(xml, 'teamId')).toBe('10');
    expect(xmlField(xml, 'teamName')).toBe('Retail Banking');
    expect(xml).toContain('<roles><role>Agent</role></roles>');
    expect(xmlField(xml, 'dialogs')).toBe('/finesse/api/User/1002/Dialogs');
    expect(xmlField(xml, 'uri')).toBe('/finesse/api/User/1002');
    expect(xmlField(xml, 'wrapUpOnIncoming')).toBe('OPTIONAL');
    expect(xml).not.toContain('<ReasonCode>');
  });

  it('refuses missing or wrong credentials with 401 ApiErrors and no browser auth prompt', async () => {
    sim = testSimulator();
    for (const authorization of [undefined, basic('1001', 'nope'), basic('9999', 'x'), 'Bearer abc']) {
      const res = await sim.app.inject({
        method: 'GET',
        url: '/finesse/api/User/1001',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(xmlField(res.body, 'ErrorType')).toBe('Authorization Failure');
      expect(res.body).toContain('<ApiErrors><ApiError><ErrorType>');
    }
  });

  it('accepts the login name as the Basic user, as Finesse does', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/User/1001',
      headers: { authorization: basic('mgonzalez', 'pass1001') },
    });
    expect(res.statusCode).toBe(200);
  });

  it("keeps an agent out of another agent's User", async () => {
    sim = testSimulator();
    const res = await getUser('1002', '1001');
    expect(res.statusCode).toBe(401);
    expect(xmlField(res.body, 'ErrorType')).toBe('Invalid Authorization User Specified');
  });

  it('lets a supervisor read the users of the teams they supervise', async () => {
    sim = testSimulator();
    expect((await getUser('1002', '1005')).statusCode).toBe(200);
    expect((await getUser('1003', '1005')).statusCode).toBe(200);
    const res = await getUser('1005', '1005');
    expect(res.body).toContain('<roles><role>Agent</role><role>Supervisor</role></roles>');
  });

  it('answers 404 ApiErrors for an unknown user or path', async () => {
    sim = testSimulator();
    expect((await getUser('4242', '1001')).statusCode).toBe(404);
    const res = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/Nothing',
      headers: { authorization: basic('1001') },
    });
    expect(res.statusCode).toBe(404);
    expect(xmlField(res.body, 'ErrorType')).toBe('Not Found');
  });
});

describe('PUT /finesse/api/User/{id}', () => {
  it('signs in with 202 and an empty body, landing in NOT_READY with the extension', async () => {
    sim = testSimulator();
    const res = await login('1001');
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    const xml = (await getUser('1001')).body;
    expect(xmlField(xml, 'state')).toBe('NOT_READY');
    expect(xmlField(xml, 'extension')).toBe('3001');
    expect(xmlField(xml, 'reasonCodeId')).toBe('-1');
  });

  it('goes READY, NOT_READY with a reason (reported with its ReasonCode), then LOGOUT', async () => {
    sim = testSimulator();
    await login('1001');
    expect((await put('1001', '<User><state>READY</state></User>')).statusCode).toBe(202);
    expect(xmlField((await getUser('1001')).body, 'state')).toBe('READY');

    const before = xmlField((await getUser('1001')).body, 'stateChangeTime');
    expect(
      (await put('1001', '<User><state>NOT_READY</state><reasonCodeId>16</reasonCodeId></User>')).statusCode,
    ).toBe(202);
    const xml = (await getUser('1001')).body;
    expect(xmlField(xml, 'state')).toBe('NOT_READY');
    expect(xmlField(xml, 'reasonCodeId')).toBe('16');
    expect(xml).toMatch(
      /<ReasonCode><uri>\/finesse\/api\/ReasonCode\/16<\/uri><category>NOT_READY<\/category><code>16<\/code><label>Handling Chat<\/label>/,
    );
    expect(xmlField(xml, 'stateChangeTime')).not.toBe(before);

    expect((await put('1001', '<User><state>LOGOUT</state></User>')).statusCode).toBe(202);
    const out = (await getUser('1001')).body;
    expect(xmlField(out, 'state')).toBe('LOGOUT');
    expect(xmlField(out, 'extension')).toBe('');
  });

  it.each([
    ['READY while LOGOUT', '<User><state>READY</state></User>', 'Invalid State'],
    ['NOT_READY while LOGOUT', '<User><state>NOT_READY</state></User>', 'Invalid State'],
    ['LOGOUT while LOGOUT', '<User><state>LOGOUT</state></User>', 'Invalid State'],
    ['an unknown state', '<User><state>DANCING</state></User>', 'Invalid Input'],
    ['a state only the system sets', '<User><state>TALKING</state></User>', 'Invalid State'],
    ['no state', '<User><extension>3001</extension></User>', 'Parameter Missing'],
    ['LOGIN without extension', '<User><state>LOGIN</state></User>', 'Parameter Missing'],
    [
      'LOGIN with a wrong extension',
      '<User><state>LOGIN</state><extension>3002</extension></User>',
      'Bad Request',
    ],
    ['not XML', 'state=READY', 'Bad Request'],
    ['another root element', '<Dialog><state>READY</state></Dialog>', 'Bad Request'],
    ['a repeated field', '<User><state>READY</state><state>LOGOUT</state></User>', 'Bad Request'],
    ['an empty body', '', 'Bad Request'],
  ])('refuses %s with 400 %s', async (_case, payload, errorType) => {
    sim = testSimulator();
    const res = await put('1001', payload);
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe(errorType);
    expect(xmlField((await getUser('1001')).body, 'state')).toBe('LOGOUT');
  });

  it('refuses an unknown NOT_READY reason code', async () => {
    sim = testSimulator();
    await login('1001');
    const res = await put('1001', '<User><state>NOT_READY</state><reasonCodeId>21</reasonCodeId></User>');
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe('Invalid Input');
  });

  it('accepts a repeated sign-in on the same extension (desktop reload) without a change', async () => {
    sim = testSimulator();
    await login('1001');
    await put('1001', '<User><state>READY</state></User>');
    expect((await login('1001')).statusCode).toBe(202);
    expect(xmlField((await getUser('1001')).body, 'state')).toBe('READY');
  });

  it("keeps an agent from changing another agent's state", async () => {
    sim = testSimulator();
    await login('1002');
    const res = await put('1002', '<User><state>READY</state></User>', '1001');
    expect(res.statusCode).toBe(401);
    expect(xmlField(res.body, 'ErrorType')).toBe('Invalid Authorization User Specified');
  });

  it('lets a supervisor make a team member READY or LOGOUT, nothing else', async () => {
    sim = testSimulator();
    await login('1002');
    expect((await put('1002', '<User><state>NOT_READY</state></User>', '1005')).statusCode).toBe(400);
    expect((await put('1002', '<User><state>READY</state></User>', '1005')).statusCode).toBe(202);
    expect((await put('1002', '<User><state>LOGOUT</state></User>', '1005')).statusCode).toBe(202);
  });

  it('needs Content-Type application/xml; JSON is a 400, not a crash', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: { authorization: basic('1001'), 'content-type': 'application/json' },
      payload: '{"state":"READY"}',
    });
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe('Bad Request');
  });
});

describe('hostile XML bodies', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<User><state>&lol3;</state></User>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><User><state>&x;</state></User>`;
  const deep = `${'<a>'.repeat(500)}${'</a>'.repeat(500)}`;

  it.each([
    ['entity expansion', billionLaughs],
    ['an external entity', xxe],
    ['a lone DOCTYPE', '<!DOCTYPE User><User><state>READY</state></User>'],
    ['an oversized body', `<User><state>READY</state><x>${'a'.repeat(64 * 1024)}</x></User>`],
    ['deep nesting', `<User>${deep}</User>`],
    ['an undeclared entity', '<User><state>&nope;</state></User>'],
    ['unclosed markup', '<User><state>READY</User>'],
  ])('answers %s with 400 and keeps serving', async (_case, payload) => {
    sim = testSimulator();
    await login('1001');
    const res = await put('1001', payload);
    expect(res.statusCode).toBe(400);
    expect(xmlField(res.body, 'ErrorType')).toBe('Bad Request');
    expect((await getUser('1001')).statusCode).toBe(200);
    expect(xmlField((await getUser('1001')).body, 'state')).toBe('NOT_READY');
  });

  it('reads predefined entities in a value without expanding anything else', async () => {
    sim = testSimulator();
    await login('1001');
    const res = await put('1001', '<User><state>&#82;EADY</state></User>');
    expect(res.statusCode).toBe(202);
    expect(xmlField((await getUser('1001')).body, 'state')).toBe('READY');
  });
});

describe('reason codes, dialogs and SystemInfo', () => {
  it('lists NOT_READY reason codes, including "Handling Chat" for media blending', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/User/1001/ReasonCodes?category=NOT_READY',
      headers: { authorization: basic('1001') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<ReasonCodes category="NOT_READY">');
    expect(res.body).toContain('<label>Handling Chat</label>');
    expect(res.body).not.toContain('<category>LOGOUT</category>');
    const labels = [...res.body.matchAll(/<label>([^<]*)<\/label>/g)].map((m) => m[1] ?? '');
    expect(labels.every((label) => label.length <= 40)).toBe(true);
  });

  it('lists LOGOUT reason codes, and wants a valid category', async () => {
    sim = testSimulator();
    const get = (query: string) =>
      sim.app.inject({
        method: 'GET',
        url: `/finesse/api/User/1001/ReasonCodes${query}`,
        headers: { authorization: basic('1001') },
      });
    expect((await get('?category=LOGOUT')).body).toContain('<category>LOGOUT</category>');
    expect(xmlField((await get('')).body, 'ErrorType')).toBe('Parameter Missing');
    expect(xmlField((await get('?category=WRAP_UP')).body, 'ErrorType')).toBe('Invalid Input');
  });

  it('answers an empty Dialogs collection for now', async () => {
    sim = testSimulator();
    const res = await sim.app.inject({
      method: 'GET',
      url: '/finesse/api/User/1001/Dialogs',
      headers: { authorization: basic('1001') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<Dialogs\/>$/);
  });

  it('answers SystemInfo without credentials', async () => {
    sim = testSimulator({
      nodes: {
        primary: { host: 'finesse-a.example.com', httpsPort: 8445 },
        secondary: { host: 'finesse-b.example.com', httpsPort: 8445 },
      },
    });
    const res = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(res.statusCode).toBe(200);
    const xml = res.body;
    expect(xmlField(xml, 'status')).toBe('IN_SERVICE');
    expect(xmlField(xml, 'deploymentType')).toBe('UCCE');
    expect(xmlField(xml, 'systemAuthMode')).toBe('NON_SSO');
    expect(xmlField(xml, 'xmppDomain')).toBe('finesse-a.example.com');
    expect(xml).toContain('<primaryNode><host>finesse-a.example.com</host><httpsPort>8445</httpsPort>');
    expect(xml).toContain('<secondaryNode><host>finesse-b.example.com</host>');
    expect(xmlField(xml, 'currentTimestamp')).toMatch(/^\d{4}-/);
    expect(xmlField(xml, 'uri')).toBe('/finesse/api/SystemInfo');
  });

  it('answers 503 while the node is OUT_OF_SERVICE (SystemInfo says so), and serves again after', async () => {
    sim = testSimulator();
    const status = (value: string) =>
      sim.app.inject({ method: 'POST', url: '/sim/api/nodes/primary', payload: { status: value } });
    expect((await status('OUT_OF_SERVICE')).json()).toMatchObject({ name: 'primary', up: true });
    const info = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(info.statusCode).toBe(200);
    expect(xmlField(info.body, 'status')).toBe('OUT_OF_SERVICE');
    const down = await getUser('1001');
    expect(down.statusCode).toBe(503);
    expect(xmlField(down.body, 'ErrorType')).toBe('Service Unavailable');
    await status('IN_SERVICE');
    expect((await getUser('1001')).statusCode).toBe(200);
  });
});
