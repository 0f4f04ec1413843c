/**
 * What a request says about where it came from, for telling a LAN request from one that came
 * through the reverse proxy (VPN-less access). Raw facts only: whether the `X-Forwarded-*`
 * values may be believed is decided later, from the peer address (`proxiedRequest.ts`).
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestFacts {
  /** The `Host` header ('' when missing). */
  readonly host: string;
  /** The TCP peer, normalised by `normalizeAddress` ('' when unknown). */
  readonly peerAddress: string;
  /** The scheme of the connection the simulator itself accepted. */
  readonly scheme: 'http' | 'https';
  /** First value of `X-Forwarded-Host` (the proxy nearest the browser writes it first). */
  readonly forwardedHost: string | undefined;
  readonly forwardedPort: string | undefined;
  readonly forwardedProto: string | undefined;
}

/** IPv6 text in lower case; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/** The first of a comma-separated header (Node joins repeated `X-Forwarded-*` headers with ", "). */
function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const head = text?.split(',')[0]?.trim();
  return head ? head : undefined;
}

export function requestFacts(request: {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined; readonly encrypted?: boolean } | null;
}): RequestFacts {
  const { headers } = request;
  return {
    host: first(headers.host) ?? '',
    peerAddress: normalizeAddress(request.socket?.remoteAddress ?? ''),
    scheme: request.socket?.encrypted ? 'https' : 'http',
    forwardedHost: first(headers['x-forwarded-host']),
    forwardedPort: first(headers['x-forwarded-port']),
    forwardedProto: first(headers['x-forwarded-proto'])?.toLowerCase(),
  };
}
