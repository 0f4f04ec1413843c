import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator, xmlField } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const get = (url: string, authorization: string) =>
  sim.app.inject({ method: 'GET', url, headers: { authorization } });

describe('reason codes', () => {
  it("answers the user's list in Finesse's shape, Handling Chat included", async () => {
    sim = testSimulator();
    const res = await get('/finesse/api/User/1001/ReasonCodes?category=NOT_READY', basic('1001'));
    expect(res.body).toMatch(/^<\?xml[^>]*\?><ReasonCodes category="NOT_READY"><ReasonCode>/);
    expect(res.body).toContain(
      '<ReasonCode><uri>/finesse/api/ReasonCode/16</uri><category>NOT_READY</category><code>16</code><label>Handling Chat</label><forAll>true</forAll><systemCode>false</systemCode><id>16</id></ReasonCode>',
    );
  });

  it('keeps GET /finesse/api/ReasonCodes for the administrator, as Finesse does', async () => {
    sim = testSimulator();
    const agent = await get('/finesse/api/ReasonCodes?category=NOT_READY', basic('1001'));
    expect(agent.statusCode).toBe(401);
    expect(xmlField(agent.body, 'ErrorType')).toBe('Authorization Failure');

    const admin = basic('admin', 'admin');
    const res = await get('/finesse/api/ReasonCodes?category=LOGOUT', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<ReasonCodes><ReasonCode><uri>/finesse/api/ReasonCode/21</uri><category>LOGOUT</category>',
    );
    expect(res.body).toContain('<systemCode>false</systemCode>');
    expect(res.body).not.toContain('<category>NOT_READY</category>');
    expect(xmlField((await get('/finesse/api/ReasonCodes', admin)).body, 'ErrorType')).toBe(
      'Parameter Missing',
    );
  });

  it('lets agents and the administrator read one reason code', async () => {
    sim = testSimulator({ admin: { login: 'root', password: 's3cret' } });
    const res = await get('/finesse/api/ReasonCode/16', basic('1002'));
    expect(res.statusCode).toBe(200);
    expect(xmlField(res.body, 'label')).toBe('Handling Chat');
    expect((await get('/finesse/api/ReasonCode/21', basic('root', 's3cret'))).statusCode).toBe(200);
    expect((await get('/finesse/api/ReasonCode/999', basic('1002'))).statusCode).toBe(404);
    expect((await get('/finesse/api/ReasonCode/16', basic('admin', 'admin'))).statusCode).toBe(401);
  });
});
