import type { FastifyInstance, FastifyReply } from 'fastify';
import type { BrowserScripts } from '../browserScripts.ts';
import { GadgetFetchError, type GadgetFetcher } from '../container/gadgetFetcher.ts';
import { containerPrefs, desktopUrlPrefs, type PageOrigin } from '../container/prefSources.ts';
import { escapeHtml, resolvePrefs, type PrefRewriter } from '../container/prefs.ts';
import { GADGETS_RUNTIME_PATH, renderGadgetPage, urlGadgetLocation } from '../container/renderGadget.ts';
import type { DeploymentConfig } from '../context.ts';
import { requestFacts, type RequestFacts } from '../reverseProxy/requestFacts.ts';

export interface ContainerRoutesOptions {
  readonly fetcher: GadgetFetcher;
  readonly scripts: BrowserScripts;
  /** Pref rewrite steps, run in order (the reverse-proxy rewrite is one). */
  readonly rewriters: readonly PrefRewriter[];
  /** For the container's own prefs (`xmppDomain`, `systemAuthMode`, `deploymentType`). */
  readonly deployment: DeploymentConfig;
  /** The layout's prefs for gadget `mid` when its spec URL is `specUrl` (`desktopLayout.ts`). */
  readonly layoutPrefs: (mid: string | undefined, specUrl: URL) => ReadonlyMap<string, string>;
  /**
   * The origin the browser used for this request: through the reverse proxy, the external one.
   * Default: the `Host` header and the connection's scheme.
   */
  readonly pageOrigin?: (request: RequestFacts) => PageOrigin;
  /**
   * Where the browser should go for a URL the container derived on the LAN (a URL gadget's page):
   * through the reverse proxy when the request came through it. Default: unchanged.
   */
  readonly externalUrl?: (url: string, request: RequestFacts) => string;
}

/** The runtime files, concatenated in this order into `/gadgets/js/gadgets.js`. */
const RUNTIME_FILES = ['gadgets.ts', 'hub.ts'];

function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gadget error</title>
<style>body{margin:0;padding:16px 20px;font:14px system-ui,sans-serif;color:#1d2733}h1{font-size:15px;margin:0 0 6px}p{margin:0;color:#a61e1e}</style>
</head><body><h1>This gadget could not be loaded</h1><p role="alert">${escapeHtml(message)}</p></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * The gadget container, standing in for Shindig: `GET /gadgets/ifr?url=<gadget.xml>&mid=<n>&up_…` renders
 * a gadget for an iframe (docs/requirements.md, "The gadget in the Finesse desktop"). Its prefs come
 * from the sources `container/prefSources.ts` lists, never from arbitrary `up_…` parameters.
 */
export function containerRoutes(app: FastifyInstance, options: ContainerRoutesOptions): void {
  const { fetcher, scripts, rewriters } = options;
  const externalUrl = options.externalUrl ?? ((url: string) => url);
  const pageOrigin =
    options.pageOrigin ??
    ((facts: RequestFacts): PageOrigin => ({ scheme: facts.scheme, authority: facts.host }));

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(
    '/gadgets/ifr',
    async (request, reply) => {
      const rawUrl = request.query.url;
      if (typeof rawUrl !== 'string' || rawUrl === '')
        return sendError(reply, 400, 'The url parameter is missing.');
      try {
        const noCache = request.query.nocache === '1';
        const facts = requestFacts(request.raw);
        const container = containerPrefs(pageOrigin(facts), options.deployment);
        if (!container) return sendError(reply, 400, 'The Host header is not a host name.');
        const specUrl = fetcher.check(rawUrl);
        const spec = await fetcher.load(rawUrl, { noCache });
        const mid = typeof request.query.mid === 'string' ? request.query.mid : undefined;
        const sources = {
          layout: options.layoutPrefs(mid, specUrl),
          desktop: desktopUrlPrefs(request.query),
          container,
        };
        const prefs = resolvePrefs(spec, sources, rewriters, {
          spec,
          requestHost: request.headers.host ?? '',
          request: facts,
        });
        reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
        if (spec.content.type === 'url') {
          const location = urlGadgetLocation(spec.content.href, specUrl, prefs);
          if (!location)
            return sendError(reply, 502, 'Invalid gadget: its Content href is not an http(s) URL.');
          return reply.redirect(externalUrl(location, facts), 302);
        }
        // Through the reverse proxy the gadget's own server is reached at its external host:port too.
        const urls = {
          base: externalUrl(specUrl.href, facts),
          runtime: `${container.get('externalServerHost') ?? ''}${GADGETS_RUNTIME_PATH}`,
        };
        return reply
          .type('text/html; charset=utf-8')
          .send(renderGadgetPage({ ...spec, content: spec.content }, prefs, urls));
      } catch (error) {
        if (!(error instanceof GadgetFetchError)) throw error;
        request.log.warn({ url: rawUrl, status: error.status, reason: error.message }, 'gadget not rendered');
        return sendError(reply, error.status, error.message);
      }
    },
  );

  app.get(GADGETS_RUNTIME_PATH, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await scripts.classicScript(RUNTIME_FILES)),
  );
}
