/**
 * Finesse's "Desktop Chat Server Settings" (Cisco Finesse Administration Guide; the ChatConfig REST
 * object, `/finesse/api/ChatConfig`): the URLs of the primary and secondary IM servers, e.g.
 * `https://imp1.example.com:5280/httpbinding`. The desktop hands them to the Hybrid Chat gadget as
 * its Desktop Chat prefs (gadget.xml; docs/desktop-chat.md): host:port in the
 * `externalServerHostAndPort_xmpp…` prefs (rewritten from the proxy-config map behind a reverse
 * proxy), the scheme as `xmppTransport` and `xmppSecure`, the path as `xmppPath`. Cisco asks for
 * https URLs of BOSH; the simulator also takes http (tests, demo) and ws/wss (XMPP over WebSocket).
 * Empty settings leave the gadget's own defaults (the chat server's XMPP_* configuration).
 */
import { formatHostPort, parseHostPort } from '../sdk/core/proxyMap.ts';

export interface ChatServerSettings {
  /** The primary server's URL, or '' (not configured). */
  readonly primary: string;
  /** The secondary server's URL, or ''. */
  readonly secondary: string;
}

export class ChatConfigError extends Error {
  readonly field: 'primaryNode' | 'secondaryNode';
  readonly value: string;

  constructor(field: ChatConfigError['field'], value: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ChatConfigError';
    this.field = field;
    this.value = value;
  }
}

interface ServerUrl {
  readonly hostPort: string;
  readonly transport: 'bosh' | 'websocket';
  readonly secure: boolean;
  /** '' for `/` (the gadget's default path for the transport). */
  readonly path: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
const PATH = /^\/[A-Za-z0-9._~/-]{0,200}$/;

function parseServerUrl(field: ChatConfigError['field'], value: string): ServerUrl {
  const fail = (message: string): never => {
    throw new ChatConfigError(field, value, message);
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('not a URL (e.g. https://imp.example.com:5280/http-bind)');
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined)
    return fail('the scheme must be https or http (BOSH), wss or ws (WebSocket)');
  if (url.username || url.password || url.search || url.hash) {
    return fail('a server URL without user, query or fragment');
  }
  const hostPort = parseHostPort(`${url.hostname}:${url.port || defaultPort}`);
  if (!hostPort.ok) return fail(hostPort.message);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  if (path !== '' && !PATH.test(path)) return fail('the path may hold letters, digits and . _ ~ / -');
  return {
    hostPort: formatHostPort(hostPort.value),
    transport: url.protocol.startsWith('ws') ? 'websocket' : 'bosh',
    secure: url.protocol === 'https:' || url.protocol === 'wss:',
    path,
  };
}

/** Checks settings (trimmed); throws ChatConfigError naming the field. */
export function validateChatServerSettings(input: ChatServerSettings): ChatServerSettings {
  const settings = { primary: input.primary.trim(), secondary: input.secondary.trim() };
  if (settings.primary === '' && settings.secondary !== '') {
    throw new ChatConfigError('secondaryNode', settings.secondary, 'a secondary server needs a primary one');
  }
  const primary = settings.primary === '' ? null : parseServerUrl('primaryNode', settings.primary);
  const secondary = settings.secondary === '' ? null : parseServerUrl('secondaryNode', settings.secondary);
  if (primary && secondary) {
    // One set of prefs (transport, scheme, path) serves both: the two nodes must match in them.
    if (primary.transport !== secondary.transport || primary.secure !== secondary.secure) {
      throw new ChatConfigError('secondaryNode', settings.secondary, 'must use the scheme of the primary');
    }
    if (primary.path !== secondary.path) {
      throw new ChatConfigError('secondaryNode', settings.secondary, 'must use the path of the primary');
    }
    if (primary.hostPort === secondary.hostPort) {
      throw new ChatConfigError('secondaryNode', settings.secondary, 'is the primary server again');
    }
  }
  return settings;
}

/**
 * The gadget prefs for these settings; none when no primary is set (the gadget XML's defaults
 * stay). Settings must have passed validateChatServerSettings.
 */
export function desktopChatPrefs(settings: ChatServerSettings): Map<string, string> {
  if (settings.primary === '') return new Map();
  const primary = parseServerUrl('primaryNode', settings.primary);
  const secondary = settings.secondary === '' ? null : parseServerUrl('secondaryNode', settings.secondary);
  return new Map([
    ['externalServerHostAndPort_xmppPrimary', primary.hostPort],
    ['externalServerHostAndPort_xmppSecondary', secondary?.hostPort ?? ''],
    ['xmppTransport', primary.transport],
    // https/wss: always TLS. http/ws: the desktop page's scheme (empty pref), so that a desktop reached
    // through the TLS reverse proxy reaches the IM server through it over https too.
    ['xmppSecure', primary.secure ? 'true' : ''],
    ['xmppPath', primary.path],
  ]);
}

/** The simulator's current settings (admin API `PUT /finesse/api/ChatConfig`). */
export interface ChatConfigStore {
  get(): ChatServerSettings;
  /** Validates and saves; throws ChatConfigError and keeps the old settings on bad input. */
  set(settings: ChatServerSettings): ChatServerSettings;
  /** The gadget prefs of the current settings (see desktopChatPrefs). */
  prefs(): Map<string, string>;
}

export function createChatConfigStore(initial: Partial<ChatServerSettings> = {}): ChatConfigStore {
  let current = validateChatServerSettings({
    primary: initial.primary ?? '',
    secondary: initial.secondary ?? '',
  });
  return {
    get: () => current,
    set(settings) {
      current = validateChatServerSettings(settings);
      return current;
    },
    prefs: () => desktopChatPrefs(current),
  };
}
