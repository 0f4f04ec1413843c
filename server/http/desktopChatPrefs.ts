/**
 * The Desktop Chat defaults of gadget.xml (docs/desktop-chat.md, "Preferences"): the IM servers the
 * gadget's Desktop Chat connects to, from the chat server's XMPP_* environment. Each fills one
 * `%XMPP_…%` placeholder of a hidden UserPref; an unset variable leaves the default empty, and an
 * empty `externalServerHostAndPort_xmppPrimary` turns Desktop Chat off in the gadget. A Finesse
 * administrator's "Desktop Chat Server Settings" (the simulator's ChatConfig) override these.
 */
import { z } from 'zod';
import { formatHostPort, parseHostPort } from '../../sdk/core/proxyMap.ts';

const hostPort = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parseHostPort(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `host:port of the IM server (${parsed.message})` });
      return z.NEVER;
    }
    return formatHostPort(parsed.value);
  });

/** The XMPP_* variables, validated with the rest of the server's environment (config.ts). */
export const desktopChatEnvSchema = z.object({
  /** host:port of the primary IM server (Cisco IM and Presence, or Prosody): its BOSH/WebSocket port. */
  XMPP_PRIMARY: hostPort.optional(),
  /** host:port of the secondary, used only when the primary cannot be reached. */
  XMPP_SECONDARY: hostPort.optional(),
  XMPP_TRANSPORT: z.enum(['bosh', 'websocket']).optional(),
  /** The HTTP path of BOSH or WebSocket; default /http-bind (bosh) or /xmpp-websocket (websocket). */
  XMPP_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]{0,200}$/, 'an absolute path such as /http-bind')
    .optional(),
  /** true: https/wss; false: http/ws; unset: the scheme of the page the gadget is in. */
  XMPP_SECURE: z.enum(['true', 'false']).optional(),
  /** The XMPP domain of the agents' addresses; unset: the host part of XMPP_PRIMARY. */
  XMPP_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'a domain name such as im.example.com')
    .optional(),
});

export type DesktopChatEnv = z.infer<typeof desktopChatEnvSchema>;

/** The gadget.xml placeholders and the values they get (empty: the gadget's own default). */
export type DesktopChatPrefDefaults = Readonly<Record<`%XMPP_${string}%`, string>>;

/** Cross-field checks, as messages in config.ts's "NAME: problem" form. */
export function desktopChatEnvProblems(env: DesktopChatEnv): string[] {
  const problems: string[] = [];
  // XMPP_DOMAIN alone is fine: the servers may come from Finesse's Desktop Chat Server Settings.
  const others = (['XMPP_SECONDARY', 'XMPP_TRANSPORT', 'XMPP_PATH', 'XMPP_SECURE'] as const).filter(
    (name) => env[name] !== undefined,
  );
  if (env.XMPP_PRIMARY === undefined && others.length > 0) {
    problems.push(`${others[0]}: Desktop Chat needs XMPP_PRIMARY (host:port of the primary IM server) too`);
  }
  if (env.XMPP_PRIMARY !== undefined && env.XMPP_PRIMARY === env.XMPP_SECONDARY) {
    problems.push('XMPP_SECONDARY: the same server as XMPP_PRIMARY; leave it unset or name the other node');
  }
  return problems;
}

export function desktopChatPrefDefaults(env: DesktopChatEnv): DesktopChatPrefDefaults {
  // Every value passed the schemas above: no XML metacharacters, safe inside an attribute.
  return {
    '%XMPP_PRIMARY%': env.XMPP_PRIMARY ?? '',
    '%XMPP_SECONDARY%': env.XMPP_SECONDARY ?? '',
    '%XMPP_TRANSPORT%': env.XMPP_TRANSPORT ?? '',
    '%XMPP_PATH%': env.XMPP_PATH ?? '',
    '%XMPP_SECURE%': env.XMPP_SECURE ?? '',
    '%XMPP_DOMAIN%': env.XMPP_DOMAIN?.toLowerCase() ?? '',
  };
}
