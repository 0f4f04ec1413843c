/**
 * The IM servers of the demo and the e2e tests: two Prosody servers sharing the demo agents'
 * accounts, each Finesse team a shared roster group with mutual subscriptions on both.
 */
import { client, xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentsFile } from '../../simulator/agents.ts';
import { imAccountsOf, startImServers, type ImServers } from './desktopChatServers.ts';
import type { ProsodyServer } from './prosodyServer.ts';

const agents = loadAgentsFile();
const accounts = imAccountsOf(agents);
let servers: ImServers;

beforeAll(async () => {
  servers = await startImServers({ domain: 'pair.test', accounts, secondary: true });
}, 40_000);
afterAll(() => servers?.stop());

async function rosterOn(server: ProsodyServer, username: string, password: string) {
  const xmpp = client({ service: server.service, domain: 'pair.test', username, password });
  xmpp.reconnect.stop();
  await xmpp.start();
  try {
    const result = await xmpp.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    );
    return (result.getChild('query', 'jabber:iq:roster')?.getChildren('item') ?? []).map((item) => ({
      jid: item.attrs['jid'],
      name: item.attrs['name'],
      subscription: item.attrs['subscription'],
      groups: item.getChildren('group').map((group) => group.text()),
    }));
  } finally {
    await xmpp.stop();
  }
}

describe('startImServers', () => {
  it('maps the agents to IM accounts: Finesse id, demo password, team groups (supervisors: theirs too)', () => {
    expect(accounts.find((account) => account.username === '1001')).toEqual({
      username: '1001',
      password: 'pass1001',
      name: 'María González',
      groups: ['Retail Banking'],
    });
    expect(accounts.find((account) => account.username === '1005')?.groups).toEqual([
      'Retail Banking',
      'Card Services',
    ]);
  });

  it('registers every agent on both servers with the same team rosters', async () => {
    expect(servers.secondary).toBeDefined();
    for (const server of [servers.primary, servers.secondary!]) {
      const roster = await rosterOn(server, '1001', 'pass1001');
      expect(roster).toEqual(
        expect.arrayContaining([
          {
            jid: '1002@pair.test',
            name: "James O'Brien",
            subscription: 'both',
            groups: ['Retail Banking'],
          },
          {
            jid: '1005@pair.test',
            name: 'Sophie Dubois',
            subscription: 'both',
            groups: ['Retail Banking'],
          },
        ]),
      );
      // Not in her team: not in her roster.
      expect(roster.map((item) => item.jid)).not.toContain('1003@pair.test');
      const supervisor = await rosterOn(server, '1005', 'pass1005');
      expect(supervisor.find((item) => item.jid === '1003@pair.test')?.groups).toEqual(['Card Services']);
    }
  }, 20_000);

  it('refuses a wrong password on either server', async () => {
    const xmpp = client({
      service: servers.secondary!.service,
      domain: 'pair.test',
      username: '1001',
      password: 'wrong',
    });
    xmpp.reconnect.stop();
    await expect(xmpp.start()).rejects.toThrow(/not-authorized/);
    await xmpp.stop().catch(() => {});
  });
});
