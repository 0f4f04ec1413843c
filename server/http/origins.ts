/**
 * Which browser origins may call this server (CORS) and open sockets (the handshake's Origin):
 * its own, the Finesse desktop's (the gadget iframe runs on the Finesse host), and the
 * configured ones. WebSocket upgrades are not subject to CORS in browsers, so the socket
 * handshake checks the Origin itself.
 */
export interface OriginPolicy {
  /** `origin` may call us; `host` is the request's Host header (same-origin check). */
  allows(origin: string | undefined, host: string | undefined): boolean;
}

function normalise(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

export function createOriginPolicy(finesseUrl: string, allowedOrigins: string[]): OriginPolicy {
  const allowed = new Set(
    [finesseUrl, ...allowedOrigins].map(normalise).filter((origin): origin is string => origin !== null),
  );
  return {
    allows(origin, host) {
      // Non-browser clients (the SDK in Node, load tests) send no Origin; their token still guards them.
      if (origin === undefined) return true;
      const normalised = normalise(origin);
      if (!normalised) return false;
      if (allowed.has(normalised)) return true;
      return host !== undefined && new URL(normalised).host === host.toLowerCase();
    },
  };
}
