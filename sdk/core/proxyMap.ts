import { HybridChatError } from './errors.ts';

/**
 * The reverse-proxy (VPN-less) mapping file: one `internalhost:port=externalhost:port` per line.
 * Finesse replaces the `host:port` of every UserPref named `externalServerHostAndPort…` with the
 * right-hand side of the matching line when the desktop is reached through the proxy.
 * See docs/requirements.md, "Proxy-config map" and "Gadget preferences".
 */

/** A parsed `host:port`. `host` is lowercased; an IPv6 host is stored without its brackets. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ProxyMapEntry {
  readonly internal: HostPort;
  readonly external: HostPort;
  /** 1-based line number in the source text. */
  readonly line: number;
}

export interface ProxyMap {
  readonly entries: readonly ProxyMapEntry[];
  /** internal `host:port` → external `host:port`, or null when unmapped or not a `host:port`. */
  lookup(hostPort: string): string | null;
  /** external `host:port` → internal `host:port` (the first line that maps to it), or null. */
  reverse(hostPort: string): string | null;
  /** The mapped value of a `host:port`, or `value` unchanged when it is not mapped. */
  substitute(value: string): string;
}

export interface ProxyMapIssue {
  readonly line: number;
  readonly lineText: string;
  readonly message: string;
}

/** The map text is invalid. Every bad line is listed in `errors`; `line`/`lineText` are the first. */
export class ProxyMapError extends HybridChatError {
  readonly line: number;
  readonly lineText: string;
  readonly errors: readonly ProxyMapIssue[];

  constructor(errors: readonly ProxyMapIssue[]) {
    const first = errors[0] ?? { line: 0, lineText: '', message: 'invalid proxy map' };
    const message =
      errors.length <= 1
        ? `proxy map line ${first.line}: ${first.message}`
        : `proxy map has ${errors.length} problems:\n` +
          errors.map((issue) => `  line ${issue.line}: ${issue.message}`).join('\n');
    super('PROXY_MAP', message);
    this.name = 'ProxyMapError';
    this.line = first.line;
    this.lineText = first.lineText;
    this.errors = errors;
  }
}

/** `host:port`, bracketing IPv6 hosts (RFC 3986 §3.2.2). */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// RFC 1123 §2.1: letters, digits, hyphens; 1–63 characters; no hyphen at either end.
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

function isIPv4(host: string): boolean {
  const octets = host.split('.');
  return octets.length === 4 && octets.every((octet) => IPV4_OCTET.test(octet));
}

function isHostname(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  if (!labels.every((label) => HOST_LABEL.test(label))) return false;
  // An all-numeric name is an IPv4 address or nothing (RFC 1123 §2.1: "1.2.3.999" is not a host).
  return !labels.every((label) => /^\d+$/.test(label));
}

/** RFC 4291 §2.2 text forms, including `::` compression and a trailing dotted IPv4. No zone ids. */
function isIPv6(host: string): boolean {
  const halves = host.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let width = groups.length;
  const last = groups.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups.pop();
    width += 1;
  }
  if (!groups.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? width < 8 : width === 8;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parsePort(text: string, whole: string): Parsed<number> {
  if (text === '') return { ok: false, message: `missing port in "${whole}"` };
  if (!/^\d+$/.test(text)) return { ok: false, message: `port "${text}" is not a number` };
  const port = Number(text);
  if (port < 1 || port > 65535) {
    return { ok: false, message: `port ${text} is out of range 1..65535` };
  }
  return { ok: true, value: port };
}

/** Parses one side of a map line (already trimmed). */
export function parseHostPort(text: string): Parsed<HostPort> {
  const lower = text.toLowerCase();
  let host: string;
  let rest: string;
  if (lower.startsWith('[')) {
    const close = lower.indexOf(']');
    if (close === -1) return { ok: false, message: `unclosed "[" in "${text}"` };
    host = lower.slice(1, close);
    if (!isIPv6(host)) return { ok: false, message: `bad IPv6 address "${host}"` };
    rest = lower.slice(close + 1);
    if (rest === '' || rest === ':') return { ok: false, message: `missing port in "${text}"` };
    if (!rest.startsWith(':')) return { ok: false, message: `unexpected "${rest}" after "]"` };
    rest = rest.slice(1);
  } else {
    const colon = lower.lastIndexOf(':');
    if (colon === -1) return { ok: false, message: `missing port in "${text}"` };
    host = lower.slice(0, colon);
    rest = lower.slice(colon + 1);
    if (host.includes(':')) {
      const hint = isIPv6(host) || isIPv6(lower) ? ' (write IPv6 as [addr]:port)' : '';
      return { ok: false, message: `bad host "${host}"${hint}` };
    }
    if (host === '') return { ok: false, message: `missing host in "${text}"` };
    if (!isIPv4(host) && !isHostname(host)) return { ok: false, message: `bad host "${host}"` };
  }
  const port = parsePort(rest, text);
  return port.ok ? { ok: true, value: { host, port: port.value } } : port;
}

/** Parses the whole mapping file. Throws one ProxyMapError listing every bad line. */
export function parseProxyMap(text: string): ProxyMap {
  const entries: ProxyMapEntry[] = [];
  const issues: ProxyMapIssue[] = [];
  const forward = new Map<string, ProxyMapEntry>();
  const backward = new Map<string, ProxyMapEntry>();

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    const report = (message: string) => issues.push({ line, lineText, message });
    const hash = lineText.indexOf('#');
    const content = (hash === -1 ? lineText : lineText.slice(0, hash)).trim();
    if (content === '') return;

    const sides = content.split('=');
    if (sides.length === 1) return report(`missing "=" in "${content}"`);
    if (sides.length > 2) return report(`more than one "=" in "${content}"`);
    const [left = '', right = ''] = sides.map((side) => side.trim());
    if (left === '') return report('empty left side (internal host:port)');
    if (right === '') return report('empty right side (external host:port)');

    const internal = parseHostPort(left);
    const external = parseHostPort(right);
    if (!internal.ok) report(`internal side: ${internal.message}`);
    if (!external.ok) report(`external side: ${external.message}`);
    if (!internal.ok || !external.ok) return;

    const key = formatHostPort(internal.value);
    const previous = forward.get(key);
    if (previous) return report(`duplicate internal ${key} (first on line ${previous.line})`);
    const entry: ProxyMapEntry = Object.freeze({
      internal: Object.freeze(internal.value),
      external: Object.freeze(external.value),
      line,
    });
    entries.push(entry);
    forward.set(key, entry);
    const externalKey = formatHostPort(external.value);
    if (!backward.has(externalKey)) backward.set(externalKey, entry);
  });

  if (issues.length > 0) throw new ProxyMapError(issues);

  const find = (table: Map<string, ProxyMapEntry>, hostPort: string) => {
    const parsed = parseHostPort(hostPort.trim());
    return parsed.ok ? table.get(formatHostPort(parsed.value)) : undefined;
  };
  const lookup = (hostPort: string) => {
    const entry = find(forward, hostPort);
    return entry ? formatHostPort(entry.external) : null;
  };
  return {
    entries: Object.freeze(entries),
    lookup,
    reverse(hostPort) {
      const entry = find(backward, hostPort);
      return entry ? formatHostPort(entry.internal) : null;
    },
    substitute: (value) => lookup(value) ?? value,
  };
}
