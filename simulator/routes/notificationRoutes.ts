import type { FastifyInstance } from 'fastify';
import { ApiError, apiErrors } from '../apiError.ts';
import type { SimulatorContext } from '../context.ts';
import { apiErrorsXml } from '../finesseXml.ts';
import { userNodes } from '../notificationHub.ts';

/** Keeps proxies and the browser from timing an idle stream out. */
const PING_MS = 15_000;

/**
 * Notifications for our finesse.js as Server-Sent Events. Real Finesse pushes the same `<Update>`
 * payloads over XMPP pubsub (docs/requirements.md, "Notifications"); finesse.js hides the transport, so
 * gadgets cannot tell. Each event is `{ node, payload }` JSON, the pubsub node and the item.
 *
 * Authenticated with the same header as REST, Basic or Bearer (finesse.js reads it with `fetch`,
 * which can send headers, unlike `EventSource`): no credentials in URLs, no cookies. A user
 * only ever receives their own nodes.
 */
export function notificationRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const open = new Set<() => void>();

  // Streams never finish by themselves; end them so `close()` does not wait on them.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get<{ Params: { id: string } }>('/sim/notifications/User/:id', async (request, reply) => {
    let userId: string;
    try {
      const user = ctx.auth.authenticate(request.headers.authorization);
      if (user.agent.id !== request.params.id) throw apiErrors.otherUser(request.params.id);
      userId = user.agent.id;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return reply.code(error.status).type('application/xml; charset=utf-8').send(apiErrorsXml(error));
    }

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 2000\n\n');
    // Tells the client (and tests) that the subscription is live before anything else happens.
    raw.write('event: connected\ndata: {}\n\n');

    const unsubscribe = ctx.hub.subscribe(userNodes(userId), (notification) => {
      raw.write(`event: notification\ndata: ${JSON.stringify(notification)}\n\n`);
    });
    const ping = setInterval(() => raw.write(': ping\n\n'), PING_MS);
    ping.unref();

    const cleanup = (): void => {
      clearInterval(ping);
      unsubscribe();
      open.delete(end);
    };
    const end = (): void => {
      cleanup();
      raw.end();
    };
    open.add(end);
    raw.on('close', cleanup);
    request.raw.on('close', cleanup);
  });
}
