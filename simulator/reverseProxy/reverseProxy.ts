/**
 * The simulator's reverse-proxy (VPN-less) support, put together: the proxy-config map source
 * (`config-uri`), the allowed proxy hosts (`allowed-hosts`), the decision "LAN or proxy" for a
 * request, and the gadget pref rewrite that follows from it (Cisco Finesse VPN-less access). One per simulator; the
 * test-control API (`routes/simProxyRoutes.ts`) changes it at run time.
 */
import { formatHostPort } from '../../sdk/core/proxyMap.ts';
import type { PageOrigin } from '../container/prefSources.ts';
import type { PrefRewriter } from '../container/prefs.ts';
import { createAllowedProxyHosts, type AllowedProxyHosts, type HostLookup } from './allowedHosts.ts';
import { createProxyPrefRewriter } from './prefRewriter.ts';
import { classifyRequest, translateUrl, type ProxiedRequest } from './proxiedRequest.ts';
import { createProxyMapSource, type ProxyMapLog, type ProxyMapSource } from './proxyMapSource.ts';
import type { RequestFacts } from './requestFacts.ts';

export interface ReverseProxyOptions {
  /** Proxy-config map URLs in the order they were added: at most two, the last one takes precedence. */
  readonly mapUrls?: readonly string[];
  /** The update frequency; default 60 000 (Finesse's one minute). */
  readonly pollMs?: number;
  /** Per map fetch; default 10 000. */
  readonly timeoutMs?: number;
  /** IP addresses or host names of the reverse proxies. */
  readonly allowedHosts?: readonly string[];
  /** Rewrite `externalServerHostAndPort*` and `externalServerHost` for proxied requests; default true. */
  readonly rewritePrefs?: boolean;
  /** For tests: the map fetch and the host name lookup. */
  readonly fetch?: typeof fetch;
  readonly lookup?: HostLookup;
}

export interface ReverseProxy {
  readonly source: ProxyMapSource;
  readonly allowedHosts: AllowedProxyHosts;
  /** Empty when `rewritePrefs` is false. */
  readonly rewriters: readonly PrefRewriter[];
  /** The proxy view of a request, or undefined on the LAN. */
  classify(facts: RequestFacts): ProxiedRequest | undefined;
  /** A LAN URL as the browser must use it: through the proxy when the request came through it. */
  externalUrl(url: string, facts: RequestFacts): string;
  /** The origin the browser used: the proxy's external host:port and scheme, else `Host` and the connection's. */
  pageOrigin(facts: RequestFacts): PageOrigin;
  /** JSON for `GET /sim/api/reverse-proxy`. */
  status(): ReverseProxyStatus;
  /** Resolves the allowed host names and polls the map once, then keeps polling. */
  start(): Promise<void>;
  close(): void;
}

export interface ReverseProxyStatus {
  configUris: string[];
  updateFrequencyMs: number;
  allowedHosts: { host: string; addresses: string[] }[];
  map: { uri: string; entries: { internal: string; external: string; line: number }[] } | null;
  lastGoodPollAt: string | null;
  lastPoll: {
    at: string;
    uri: string | null;
    failures: { uri: string; error: string; lines?: readonly number[] }[];
  } | null;
}

export function createReverseProxy(
  options: ReverseProxyOptions & { now?: () => Date; log?: ProxyMapLog } = {},
): ReverseProxy {
  const allowedHosts = createAllowedProxyHosts({
    hosts: options.allowedHosts,
    lookup: options.lookup,
    log: options.log,
  });
  const source = createProxyMapSource({
    uris: options.mapUrls,
    pollMs: options.pollMs,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    now: options.now,
    log: options.log,
    onTick: () => allowedHosts.refresh(),
  });
  const inputs = () => ({ map: source.current()?.map, allows: allowedHosts.allows });
  const classify = (facts: RequestFacts) => classifyRequest(facts, inputs());
  const rewriter = createProxyPrefRewriter({
    map: () => source.current()?.map,
    allows: allowedHosts.allows,
  });

  return {
    source,
    allowedHosts,
    rewriters: options.rewritePrefs === false ? [] : [rewriter],
    classify,
    pageOrigin(facts) {
      const proxied = classify(facts);
      return proxied
        ? { scheme: proxied.scheme, authority: proxied.hostPort }
        : { scheme: facts.scheme, authority: facts.host };
    },
    externalUrl(url, facts) {
      const proxied = classify(facts);
      return (proxied && translateUrl(url, proxied)) ?? url;
    },
    status() {
      const current = source.current();
      const last = source.lastPoll();
      return {
        configUris: source.uris(),
        updateFrequencyMs: source.pollMs,
        allowedHosts: allowedHosts.list().map((entry) => ({ ...entry, addresses: [...entry.addresses] })),
        map: current
          ? {
              uri: current.uri,
              entries: current.map.entries.map((entry) => ({
                internal: formatHostPort(entry.internal),
                external: formatHostPort(entry.external),
                line: entry.line,
              })),
            }
          : null,
        lastGoodPollAt: current?.fetchedAt.toISOString() ?? null,
        lastPoll: last
          ? { at: last.at.toISOString(), uri: last.uri ?? null, failures: [...last.failures] }
          : null,
      };
    },
    start: () => source.start(),
    close: () => source.close(),
  };
}
