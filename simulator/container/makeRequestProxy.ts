/**
 * `gadgets.io.makeRequest` on the server, as Finesse's Shindig runs it: the gadget page asks the
 * container, the container makes the request. Cisco's finesse.js sends its REST calls this way to
 * `http://<restHost>:<localhostPort>/finesse/api/…`, and gadgets reach their own servers this way
 * (VPN-less deployments rely on it: the browser never talks to the LAN server itself).
 *
 * The URL comes from a web page, so this is a server-side request forgery risk by design. Bounded:
 *   - http and https only, no credentials in the URL, no redirects followed (a 3xx is answered as is);
 *   - the simulator's own origin serves `/finesse/` only, in process (the REST API, with the
 *     caller's own Authorization header) — never `/sim/api` or anything else of the simulator's;
 *   - any other host only when an administrator allowed it (`allowedHosts`: the gadget hosts and
 *     `SIM_MAKE_REQUEST_HOSTS`), compared as `host:port` the way `URL.host` writes it;
 *   - a time limit, a response size limit (the request's size is the route's body limit);
 *   - hop-by-hop, cookie and forwarding headers are not passed on either way.
 */
import type { FastifyInstance } from 'fastify';
import { readLimited } from '../readLimited.ts';

export class MakeRequestError extends Error {
  readonly status: 400 | 403 | 413 | 502 | 504;

  constructor(status: MakeRequestError['status'], message: string) {
    super(message);
    this.name = 'MakeRequestError';
    this.status = status;
  }
}

export interface ProxiedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

/** What the gadget's callback is built from (`rc`, `text`, `headers` with lower-case names). */
export interface ProxiedResponse {
  readonly rc: number;
  readonly body: string;
  readonly headers: Record<string, string[]>;
}

export interface MakeRequestOptions {
  /** `host[:port]` values (as `URL.host` writes them) an administrator allows. */
  readonly allowedHosts: () => readonly string[];
  /** The simulator's app, for its own `/finesse/` paths. */
  readonly app: Pick<FastifyInstance, 'inject'>;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

/** Never forwarded: the connection's own, the browser's cookies, who-is-asking headers. */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'cookie',
  'set-cookie',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-sim-api-token',
]);

function passable(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!DROPPED_HEADERS.has(lower) && /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(lower)) out[lower] = value;
  }
  return out;
}

function listHeaders(headers: Iterable<[string, string | string[] | number | undefined]>) {
  const out: Record<string, string[]> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || value === undefined) continue;
    out[lower] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}

export function createMakeRequestProxy(options: MakeRequestOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  const check = (request: ProxiedRequest): URL => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      throw new MakeRequestError(400, 'makeRequest needs an absolute URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new MakeRequestError(400, `makeRequest only fetches http and https URLs, not ${url.protocol}`);
    if (url.username || url.password)
      throw new MakeRequestError(400, 'makeRequest URLs may not carry credentials.');
    if (!METHODS.has(request.method))
      throw new MakeRequestError(400, `makeRequest does not send ${request.method} requests.`);
    url.hash = '';
    return url;
  };

  /** This simulator's REST API, in process: what Shindig's proxy reaches on Finesse's own host. */
  const self = async (url: URL, request: ProxiedRequest): Promise<ProxiedResponse> => {
    if (!url.pathname.startsWith('/finesse/'))
      throw new MakeRequestError(403, 'makeRequest reaches only /finesse/ on the Finesse server itself.');
    const response = await options.app.inject({
      method: request.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: passable(Object.entries(request.headers)),
      ...(request.body === undefined || request.method === 'GET' ? {} : { payload: request.body }),
    });
    return {
      rc: response.statusCode,
      body: response.body,
      headers: listHeaders(Object.entries(response.headers)),
    };
  };

  const remote = async (url: URL, request: ProxiedRequest): Promise<ProxiedResponse> => {
    const allowed = new Set(options.allowedHosts().map((host) => host.toLowerCase()));
    if (!allowed.has(url.host.toLowerCase()))
      throw new MakeRequestError(
        403,
        `makeRequest may not reach ${url.host}: it is not an allowed host (SIM_GADGET_HOSTS, SIM_MAKE_REQUEST_HOSTS).`,
      );
    let response: Response;
    const signal = AbortSignal.timeout(timeoutMs);
    // The signal stops the request; the race answers on time even if a fetch ignored it.
    const expired = new Promise<never>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
    );
    expired.catch(() => undefined);
    try {
      response = await Promise.race([
        doFetch(url, {
          method: request.method,
          headers: passable(Object.entries(request.headers)),
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
          redirect: 'manual',
          signal,
        }),
        expired,
      ]);
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new MakeRequestError(504, `${url.host} did not answer within ${timeoutMs} ms.`);
      throw new MakeRequestError(502, `Cannot reach ${url.host}: ${(error as Error).message}`);
    }
    let body: string;
    try {
      body = await readLimited(
        response,
        maxBytes,
        (max) => new MakeRequestError(502, `The answer from ${url.host} is larger than ${max} bytes.`),
      );
    } catch (error) {
      if (error instanceof MakeRequestError) throw error;
      throw new MakeRequestError(504, `${url.host} did not finish its answer within ${timeoutMs} ms.`);
    }
    return { rc: response.status, body, headers: listHeaders(response.headers.entries()) };
  };

  return {
    /** `isSelf`: whether a URL names this simulator (the origin the browser used, or a node's address). */
    async send(request: ProxiedRequest, isSelf: (url: URL) => boolean): Promise<ProxiedResponse> {
      const url = check(request);
      return isSelf(url) ? self(url, request) : remote(url, request);
    },
  };
}
