import { describe, expect, it } from 'vitest';
import { loadAgentsFile, parseAgents } from './agents.ts';

const agent = (id: string, extra: object = {}) => ({
  id,
  loginName: `agent${id}`,
  password: 'pw',
  firstName: 'A',
  lastName: 'B',
  extension: `3${id}`,
  teamId: '1',
  teamName: 'Team',
  roles: ['Agent'],
  ...extra,
});

describe('agents', () => {
  it('loads the shipped agents: 1001–1005, 1005 also a supervisor of both teams', () => {
    const agents = loadAgentsFile();
    expect(agents.map((a) => a.id)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    const supervisor = agents.find((a) => a.id === '1005');
    expect(supervisor?.roles).toEqual(['Agent', 'Supervisor']);
    expect(supervisor?.supervisedTeamIds).toEqual(['10', '20']);
    expect(agents.find((a) => a.id === '1001')?.supervisedTeamIds).toEqual([]);
  });

  it("defaults a supervisor's teams to their own", () => {
    const [lead] = parseAgents({ agents: [agent('1', { roles: ['Agent', 'Supervisor'] })] });
    expect(lead?.supervisedTeamIds).toEqual(['1']);
  });

  it.each([
    ['duplicate ids', { agents: [agent('1'), agent('1', { loginName: 'x', extension: '9' })] }],
    ['duplicate extensions', { agents: [agent('1'), agent('2', { extension: '31' })] }],
    ['an unknown role', { agents: [agent('1', { roles: ['Admin'] })] }],
    ['a non-numeric id', { agents: [agent('x')] }],
    ['unknown fields', { agents: [agent('1', { pin: '1' })] }],
    ['no agents', { agents: [] }],
  ])('refuses %s with a readable message', (_case, input) => {
    expect(() => parseAgents(input)).toThrow(/\[simulator\] invalid agents/);
  });
});
