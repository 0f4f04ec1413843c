/**
 * LAN or reverse proxy? A request is "through the proxy" (Cisco Finesse VPN-less access) only when both hold:
 *   1. its TCP peer is an allowed proxy (`allowedHosts.ts`), and
 *   2. the host:port the browser used matches a right-hand side of the proxy-config map.
 * The host:port the browser used is `X-Forwarded-Host` when an allowed proxy sends it, else the
 * `Host` header; when that has no port, `X-Forwarded-Port` (from an allowed proxy), else the default
 * port of the scheme (`X-Forwarded-Proto` from an allowed proxy, else the connection's own).
 * Forwarded headers from anyone else are ignored: a LAN client could otherwise claim any host.
 */
import { formatHostPort, parseHostPort, type ProxyMap } from '../../sdk/core/proxyMap.ts';
import type { RequestFacts } from './requestFacts.ts';

export interface ProxiedRequest {
  /** The external `host:port` the browser used (a right-hand side of the map). */
  readonly hostPort: string;
  /** The scheme the browser used. */
  readonly scheme: 'http' | 'https';
  readonly map: ProxyMap;
}

export interface ProxyDecisionInputs {
  readonly map: ProxyMap | undefined;
  readonly allows: (peerAddress: string) => boolean;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** `host:port` normalised as the map writes it, adding `port` when the text has none; else undefined. */
export function withPort(text: string, port: number): string | undefined {
  const parsed = parseHostPort(text);
  if (parsed.ok) return formatHostPort(parsed.value);
  const added = parseHostPort(`${text}:${port}`);
  return added.ok ? formatHostPort(added.value) : undefined;
}

function validPort(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** The request's proxy view, or undefined on the LAN (including every request when no map is loaded). */
export function classifyRequest(
  facts: RequestFacts,
  inputs: ProxyDecisionInputs,
): ProxiedRequest | undefined {
  const { map } = inputs;
  if (!map || facts.peerAddress === '' || !inputs.allows(facts.peerAddress)) return undefined;
  const proto = facts.forwardedProto;
  const scheme = proto === 'http' || proto === 'https' ? proto : facts.scheme;
  const host = facts.forwardedHost ?? facts.host;
  if (host === '') return undefined;
  const hostPort = withPort(host, validPort(facts.forwardedPort) ?? DEFAULT_PORT[scheme]);
  if (hostPort === undefined || map.reverse(hostPort) === null) return undefined;
  return { hostPort, scheme, map };
}

/**
 * An absolute http(s) URL whose host:port is a left-hand side of the map, moved to the right-hand
 * side with the browser's scheme (path and query kept); undefined when it is not mapped.
 */
export function translateUrl(value: string, proxied: ProxiedRequest): string | undefined {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/is.exec(value.trim());
  if (!match) return undefined;
  const [, scheme = '', authority = '', rest = ''] = match;
  if (authority.includes('@')) return undefined; // credentials in a URL are not ours to move
  const hostPort = withPort(authority, DEFAULT_PORT[scheme.toLowerCase() as 'http' | 'https']);
  const mapped = hostPort === undefined ? null : proxied.map.lookup(hostPort);
  return mapped === null ? undefined : `${proxied.scheme}://${mapped}${rest}`;
}
