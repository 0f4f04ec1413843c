/**
 * Fastify as the chat server runs it: JSON logs (credentials and query values redacted), small
 * bodies, the browser's own host and scheme when a trusted proxy forwards (TRUSTED_PROXIES),
 * keep-alive that outlives a proxy's, CORS for the allowed origins, and the security headers of each
 * kind of page.
 */
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { serializeRequest } from './accessLog.ts';
import { logStreamFor } from './logFormat.ts';
import type { OriginPolicy } from './origins.ts';
import { registerSecurityHeaders } from './securityHeaders.ts';
import type { ProxyTrust } from './trustedProxies.ts';

/**
 * HTTP keep-alive: a reverse proxy reuses idle upstream connections for up to its keepalive timeout
 * (nginx and cloud load balancers: 60 s); if Node closed them first (its default is 5 s), a request
 * sent on a connection Node is closing fails with a 502. So Node keeps them longer (65 s), and
 * headersTimeout sits just above it (Node closes a connection that has not sent full headers by then).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
export const HEADERS_TIMEOUT_MS = 66_000;

export async function createHttpApp(
  config: ServerConfig,
  deps: { proxies: ProxyTrust; origins: OriginPolicy; logStream?: NodeJS.WritableStream | undefined },
): Promise<FastifyInstance> {
  const logStream = deps.logStream ?? logStreamFor(config.logFormat);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // No query values in the access log: a signed file link's signature is one (accessLog.ts).
      serializers: { req: serializeRequest },
      ...(logStream ? { stream: logStream } : {}),
    },
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    bodyLimit: 64 * 1024,
    // X-Forwarded-* only from TRUSTED_PROXIES: request.host/protocol/ip are then the browser's.
    trustProxy: deps.proxies.fastify,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  app.server.headersTimeout = HEADERS_TIMEOUT_MS;
  await app.register(cors, {
    origin: (origin, callback) =>
      callback(null, origin === undefined ? false : deps.origins.allows(origin, undefined)),
    // DELETE: the end of a session (sessionEnd.ts).
    methods: ['GET', 'POST', 'DELETE'],
  });
  registerSecurityHeaders(
    app,
    {
      widget: config.widgetFrameAncestors,
      gadget: [config.finesseUrl, config.finesseSecondaryUrl, ...config.proxyOrigins]
        .filter((url): url is string => url !== undefined)
        .map((url) => new URL(url).origin),
    },
    deps.proxies,
  );
  return app;
}
