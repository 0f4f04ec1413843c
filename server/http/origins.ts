/**
 * Which browser origins may call this server (CORS) and open sockets (the handshake's Origin):
 * its own, the Finesse desktop's (the gadget iframe runs on the Finesse host), the external ones of
 * the reverse proxy (PROXY_MAP_FILE's right-hand sides, "Cisco Finesse VPN-less access": "add the proxy
 * server origins on the allowed list of CORS origins"), and the configured ones. WebSocket upgrades
 * are not subject to CORS in browsers, so the socket handshake checks the Origin itself.
 */
import { readFileSync } from 'node:fs';
import { formatHostPort, parseProxyMap, ProxyMapError } from '../../sdk/core/proxyMap.ts';

export interface OriginPolicy {
  /**
   * `origin` may call us. `host` is the Host the browser used (X-Forwarded-Host from a trusted proxy)
   * and `protocol` its scheme when a trusted proxy said so: the same-origin check.
   */
  allows(origin: string | undefined, host: string | undefined, protocol?: 'http' | 'https'): boolean;
}

function normalise(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/** `http://localhost:8445` also stands for the loopback addresses a developer may type instead. */
function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (url.hostname !== 'localhost') return [origin];
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => {
    const alias = new URL(origin);
    alias.hostname = host;
    return alias.origin;
  });
}

export function createOriginPolicy(finesseUrl: string, allowedOrigins: string[]): OriginPolicy {
  const allowed = new Set(
    [finesseUrl, ...allowedOrigins]
      .map(normalise)
      .filter((origin): origin is string => origin !== null)
      .flatMap(loopbackAliases),
  );
  return {
    allows(origin, host, protocol) {
      // Non-browser clients (the SDK in Node, load tests) send no Origin; their token still guards them.
      if (origin === undefined) return true;
      const normalised = normalise(origin);
      if (!normalised) return false;
      if (allowed.has(normalised)) return true;
      return host !== undefined && sameOrigin(normalised, host, protocol);
    },
  };
}

/**
 * Whether `origin` is this server as the browser reached it. Without a trusted scheme the Origin's
 * own is assumed (a TLS-terminating proxy that is not configured still works as before); with one,
 * `https://chat` and `http://chat` differ. `chat.xyz.com:443` and `https://chat.xyz.com` are equal.
 */
function sameOrigin(origin: string, host: string, protocol: 'http' | 'https' | undefined): boolean {
  if (!/^[^\s/?#@\\]+$/.test(host)) return false;
  const scheme = protocol ? `${protocol}:` : new URL(origin).protocol;
  try {
    return new URL(`${scheme}//${host}`).origin === origin;
  } catch {
    return false;
  }
}

/** The proxy's external origins: every right-hand side of the map, as `https://host:port`. */
export function proxyMapOrigins(mapText: string): string[] {
  const origins = parseProxyMap(mapText).entries.map(
    (entry) => new URL(`https://${formatHostPort(entry.external)}`).origin,
  );
  return [...new Set(origins)];
}

/**
 * PROXY_MAP_FILE's external origins, read once at startup. A map that does not parse stops the
 * server with every bad line listed, rather than running with a half-open allowlist.
 */
export function loadProxyMapOrigins(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`[hybrid-chat] PROXY_MAP_FILE ${file} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return proxyMapOrigins(text);
  } catch (error) {
    if (!(error instanceof ProxyMapError)) throw error;
    throw new Error(`[hybrid-chat] PROXY_MAP_FILE ${file}: ${error.message}`, { cause: error });
  }
}
