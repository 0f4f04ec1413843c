import { GadgetSpecError, MAX_GADGET_SPEC, parseGadgetSpec, type GadgetSpec } from './gadgetSpec.ts';
import { readLimited } from '../readLimited.ts';

/** Why a gadget could not be loaded, with the status the container page answers. */
export class GadgetFetchError extends Error {
  readonly status: 400 | 403 | 502;

  constructor(status: GadgetFetchError['status'], message: string) {
    super(message);
    this.name = 'GadgetFetchError';
    this.status = status;
  }
}

export interface GadgetFetcherOptions {
  /** `host[:port]` values (as `URL.host` writes them) gadget specs may be fetched from. */
  readonly allowedHosts: readonly string[];
  readonly fetch?: typeof fetch;
  /** How long a fetched spec is reused; specs change rarely, and a reload should pick changes up. */
  readonly cacheMs?: number;
  readonly timeoutMs?: number;
}

export interface GadgetFetcher {
  /** The checked URL of a gadget spec, or a 400/403 `GadgetFetchError`. */
  check(rawUrl: string): URL;
  load(rawUrl: string, options?: { noCache?: boolean }): Promise<GadgetSpec>;
}

const MAX_CACHED = 64;

/**
 * Fetches gadget specs server-side, as Shindig does, but only from allowed hosts (the configured
 * chat server): the URL comes from the query string, so anything else would let a page make the
 * simulator fetch arbitrary internal URLs (SSRF). Redirects are not followed for the same reason.
 */
export function createGadgetFetcher(options: GadgetFetcherOptions): GadgetFetcher {
  const allowed = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  const doFetch = options.fetch ?? fetch;
  const cacheMs = options.cacheMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new Map<string, { expires: number; spec: Promise<GadgetSpec> }>();

  const check = (rawUrl: string): URL => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new GadgetFetchError(400, 'The gadget url must be an absolute URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new GadgetFetchError(400, 'The gadget url must be http or https.');
    }
    if (url.username || url.password || !allowed.has(url.host.toLowerCase())) {
      throw new GadgetFetchError(403, `Gadgets are not loaded from ${url.host}.`);
    }
    url.hash = '';
    return url;
  };

  const fetchSpec = async (url: URL): Promise<GadgetSpec> => {
    let response: Response;
    try {
      response = await doFetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' },
      });
    } catch (error) {
      throw new GadgetFetchError(502, `Cannot fetch the gadget: ${(error as Error).message}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined); // best effort; nothing to report
      throw new GadgetFetchError(502, `The gadget server answered ${response.status}.`);
    }
    const xml = await readLimited(
      response,
      MAX_GADGET_SPEC,
      (max) => new GadgetFetchError(502, `The gadget is larger than ${max} bytes.`),
    );
    try {
      return parseGadgetSpec(xml);
    } catch (error) {
      if (error instanceof GadgetSpecError)
        throw new GadgetFetchError(502, `Invalid gadget: ${error.message}`);
      throw error;
    }
  };

  return {
    check,
    load(rawUrl, { noCache = false } = {}) {
      const url = check(rawUrl);
      const key = url.href;
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.expires > now && !noCache) return hit.spec;
      const spec = fetchSpec(url);
      cache.delete(key);
      cache.set(key, { expires: now + cacheMs, spec });
      // A failure is not worth keeping; a bounded map keeps odd query strings from growing it.
      spec.catch(() => cache.delete(key));
      for (const oldest of cache.keys()) {
        if (cache.size <= MAX_CACHED) break;
        cache.delete(oldest);
      }
      return spec;
    },
  };
}
