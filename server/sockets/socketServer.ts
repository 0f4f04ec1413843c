/**
 * socket.io on the HTTP server's port, with timeouts chosen to survive a reverse proxy (nginx's
 * proxy_read_timeout and cloud load balancers' idle timeout are 60 s): socket.io pings every 25 s and
 * waits 20 s for the pong, so a WebSocket never idles longer than 25 s, a long-poll GET is held at
 * most 25 s, and a dead client is noticed within 45 s. A handshake from a foreign origin is refused.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { OriginPolicy } from '../http/origins.ts';
import type { ProxyTrust } from '../http/trustedProxies.ts';

const PING_INTERVAL_MS = 25_000;
const PING_TIMEOUT_MS = 20_000;

export function createSocketServer(
  httpServer: HttpServer,
  deps: { origins: OriginPolicy; proxies: ProxyTrust; log: { warn(obj: object, msg: string): void } },
): Server {
  return new Server(httpServer, {
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    cors: { origin: (origin, callback) => callback(null, deps.origins.allows(origin, undefined)) },
    allowRequest: (request, callback) => {
      // Same-origin as the browser saw it: the proxy's Host and scheme when a trusted proxy forwards.
      const allowed = deps.origins.allows(
        request.headers.origin,
        deps.proxies.host(request),
        deps.proxies.forwardedProtocol(request),
      );
      if (!allowed)
        deps.log.warn({ origin: request.headers.origin }, 'socket handshake from a foreign origin refused');
      callback(null, allowed);
    },
  });
}
