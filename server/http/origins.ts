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
