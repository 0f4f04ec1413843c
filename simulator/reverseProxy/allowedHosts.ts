/**
 * The reverse proxies Finesse trusts (Cisco Finesse VPN-less access: `utils system reverse-proxy allowed-hosts add
 * <10.78.95.178,proxy.xyz.com>`): IP addresses or host names. Only a request whose TCP peer is one
 * of them may be treated as coming through the proxy, and only then are its `X-Forwarded-*`
 * headers believed.
 *
 * Kept simple on purpose: a host name is resolved forward (every address `dns.lookup` gives) when it
 * is added and again on every `refresh()` (the map poll does one each tick); the check itself is a
 * set lookup of the peer address, never DNS on the request path, and never reverse DNS.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { normalizeAddress } from './requestFacts.ts';

export type HostLookup = (name: string) => Promise<readonly string[]>;

export interface AllowedHostsLog {
  warn(details: object, message: string): void;
}

export interface AllowedHostEntry {
  /** As added (lower case). */
  readonly host: string;
  /** The addresses it stands for: itself for an IP, the last resolution for a name. */
  readonly addresses: readonly string[];
}

export interface AllowedProxyHosts {
  list(): AllowedHostEntry[];
  /** Validates every entry first (all or nothing), then adds the new ones and resolves names. */
  add(hosts: readonly string[]): Promise<AllowedHostEntry[]>;
  /** False when the host was not listed. */
  remove(host: string): boolean;
  clear(): void;
  /** Resolves every host name again; a failed lookup keeps the addresses it had. */
  refresh(): Promise<void>;
  /** Whether this peer address is one of the allowed proxies. */
  allows(peerAddress: string): boolean;
}

/** An invalid entry; `statusCode` is what `/sim/api` answers. */
export class AllowedHostError extends Error {
  readonly code = 'INVALID_ALLOWED_HOST';
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = 'AllowedHostError';
  }
}

// RFC 1123 §2.1 labels; an all-numeric name would be an IPv4 address or nothing.
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function validAllowedHost(text: string): string | undefined {
  const host = text.trim().toLowerCase();
  if (isIP(host)) return normalizeAddress(host);
  if (host.length === 0 || host.length > 253) return undefined;
  const labels = host.replace(/\.$/, '').split('.');
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  return labels.every((label) => /^\d+$/.test(label)) ? undefined : host;
}

const systemLookup: HostLookup = async (name) =>
  (await dnsLookup(name, { all: true })).map((entry) => entry.address);

export function createAllowedProxyHosts(
  options: { hosts?: readonly string[]; lookup?: HostLookup; log?: AllowedHostsLog } = {},
): AllowedProxyHosts {
  const lookup = options.lookup ?? systemLookup;
  // host → addresses, in the order added.
  const entries = new Map<string, readonly string[]>();
  let allowed = new Set<string>();

  const rebuild = () => {
    allowed = new Set([...entries.values()].flat().map(normalizeAddress));
  };

  const resolve = async (host: string): Promise<void> => {
    if (isIP(host)) return;
    try {
      const addresses = [...new Set((await lookup(host)).map(normalizeAddress))];
      // Removed while the lookup ran: do not bring it back.
      if (entries.has(host)) entries.set(host, addresses);
    } catch (error) {
      options.log?.warn(
        { host, err: (error as Error).message },
        `allowed proxy host ${host} does not resolve; keeping its previous addresses`,
      );
    }
  };

  const parseAll = (hosts: readonly string[]): string[] =>
    hosts.map((text) => {
      const host = validAllowedHost(text);
      if (host === undefined) {
        throw new AllowedHostError(`"${text}" is not an IP address or a host name`);
      }
      return host;
    });

  const list = () => [...entries].map(([host, addresses]) => ({ host, addresses: [...addresses] }));

  for (const host of parseAll(options.hosts ?? [])) entries.set(host, isIP(host) ? [host] : []);
  rebuild();

  return {
    list,
    async add(hosts) {
      const fresh = parseAll(hosts).filter((host) => !entries.has(host));
      for (const host of fresh) entries.set(host, isIP(host) ? [host] : []);
      await Promise.all(fresh.map(resolve));
      rebuild();
      return list();
    },
    remove(host) {
      const removed = entries.delete(validAllowedHost(host) ?? host.trim().toLowerCase());
      rebuild();
      return removed;
    },
    clear() {
      entries.clear();
      rebuild();
    },
    async refresh() {
      await Promise.all([...entries.keys()].map(resolve));
      rebuild();
    },
    allows: (peerAddress) => allowed.has(normalizeAddress(peerAddress)),
  };
}
