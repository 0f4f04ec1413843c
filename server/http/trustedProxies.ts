/**
 * Which peers may speak for the browser with `X-Forwarded-*` (TRUSTED_PROXIES). Behind a reverse
 * proxy (VPN-less access, docs/requirements.md) the Host, scheme and client address the browser used arrive in
 * X-Forwarded-Host/-Proto/-For; from anyone else those headers are forged, so they are believed
 * only when the connection's peer is a configured proxy address or network. The same rule serves
 * Fastify (`trustProxy`: request.host, request.protocol, request.ip) and the socket.io handshake,
 * which sees the raw Node request.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export interface ProxyTrust {
  /** Fastify's `trustProxy`: false (ignore every X-Forwarded-*) when no proxy is configured. */
  readonly fastify: false | ((address: string, hop: number) => boolean);
  trusts(address: string | undefined): boolean;
  /** The Host the browser used: X-Forwarded-Host from a trusted peer, else the Host header. */
  host(request: IncomingMessage): string | undefined;
  /** `http`/`https` from a trusted peer's X-Forwarded-Proto; undefined when none says. */
  forwardedProtocol(request: IncomingMessage): 'http' | 'https' | undefined;
  /**
   * The client's address, as Fastify's `request.ip` gives it: the peer, or while the peer is a
   * trusted proxy the X-Forwarded-For hop before it (for the socket handshake, which Fastify does not see).
   */
  clientAddress(request: IncomingMessage): string;
}

type Rule = { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' };

/** `10.0.0.7`, `10.0.0.0/8`, `fd00::/8`, `::1`; null when the entry is neither an IP nor a CIDR. */
export function parseTrustedProxy(entry: string): Rule | null {
  const [address = '', prefixText, extra] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= (version === 4 ? 32 : 128) ? { address, prefix, family } : null;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** The last value of a header a chain of proxies may have appended to (`a, b` or repeated). */
function lastValue(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const value = joined?.split(',').at(-1)?.trim();
  return value || undefined;
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** `entries` are already validated (config.ts rejects anything parseTrustedProxy does not take). */
export function createProxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList();
  for (const entry of entries) {
    const rule = parseTrustedProxy(entry);
    if (!rule) throw new Error(`[hybrid-chat] TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    if (rule.prefix === null) list.addAddress(rule.address, rule.family);
    else list.addSubnet(rule.address, rule.prefix, rule.family);
  }
  const trusts = (address: string | undefined): boolean => {
    if (!address || entries.length === 0) return false;
    const plain = unmapped(address);
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
  const fromProxy = (request: IncomingMessage) => trusts(request.socket.remoteAddress);

  return {
    // Every hop of X-Forwarded-For is checked against the same list (proxy-addr's walk).
    fastify: entries.length === 0 ? false : (address) => trusts(address),
    trusts,
    host(request) {
      const forwarded = fromProxy(request) ? lastValue(request.headers['x-forwarded-host']) : undefined;
      return forwarded && HOST.test(forwarded) ? forwarded.toLowerCase() : request.headers.host;
    },
    clientAddress(request) {
      let address = unmapped(request.socket.remoteAddress ?? '');
      const forwarded = request.headers['x-forwarded-for'];
      const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
      // From the right: each hop a trusted proxy added names who connected to it.
      while (trusts(address) && hops.length > 0) {
        const hop = hops.pop()?.trim();
        if (hop && isIP(unmapped(hop)) !== 0) address = unmapped(hop);
        else break;
      }
      return address;
    },
    forwardedProtocol(request) {
      if (!fromProxy(request)) return undefined;
      const proto = lastValue(request.headers['x-forwarded-proto'])?.toLowerCase();
      return proto === 'http' || proto === 'https' ? proto : undefined;
    },
  };
}
