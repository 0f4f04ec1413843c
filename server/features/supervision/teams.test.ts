/** A supervisor's teams as the simulator's User XML lists them, read by the SDK parser and the server. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseUser } from '../../../sdk/core/finesseXml.ts';
import type { Simulator } from '../../../simulator/createSimulator.ts';
import { basic, testSimulator } from '../../../simulator/testSupport.ts';
import { supervisedTeams } from './teams.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

const userOf = async (id: string) =>
  parseUser(
    (
      await sim.app.inject({
        method: 'GET',
        url: `/finesse/api/User/${id}`,
        headers: { authorization: basic(id) },
      })
    ).body,
  );

describe('supervised teams', () => {
  it('come from <teams> in the supervisor’s User XML; agents have none', async () => {
    sim = testSimulator();
    const supervisor = await userOf('1005');
    expect(supervisor.roles).toContain('Supervisor');
    expect(supervisedTeams(supervisor)).toEqual([
      { id: '10', name: 'Retail Banking' },
      { id: '20', name: 'Card Services' },
    ]);
    expect((await userOf('1001')).teams).toEqual([]);
  });

  it('fall back to the supervisor’s own team when Finesse lists none', () => {
    const user = parseUser(
      '<User><loginId>7</loginId><teamId>3</teamId><teamName>Loans</teamName><roles><role>Supervisor</role></roles></User>',
    );
    expect(supervisedTeams(user)).toEqual([{ id: '3', name: 'Loans' }]);
  });
});
