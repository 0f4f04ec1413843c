import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../apiError.ts';
import type { ReverseProxy } from '../reverseProxy/reverseProxy.ts';

const configUriBody = z.object({ uri: z.string().min(1).max(2048) }).strict();

/** A list, or one comma-separated string as the CLI takes it (`allowed-hosts add <a,b>`). */
const allowedHostsBody = z
  .object({
    hosts: z.union([z.array(z.string().min(1).max(253)).min(1).max(32), z.string().min(1).max(2048)]),
  })
  .strict();

const all = z.literal('true').optional();
const deleteUriQuery = z
  .object({ uri: z.string().min(1).optional(), all })
  .strict()
  .refine((query) => (query.uri === undefined) !== (query.all === undefined), 'give uri=… or all=true');
const deleteHostQuery = z
  .object({ host: z.string().min(1).optional(), all })
  .strict()
  .refine((query) => (query.host === undefined) !== (query.all === undefined), 'give host=… or all=true');

/**
 * The reverse-proxy configuration under `/sim/api/reverse-proxy` (JSON), standing in for Finesse's
 * `utils system reverse-proxy config-uri add|list|delete` and `allowed-hosts add|list|delete`
 * (docs/requirements.md). Every answer is the whole status: URIs in the order added, allowed hosts with their
 * addresses, the current map and the time of the last good poll, and the last poll's failures.
 */
export function simProxyRoutes(app: FastifyInstance, proxy: ReverseProxy): void {
  const { source, allowedHosts } = proxy;

  app.get('/reverse-proxy', async () => proxy.status());

  app.get('/reverse-proxy/map', async () => {
    const { map, lastGoodPollAt } = proxy.status();
    return { map, lastGoodPollAt };
  });

  // Added and polled at once, so the answer says whether the URI gives a usable map; a URI that
  // does not (yet) is kept all the same, as the poll keeps trying it.
  app.post('/reverse-proxy/config-uris', async (request, reply) => {
    source.add(configUriBody.parse(request.body).uri);
    await source.poll();
    return reply.code(201).send(proxy.status());
  });

  app.delete('/reverse-proxy/config-uris', async (request) => {
    const query = deleteUriQuery.parse(request.query);
    const targets = query.all ? source.uris() : [query.uri ?? ''];
    for (const uri of targets) {
      if (!source.remove(uri)) throw new ApiError(404, 'Not Found', `no config URI ${uri}`);
    }
    if (source.uris().length > 0) await source.poll();
    return proxy.status();
  });

  app.post('/reverse-proxy/allowed-hosts', async (request, reply) => {
    const { hosts } = allowedHostsBody.parse(request.body);
    const list = typeof hosts === 'string' ? hosts.split(',').filter((host) => host.trim() !== '') : hosts;
    await allowedHosts.add(list);
    return reply.code(201).send(proxy.status());
  });

  app.delete('/reverse-proxy/allowed-hosts', async (request) => {
    const query = deleteHostQuery.parse(request.query);
    if (query.all) allowedHosts.clear();
    else if (!allowedHosts.remove(query.host ?? '')) {
      throw new ApiError(404, 'Not Found', `no allowed host ${query.host}`);
    }
    return proxy.status();
  });

  app.post('/reverse-proxy/poll', async () => {
    await source.poll();
    return proxy.status();
  });
}
