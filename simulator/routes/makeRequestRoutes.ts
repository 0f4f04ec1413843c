import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MakeRequestError, type createMakeRequestProxy } from '../container/makeRequestProxy.ts';

export const MAKE_REQUEST_PATH = '/gadgets/makeRequest';

/** A request's body: what the gadget page's `gadgets.io.makeRequest` asked for. */
const bodySchema = z
  .object({
    url: z.string().min(1).max(8192),
    method: z.string().max(10).default('GET'),
    headers: z.record(z.string().max(256), z.string().max(8192)).default({}),
    body: z.string().optional(),
  })
  .strict();

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The Host header as `URL.host` writes it (`localhost:80` → `localhost`), '' when it is not one. */
function pageHost(header: string): string {
  try {
    return new URL(`http://${header}`).host.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * `POST /gadgets/makeRequest` with JSON `{ url, method, headers, body }` answers JSON
 * `{ rc, body, headers }` (the target's status, text and lower-cased headers), or an error status
 * with `{ error }` when the simulator would not or could not make the request
 * (container/makeRequestProxy.ts says which). JSON only, so another site's page cannot make a
 * visitor's browser trigger it without a CORS preflight, which nothing here answers.
 */
export function makeRequestRoutes(
  app: FastifyInstance,
  options: {
    readonly proxy: ReturnType<typeof createMakeRequestProxy>;
    /** The ports the simulator's nodes listen on (its own address as `localhost:<port>` too). */
    readonly ownPorts: () => readonly number[];
    /** The host:port the browser used, when a proxy forwarded the request (the reverse proxy's external one). */
    readonly pageAuthority?: (request: FastifyRequest) => string;
  },
): void {
  app.post(MAKE_REQUEST_PATH, { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type))
      return reply.code(415).send({ error: 'makeRequest takes application/json.' });
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const hosts = [String(request.headers.host ?? ''), options.pageAuthority?.(request) ?? ''].map(pageHost);
    const isSelf = (url: URL) => {
      if (hosts.includes(url.host.toLowerCase())) return true;
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      return LOOPBACK.has(url.hostname.toLowerCase()) && options.ownPorts().includes(port);
    };
    try {
      const answer = await options.proxy.send(
        { ...parsed.data, method: parsed.data.method.toUpperCase() },
        isSelf,
      );
      return reply.header('cache-control', 'no-store').send(answer);
    } catch (error) {
      if (!(error instanceof MakeRequestError)) throw error;
      request.log.info(
        { url: parsed.data.url, status: error.status, reason: error.message },
        'makeRequest refused',
      );
      return reply.code(error.status).send({ error: error.message });
    }
  });
}
