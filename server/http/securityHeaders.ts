/**
 * Headers on every response, and a Content-Security-Policy on every HTML page we serve.
 *
 * The policy of an HTML page (CSP Level 3, https://www.w3.org/TR/CSP3/; OWASP Content Security
 * Policy Cheat Sheet):
 * - `script-src 'self'`: scripts only from this server's files, nothing inline (no `'unsafe-inline'`,
 *   no `'unsafe-eval'`), so markup that slips into a page cannot run. `object-src 'none'` (no
 *   plugins) and `base-uri 'self'` (no `<base>` pointing relative scripts elsewhere) close the other
 *   ways around it. e2e/csp.spec.ts checks that the widget and the gadget run under it unharmed.
 * - `frame-ancestors`: who may show the page in a frame
 *   (https://www.w3.org/TR/CSP2/#directive-frame-ancestors).
 *   `/widget/…`: the chat window runs in an iframe on the customer's website, so any site by default
 *   (`*`); administrators should list their own sites in WIDGET_FRAME_ANCESTORS. `/gadget/…`: the
 *   Finesse desktops (both nodes) and the proxy's external desktop origins. Everything else (the
 *   demo site): only this server itself.
 * - The HTML transcript is a document, not an app: no scripts, no fetches, no frames at all.
 *
 * Every response: `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`
 * (no path or query leaves for another site), and over TLS — directly, or behind a TRUSTED_PROXIES
 * proxy that says `X-Forwarded-Proto: https` — `Strict-Transport-Security` (RFC 6797; never over
 * plain HTTP, §7.2).
 */
import type { FastifyInstance } from 'fastify';
import type { ProxyTrust } from './trustedProxies.ts';

export interface FramePolicy {
  /** Sources for `/widget/` pages (WIDGET_FRAME_ANCESTORS); `'self'` is added unless `*` or `'none'`. */
  widget: readonly string[];
  /** Origins of the desktops that host the gadget; `'self'` is added. */
  gadget: readonly string[];
}

const KEYWORD = /^(\*|'self'|'none')$/;
const SCHEME_SOURCE = /^[a-z][a-z0-9+.-]*:$/i;
// host-source (CSP2 §4.2.2): [scheme://](*.)host[:port|:*], no path (frame-ancestors ignores it anyway).
const HOST_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?$/i;

/**
 * WIDGET_FRAME_ANCESTORS as CSP sources (comma- or space-separated). Throws for anything that is
 * not a source expression, so a typo cannot inject other directives (`;`) into the header.
 */
export function parseFrameAncestors(value: string): string[] {
  const sources = value
    .split(/[\s,]+/)
    .map((source) => source.trim())
    .filter(Boolean);
  const bad = sources.filter(
    (source) => !KEYWORD.test(source) && !SCHEME_SOURCE.test(source) && !HOST_SOURCE.test(source),
  );
  if (bad.length > 0) throw new Error(`not a CSP source: ${bad.map((s) => JSON.stringify(s)).join(', ')}`);
  if (sources.length === 0) throw new Error("empty (use * for any site or 'none' for none)");
  if (sources.includes("'none'") && sources.length > 1) throw new Error("'none' cannot be combined");
  return sources;
}

function directive(sources: readonly string[]): string {
  return `frame-ancestors ${sources.join(' ')}`;
}

/** The frame-ancestors directive for an HTML page at `path`. */
export function frameAncestorsFor(path: string, policy: FramePolicy): string {
  if (path === '/widget' || path.startsWith('/widget/')) {
    const open = policy.widget.includes('*') || policy.widget.includes("'none'");
    return directive(open ? policy.widget : ["'self'", ...policy.widget]);
  }
  if (path === '/gadget' || path.startsWith('/gadget/')) {
    return directive(["'self'", ...new Set(policy.gadget)]);
  }
  return directive(["'self'"]);
}

/** The policy of every HTML app page: scripts from this server only (see the top of this file). */
export const SCRIPT_POLICY = "script-src 'self'; object-src 'none'; base-uri 'self'";
/** The HTML transcript: styles of its own, images as data: URLs, nothing else. */
export const DOCUMENT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
/** One year (RFC 6797 §6.1.1); no includeSubDomains: other hosts of the domain are not ours to decide. */
export const HSTS = 'max-age=31536000';

const TRANSCRIPT = /^\/api\/customer\/chats\/[^/]+\/transcript$/;

/** The Content-Security-Policy of an HTML page at `path`. */
export function contentSecurityPolicy(path: string, policy: FramePolicy): string {
  if (TRANSCRIPT.test(path)) return DOCUMENT_POLICY;
  return `${SCRIPT_POLICY}; ${frameAncestorsFor(path, policy)}`;
}

export function registerSecurityHeaders(
  app: FastifyInstance,
  policy: FramePolicy,
  proxies: Pick<ProxyTrust, 'forwardedProtocol'>,
): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', REFERRER_POLICY);
    const tls = (request.raw.socket as { encrypted?: boolean }).encrypted === true;
    if (tls || proxies.forwardedProtocol(request.raw) === 'https')
      reply.header('Strict-Transport-Security', HSTS);
    const type = reply.getHeader('content-type');
    // A route with a policy of its own (a served upload: `sandbox`) keeps it.
    if (
      typeof type === 'string' &&
      type.startsWith('text/html') &&
      !reply.hasHeader('content-security-policy')
    ) {
      const path = request.url.split('?')[0] ?? '/';
      reply.header('Content-Security-Policy', contentSecurityPolicy(path, policy));
    }
  });
}
