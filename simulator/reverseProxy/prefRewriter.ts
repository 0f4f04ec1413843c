/**
 * The reverse-proxy pref rewrite Finesse does for gadgets (Cisco Finesse VPN-less access, "Send Hostname and Port
 * Information to Gadgets"): when the desktop is reached through the proxy, every pref whose name
 * starts with `externalServerHostAndPort` and whose value is a left-hand side of the proxy-config map
 * gets the right-hand side instead; `externalServerHost` (the desktop's Finesse URL)
 * moves to the external scheme and host:port when its host:port is mapped. On the LAN nothing changes.
 */
import type { ProxyMap } from '../../sdk/core/proxyMap.ts';
import type { PrefRewriter } from '../container/prefs.ts';
import { classifyRequest, translateUrl } from './proxiedRequest.ts';

export const HOST_AND_PORT_PREFIX = 'externalServerHostAndPort';
export const EXTERNAL_SERVER_HOST = 'externalServerHost';

export interface ProxyPrefRewriterDeps {
  /** The current proxy-config map (undefined until one has been loaded). */
  readonly map: () => ProxyMap | undefined;
  readonly allows: (peerAddress: string) => boolean;
}

export function createProxyPrefRewriter(deps: ProxyPrefRewriterDeps): PrefRewriter {
  return (prefs, context) => {
    const proxied = classifyRequest(context.request, { map: deps.map(), allows: deps.allows });
    if (!proxied) return;
    for (const [name, value] of prefs) {
      if (name.startsWith(HOST_AND_PORT_PREFIX)) {
        const mapped = proxied.map.lookup(value);
        if (mapped !== null) prefs.set(name, mapped);
      } else if (name === EXTERNAL_SERVER_HOST) {
        const url = translateUrl(value, proxied);
        if (url !== undefined) prefs.set(name, url);
      }
    }
  };
}
