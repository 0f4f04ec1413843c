/**
 * The request as the access log shows it. Query values are replaced by `…`, keeping the names: a
 * signed file link carries its signature in the query (`/api/files/<id>?exp=…&sig=…`), an upload its
 * file name, and a log line must be no way to a customer's file (OWASP Logging Cheat Sheet, "Data to
 * exclude": access tokens, sensitive personal data). Authorization and cookies are redacted by
 * Fastify's logger (httpApp.ts); session tokens never travel in a URL (bearer.ts).
 */
import type { FastifyRequest } from 'fastify';

/** `path?a=1&b=2` → `path?a=…&b=…`; a URL without a query is unchanged. */
export function redactQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0] ?? ''}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** Fastify's default `req` serializer, with the query redacted. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactQuery(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: (request.socket as { remotePort?: number } | undefined)?.remotePort,
  };
}
