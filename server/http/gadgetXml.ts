/**
 * `/gadget.xml`: the top-level template with its preference defaults filled from config.
 * `externalServerHostAndPort_chat` defaults to the configured CHAT_HOST_PORT, else to the Host
 * the desktop used to fetch the gadget (on the LAN that is the chat server's own address).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HOST_PORT = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function createGadgetXml(rootDir: string, configuredHostPort: string | undefined, fallback: string) {
  const template = readFileSync(join(rootDir, 'gadget.xml'), 'utf8');
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
