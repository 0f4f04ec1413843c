/**
 * Desktop Chat in the demo (`npm start`, docs/desktop-chat.md): a Prosody on this machine as the IM
 * server when Debian's `prosody` is installed, the demo agents registered with their demo passwords
 * and each Finesse team a shared roster group (server/testing/desktopChatServers.ts); the chat server
 * then fills the gadget's Desktop Chat prefs from XMPP_PRIMARY and XMPP_DOMAIN. Without Prosody, one
 * line says how to get it. An XMPP_PRIMARY already set names the IM server to use: none is started.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { loadAgentsFile } from '../simulator/agents.ts';
import { imAccountsOf, startImServers, type ImServers } from '../server/testing/desktopChatServers.ts';

export interface DemoDesktopChatOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where `prosody` and `prosodyctl` are. Default /usr/bin. */
  readonly binDir?: string;
  /** The XMPP domain of the demo agents' addresses. Default `localhost`. */
  readonly domain?: string;
}

export interface DemoDesktopChat {
  /** Environment for the chat server (XMPP_*); empty when Desktop Chat stays off. */
  readonly env: Record<string, string>;
  /** What to tell the person running the demo (one line). */
  readonly message: string;
  /** Stops the Prosody started here, if any. */
  stop(): Promise<void>;
}

const off = (message: string): DemoDesktopChat => ({ env: {}, message, stop: async () => {} });

export async function demoDesktopChat(options: DemoDesktopChatOptions): Promise<DemoDesktopChat> {
  if (options.env['XMPP_PRIMARY']) {
    return off(`[hybrid-chat] Desktop Chat: the IM server at ${options.env['XMPP_PRIMARY']} (XMPP_PRIMARY)`);
  }
  const binDir = options.binDir ?? '/usr/bin';
  try {
    await access(join(binDir, 'prosody'), constants.X_OK);
  } catch {
    return off(
      '[hybrid-chat] Desktop Chat is off: install Prosody as its IM server (sudo apt-get install prosody) and run npm start again',
    );
  }
  const domain = options.domain ?? 'localhost';
  const agents = loadAgentsFile(options.env['SIM_AGENTS'] || undefined);
  const accounts = imAccountsOf(agents);
  let servers: ImServers;
  try {
    servers = await startImServers({ domain, accounts });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    return off(`[hybrid-chat] Desktop Chat is off: Prosody did not start (${reason})`);
  }
  const first = accounts[0];
  const example = first ? ` (e.g. ${first.username} / ${first.password})` : '';
  return {
    env: { XMPP_PRIMARY: `127.0.0.1:${servers.primary.httpPort}`, XMPP_DOMAIN: domain },
    message:
      `[hybrid-chat] Desktop Chat: Prosody at 127.0.0.1:${servers.primary.httpPort} (BOSH), ` +
      `agents sign in with their Finesse id and password${example}`,
    stop: () => servers.stop(),
  };
}
