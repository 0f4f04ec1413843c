/**
 * Where Desktop Chat connects, from the gadget's preferences (gadget.xml `UserPref`s, which the
 * Finesse desktop fills in; see docs/desktop-chat.md):
 *
 * - `externalServerHostAndPort_xmppPrimary`, `externalServerHostAndPort_xmppSecondary`: the IM
 *   servers as `host:port`. Their names start with `externalServerHostAndPort`, so Finesse rewrites
 *   them from its proxy-config map when the desktop is reached through a reverse proxy (Cisco Finesse
 *   VPN-less access): Desktop Chat then goes through the proxy too. A value may carry a path prefix
 *   (`proxy.example.com:443/imp`) or a scheme, as the chat server's preference may.
 * - `xmppTransport`: `bosh` (default; Cisco IM and Presence serves browsers over BOSH, XEP-0206) or
 *   `websocket` (RFC 7395).
 * - `xmppPath`: the HTTP path, after any prefix; default Prosody's `/http-bind` (BOSH) or
 *   `/xmpp-websocket` (WebSocket).
 * - `xmppSecure`: `true` for https/wss, `false` for http/ws; default the gadget page's own scheme.
 * - `xmppImDomain`: the IM (XMPP) domain; default the primary server's host name. (Not `xmppDomain`:
 *   the Finesse container sets that one to its own notification domain for every gadget.)
 *
 * Desktop Chat is off (no header button) without a primary server. Values that are not what they
 * should be throw a ProxyPrefError naming the preference, so the panel can say what is wrong.
 */
import {
  ProxyPrefError,
  readGadgetPref,
  serverUrlFromPref,
  type GadgetPrefsSource,
} from '../../sdk/index.ts';
import type { DesktopChatService, DesktopChatTransport } from '../../sdk/desktop-chat/index.ts';

export const XMPP_PRIMARY_PREF = 'externalServerHostAndPort_xmppPrimary';
export const XMPP_SECONDARY_PREF = 'externalServerHostAndPort_xmppSecondary';
export const XMPP_TRANSPORT_PREF = 'xmppTransport';
export const XMPP_PATH_PREF = 'xmppPath';
export const XMPP_SECURE_PREF = 'xmppSecure';
export const XMPP_DOMAIN_PREF = 'xmppImDomain';

export const DEFAULT_PATHS: Readonly<Record<DesktopChatTransport, string>> = {
  bosh: '/http-bind',
  websocket: '/xmpp-websocket',
};

export interface DesktopChatConfig {
  readonly service: DesktopChatService;
  readonly transport: DesktopChatTransport;
  readonly domain: string;
}

function transportOf(value: string | null): DesktopChatTransport {
  if (value === null) return 'bosh';
  const lower = value.toLowerCase();
  if (lower === 'bosh' || lower === 'websocket') return lower;
  throw new ProxyPrefError(XMPP_TRANSPORT_PREF, value, 'it must be "bosh" or "websocket"');
}

function protocolOf(value: string | null, pageProtocol: string): string {
  if (value === null) return pageProtocol;
  const lower = value.toLowerCase();
  if (lower === 'true') return 'https:';
  if (lower === 'false') return 'http:';
  throw new ProxyPrefError(XMPP_SECURE_PREF, value, 'it must be "true" or "false"');
}

function pathOf(value: string | null, transport: DesktopChatTransport): string {
  if (value === null) return DEFAULT_PATHS[transport];
  const path = value.startsWith('/') ? value : `/${value}`;
  if (/[\s\\?#]/.test(path) || path.includes('//') || /(^|\/)\.\.?(\/|$)/.test(path)) {
    throw new ProxyPrefError(XMPP_PATH_PREF, value, 'it must be a plain path such as /http-bind');
  }
  return path;
}

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** One server's URL: http(s) for BOSH, ws(s) for WebSocket. */
function serverUrl(
  pref: string,
  value: string,
  protocol: string,
  transport: DesktopChatTransport,
  path: string,
) {
  // An explicit scheme in the value wins over xmppSecure (an admin wrote it out in full).
  const base = serverUrlFromPref(pref, value, protocol);
  const url = `${base}${path}`;
  return transport === 'websocket' ? url.replace(/^http/, 'ws') : url;
}

/** Desktop Chat's settings, or null when no primary server is configured (Desktop Chat is off). */
export function readDesktopChatConfig(
  gadgets: GadgetPrefsSource | null | undefined,
  pageProtocol: string,
): DesktopChatConfig | null {
  const primary = readGadgetPref(gadgets, XMPP_PRIMARY_PREF);
  if (primary === null) return null;
  const secondary = readGadgetPref(gadgets, XMPP_SECONDARY_PREF);
  const transport = transportOf(readGadgetPref(gadgets, XMPP_TRANSPORT_PREF));
  const protocol = protocolOf(readGadgetPref(gadgets, XMPP_SECURE_PREF), pageProtocol);
  const path = pathOf(readGadgetPref(gadgets, XMPP_PATH_PREF), transport);
  const primaryUrl = serverUrl(XMPP_PRIMARY_PREF, primary, protocol, transport, path);
  const secondaryUrl =
    secondary === null ? undefined : serverUrl(XMPP_SECONDARY_PREF, secondary, protocol, transport, path);

  const domainPref = readGadgetPref(gadgets, XMPP_DOMAIN_PREF);
  const domain = (domainPref ?? new URL(primaryUrl).hostname).toLowerCase();
  if (!DOMAIN.test(domain)) {
    throw new ProxyPrefError(
      domainPref === null ? XMPP_PRIMARY_PREF : XMPP_DOMAIN_PREF,
      domainPref ?? primary,
      `"${domain}" is not an XMPP domain name${domainPref === null ? ': set xmppImDomain' : ''}`,
    );
  }
  return {
    service: secondaryUrl ? { primary: primaryUrl, secondary: secondaryUrl } : { primary: primaryUrl },
    transport,
    domain,
  };
}
