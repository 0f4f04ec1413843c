/**
 * Where a gadget's servers are, read from the preferences Finesse hands it (VPN-less access, docs/requirements.md).
 *
 * Finesse rewrites every UserPref whose name starts with `externalServerHostAndPort` from the
 * proxy-config map when the desktop is reached through the reverse proxy, and leaves the gadget.xml
 * default on the LAN; so the preference, not the page, says where the gadget's own server is. Finesse
 * resources go to `externalServerHost` (`up_externalServerHost=https://<host>:8445`) when the
 * desktop passes it, else to the page's own origin (the gadget iframe is served by Finesse).
 * Preferences arrive as `new gadgets.Prefs().getString(name)` or as the `up_<name>` URL parameter
 * (`gadgets.util.getUrlParameters()`); see docs/requirements.md, "The gadget in the Finesse desktop".
 */
import { HybridChatError } from './errors.ts';
import { formatHostPort, parseHostPort } from './proxyMap.ts';

/** The chat server's preference in our gadget.xml. */
export const CHAT_SERVER_PREF = 'externalServerHostAndPort_chat';
/** The Finesse server as the desktop reaches it (through the proxy when there is one). */
export const FINESSE_HOST_PREF = 'externalServerHost';

/** The parts of Shindig's `gadgets` global this module reads; any of them may be missing. */
export interface GadgetPrefsSource {
  Prefs?: new () => { getString(name: string): string };
  util?: { getUrlParameters(): Record<string, string | undefined> };
}

/** The page the gadget runs in (`location`). */
export interface PageLocation {
  protocol: string;
  origin: string;
}

/** A preference value that is not a server address. */
export class ProxyPrefError extends HybridChatError {
  readonly pref: string;
  readonly value: string;

  constructor(pref: string, value: string, reason: string) {
    super(
      'PROXY_MAP',
      `gadget preference ${pref}=${JSON.stringify(value)} is not a server address: ${reason}`,
    );
    this.name = 'ProxyPrefError';
    this.pref = pref;
    this.value = value;
  }
}

/** A preference as Finesse passes it, trimmed; null when neither source has a value. */
export function readGadgetPref(gadgets: GadgetPrefsSource | null | undefined, name: string): string | null {
  let value = '';
  try {
    // Typed as a string, but a container's Prefs may answer undefined for an undeclared pref.
    const got: unknown = gadgets?.Prefs ? new gadgets.Prefs().getString(name) : '';
    value = typeof got === 'string' ? got : '';
  } catch {
    // A container without the prefs feature throws here; the URL parameter carries the same value.
  }
  if (!value.trim()) {
    try {
      value = gadgets?.util?.getUrlParameters()[`up_${name}`] ?? '';
    } catch {
      value = '';
    }
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * A base URL (no trailing slash) from a preference value: `host:port`, `host` (the scheme's default
 * port), either with a path prefix (`proxy.example.com:443/chat`), or a full `http(s)://…` URL.
 * Without a scheme the page's is used, so an https desktop never loads mixed content.
 */
export function serverUrlFromPref(pref: string, value: string, pageProtocol: string): string {
  const text = value.trim();
  const fail = (reason: string): never => {
    throw new ProxyPrefError(pref, value, reason);
  };
  if (text === '') fail('it is empty');
  if (/[\s\\?#@]/.test(text)) fail('it may not contain spaces, "\\", "?", "#" or "@"');

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const scheme = schemeMatch ? `${(schemeMatch[1] ?? '').toLowerCase()}:` : pageProtocol.toLowerCase();
  const defaultPort = DEFAULT_PORTS[scheme];
  if (defaultPort === undefined) {
    fail(schemeMatch ? `scheme ${scheme} is not http: or https:` : `page scheme ${scheme} is not http(s)`);
  }
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = (slash === -1 ? '' : rest.slice(slash)).replace(/\/+$/, '');
  if (prefix.includes('//') || /(^|\/)\.\.?(\/|$)/.test(prefix)) fail(`bad path "${prefix}"`);

  // `host` alone is a `host:port` on the scheme's default port; parseHostPort checks the rest.
  const hasPort = authority.startsWith('[') ? /\]:/.test(authority) : authority.includes(':');
  const parsed = parseHostPort(hasPort ? authority : `${authority}:${defaultPort}`);
  if (!parsed.ok) return fail(parsed.message);
  const hostPort = hasPort ? formatHostPort(parsed.value) : formatHostPort(parsed.value).replace(/:\d+$/, '');
  return `${scheme}//${hostPort}${prefix}`;
}

/**
 * The base URL of the server behind an `externalServerHostAndPort…` preference (default: the chat
 * server's), or null when the gadget has no such preference. Throws ProxyPrefError for a value that
 * is not an address, so that a broken map or gadget.xml is reported instead of dialled.
 */
export function resolveExternalServerUrl(
  gadgets: GadgetPrefsSource | null | undefined,
  page: Pick<PageLocation, 'protocol'>,
  pref: string = CHAT_SERVER_PREF,
): string | null {
  const value = readGadgetPref(gadgets, pref);
  return value === null ? null : serverUrlFromPref(pref, value, page.protocol);
}

/**
 * The base URL for Finesse resources (REST, finesse.js): `externalServerHost` when the desktop gives
 * it, else the page's origin. Throws ProxyPrefError when the desktop gives garbage.
 */
export function resolveFinesseBaseUrl(
  gadgets: GadgetPrefsSource | null | undefined,
  page: PageLocation,
): string {
  const value = readGadgetPref(gadgets, FINESSE_HOST_PREF);
  return value === null ? page.origin : serverUrlFromPref(FINESSE_HOST_PREF, value, page.protocol);
}
