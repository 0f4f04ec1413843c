/**
 * Headers on every response, and `Content-Security-Policy: frame-ancestors` on the HTML pages we
 * serve: who may show them in a frame (CSP Level 2, https://www.w3.org/TR/CSP2/#directive-frame-ancestors;
 * "Cisco Finesse VPN-less access" asks the same of Finesse for the proxy's origins).
 * - `/widget/…`: the chat window runs in an iframe on the customer's website, so any site by
 *   default (`*`); administrators should list their own sites in WIDGET_FRAME_ANCESTORS.
 * - `/gadget/…`: the Finesse desktops (both nodes) and the proxy's external desktop origins.
 * - everything else (the demo site): only this server itself.
 */
import type { FastifyInstance } from 'fastify';

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

export function registerSecurityHeaders(app: FastifyInstance, policy: FramePolicy): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      const path = request.url.split('?')[0] ?? '/';
      reply.header('Content-Security-Policy', frameAncestorsFor(path, policy));
    }
  });
}
