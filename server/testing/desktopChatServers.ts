/**
 * Desktop Chat's IM servers for the demo (`npm start`) and the e2e tests: one Prosody, or two that
 * share their users (a Cisco IM and Presence node pair: the same accounts registered in both, so an
 * agent signs in to either), each a throwaway server (prosodyServer.ts). The Finesse agents become
 * IM users (their Finesse id, their demo password) and each Finesse team a shared roster group:
 * every member has every other in the team's group with a mutual subscription (RFC 6121), made over
 * XMPP by the members themselves, so the rosters are the server's own stored data.
 */
import { client, xml, type XmppClient, type XmppElement } from '@xmpp/client';
import type { Agent } from '../../simulator/agents.ts';
import { startProsody, type ProsodyServer } from './prosodyServer.ts';

export interface ImAccount {
  readonly username: string;
  readonly password: string;
  /** The display name colleagues see (the roster item's name). */
  readonly name: string;
  /** Roster groups this user is in, e.g. the Finesse team's name. */
  readonly groups: readonly string[];
}

export interface StartImServersOptions {
  readonly domain: string;
  readonly accounts: readonly ImAccount[];
  /** Start a second server with the same accounts and rosters (failover). Default false. */
  readonly secondary?: boolean;
}

export interface ImServers {
  readonly domain: string;
  readonly primary: ProsodyServer;
  readonly secondary: ProsodyServer | undefined;
  /** Stops every server started here (each by its PID). */
  stop(): Promise<void>;
}

/**
 * The agents as IM users: the Finesse login id (Cisco IM and Presence users are the Unified CM users
 * the agents sign in as; the chat server's agent directory gives `<id>@<domain>` too), the demo
 * password, and the groups of the agent's team and of the teams a supervisor supervises.
 */
export function imAccountsOf(agents: readonly Agent[]): ImAccount[] {
  return agents.map((agent) => ({
    username: agent.id.toLowerCase(),
    password: agent.password,
    name: `${agent.firstName} ${agent.lastName}`,
    groups: [...new Set([agent.teamName, ...agent.supervisedTeams.map((team) => team.name)])],
  }));
}

const ROSTER = 'jabber:iq:roster';

async function signIn(server: ProsodyServer, domain: string, account: ImAccount): Promise<XmppClient> {
  const xmpp = client({
    service: server.service,
    domain,
    username: account.username,
    password: account.password,
    resource: 'roster-setup',
  });
  xmpp.reconnect.stop();
  // A colleague asking to see our presence is approved (RFC 6121 section 3.1.4).
  xmpp.on('stanza', (stanza: XmppElement) => {
    if (stanza.is('presence') && stanza.attrs['type'] === 'subscribe' && stanza.attrs['from']) {
      void xmpp.send(xml('presence', { to: stanza.attrs['from'], type: 'subscribed' })).catch(() => {});
    }
  });
  await xmpp.start();
  await xmpp.send(xml('presence'));
  return xmpp;
}

async function rosterOf(xmpp: XmppClient): Promise<Map<string, string>> {
  const result = await xmpp.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: ROSTER })));
  const items = result.getChild('query', ROSTER)?.getChildren('item') ?? [];
  return new Map(items.map((item) => [item.attrs['jid'] ?? '', item.attrs['subscription'] ?? 'none']));
}

/**
 * Puts the members of each group in each other's rosters with a mutual subscription. Idempotent:
 * a contact already there is set again with the same name and groups.
 */
export async function shareGroupRosters(
  server: ProsodyServer,
  domain: string,
  accounts: readonly ImAccount[],
  timeoutMs = 15_000,
): Promise<void> {
  const jid = (account: ImAccount) => `${account.username}@${domain}`;
  const sessions = await Promise.all(accounts.map((account) => signIn(server, domain, account)));
  try {
    const wanted = accounts.map((account) =>
      accounts.filter(
        (other) => other !== account && other.groups.some((group) => account.groups.includes(group)),
      ),
    );
    await Promise.all(
      accounts.map(async (account, index) => {
        const xmpp = sessions[index];
        for (const colleague of wanted[index] ?? []) {
          const shared = colleague.groups.filter((group) => account.groups.includes(group));
          await xmpp?.iqCaller.request(
            xml(
              'iq',
              { type: 'set' },
              xml(
                'query',
                { xmlns: ROSTER },
                xml(
                  'item',
                  { jid: jid(colleague), name: colleague.name },
                  ...shared.map((group) => xml('group', {}, group)),
                ),
              ),
            ),
          );
          await xmpp?.send(xml('presence', { to: jid(colleague), type: 'subscribe' }));
        }
      }),
    );
    // Done when every member sees every colleague with subscription "both".
    const deadline = Date.now() + timeoutMs;
    for (const [index, account] of accounts.entries()) {
      const xmpp = sessions[index];
      if (!xmpp) continue;
      for (;;) {
        const roster = await rosterOf(xmpp);
        const missing = (wanted[index] ?? []).filter((colleague) => roster.get(jid(colleague)) !== 'both');
        if (missing.length === 0) break;
        if (Date.now() > deadline) {
          throw new Error(
            `[prosody] roster of ${jid(account)}: no mutual subscription with ${missing.map(jid).join(', ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await Promise.all(sessions.map((xmpp) => xmpp.stop().catch(() => {})));
  }
}

/** Starts the server(s), registers the accounts in each and shares the groups' rosters. */
export async function startImServers(options: StartImServersOptions): Promise<ImServers> {
  const users = options.accounts.map(({ username, password }) => ({ username, password }));
  const started: ProsodyServer[] = [];
  const stop = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  try {
    const count = options.secondary ? 2 : 1;
    const starting = Array.from({ length: count }, () => startProsody({ domain: options.domain, users }));
    const results = await Promise.allSettled(starting);
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(started.map((server) => shareGroupRosters(server, options.domain, options.accounts)));
  } catch (error) {
    await stop();
    throw error;
  }
  const [primary, secondary] = started;
  if (!primary) throw new Error('[prosody] no server started');
  return { domain: options.domain, primary, secondary, stop };
}
