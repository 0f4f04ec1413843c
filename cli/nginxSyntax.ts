/**
 * Small helpers for writing nginx configuration text safely: quoting of values that come from the
 * command line, and names nginx accepts for upstreams.
 */
import { formatHostPort, parseHostPort, type HostPort } from '../sdk/core/proxyMap.ts';
import { usageError } from './cliError.ts';

/** A path or size from the command line as one nginx token, quoted when it has to be. */
export function nginxValue(value: string, option: string): string {
  // `$` starts a variable in many directives, quotes and backslashes would need escaping rules that
  // differ between directives: refuse them rather than emit a config that means something else.
  const control = [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (value === '' || control || /[$"'\\]/.test(value)) {
    throw usageError(
      `${option} ${JSON.stringify(value)}: empty or contains $, quotes, backslashes or control characters`,
    );
  }
  return /[\s;{}#]/.test(value) ? `"${value}"` : value;
}

/** `127.0.0.1`, `::1` or `[::1]` → the address part of a `listen` directive. */
export function listenAddress(value: string): string {
  const bracketed = value.includes(':') && !value.startsWith('[') ? `[${value}]` : value;
  const parsed = parseHostPort(`${bracketed}:1`);
  if (!parsed.ok) throw usageError(`--listen ${value}: ${parsed.message.replace(/:1"/, '"')}`);
  const text = formatHostPort(parsed.value);
  return text.slice(0, text.lastIndexOf(':'));
}

/** `listen` argument: `443`, `127.0.0.1:443` or `[::1]:443`. */
export function listenOn(address: string | undefined, port: number): string {
  return address === undefined ? String(port) : `${address}:${port}`;
}

/** Readable, unique upstream names: `hybrid_chat_<kind>_<host>_<port>` with a suffix on collision. */
export function createUpstreamNamer(): (kind: string, external: HostPort) => string {
  const used = new Set<string>();
  return (kind, external) => {
    const base = `hybrid_chat_${kind}_${external.host.replace(/[^a-z0-9]+/g, '_')}_${external.port}`;
    let name = base;
    for (let n = 2; used.has(name); n += 1) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
}

/** True for an IPv4 or IPv6 literal: clients send no SNI for those (RFC 6066 §3). */
export function isIpLiteral(host: string): boolean {
  return host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}
