/**
 * `/gadget.xml`: the top-level template with its preference defaults filled from config.
 * `externalServerHostAndPort_chat` defaults to the configured CHAT_HOST_PORT, else to the Host
 * the desktop used to fetch the gadget (on the LAN that is the chat server's own address). The
 * Desktop Chat prefs (`%XMPP_…%`, server/http/desktopChatPrefs.ts) come from the XMPP_* config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desktopChatPrefDefaults, type DesktopChatPrefDefaults } from './desktopChatPrefs.ts';

const HOST_PORT = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function createGadgetXml(
  rootDir: string,
  configuredHostPort: string | undefined,
  fallback: string,
  desktopChat: DesktopChatPrefDefaults = desktopChatPrefDefaults({}),
) {
  let template = readFileSync(join(rootDir, 'gadget.xml'), 'utf8');
  // Validated by config.ts: host:port, enums, a path and a domain, none with XML metacharacters.
  for (const [placeholder, value] of Object.entries(desktopChat)) {
    template = template.replaceAll(placeholder, value);
  }
  if (configuredHostPort !== undefined && !HOST_PORT.test(configuredHostPort)) {
    throw new Error(
      `[hybrid-chat] CHAT_HOST_PORT must be host:port, got ${JSON.stringify(configuredHostPort)}`,
    );
  }
  return (requestHost: string | undefined): string => {
    const hostPort =
      configuredHostPort ??
      (requestHost !== undefined && HOST_PORT.test(requestHost) ? requestHost : fallback);
    // HOST_PORT admits no XML metacharacters, so the value is safe inside the attribute.
    return template.replaceAll('%CHAT_HOST_PORT%', hostPort);
  };
}
