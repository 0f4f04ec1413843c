/**
 * The Redis connections of a node that shares its work with others (`REDIS_URL`): one for commands
 * (the routing lease, node heartbeats), one to publish and one to subscribe, as Redis's pub/sub
 * takes a connection of its own (https://redis.io/docs/latest/develop/interact/pubsub/). socket.io's
 * Redis adapter uses the publishing and subscribing pair too.
 *
 * ioredis reconnects by itself. A command sent while Redis is down fails after one retry instead of
 * waiting in a queue, so that a caller can answer UNAVAILABLE; a message published while it is down
 * is lost, and the parts that publish repeat their state (server/cluster/clusterRouting.ts).
 */
import { Redis } from 'ioredis';

export interface RedisClients {
  command: Redis;
  publisher: Redis;
  subscriber: Redis;
  /** socket.io's Redis adapter's own pair. */
  adapterPublisher: Redis;
  adapterSubscriber: Redis;
  /** Resolves when Redis answers PING (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectRedis(
  url: string,
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
): RedisClients {
  const options = {
    maxRetriesPerRequest: 1,
    // Back off to one attempt a second, for as long as it takes.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
    connectionName: 'hybrid-chat',
  };
  const command = new Redis(url, options);
  const publisher = new Redis(url, options);
  // A subscriber's commands wait for the connection: (re)subscribing must not fail while it is down.
  const subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
  const adapterSubscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
  // The adapter publishes without handling a failure: while Redis is down every broadcast would be an
  // unhandled rejection, which ends a Node process. What it could not publish is lost, as pub/sub
  // loses it anyway; resyncAfterOutage.ts fills the gap.
  const adapterPublisher = new Redis(url, options);
  const publish = adapterPublisher.publish.bind(adapterPublisher);
  adapterPublisher.publish = ((channel: string, message: string) =>
    publish(channel, message).catch(() => 0)) as typeof adapterPublisher.publish;
  let down = false;
  command.on('error', (error: Error) => {
    if (!down) log.warn({ err: error }, 'Redis connection lost');
    down = true;
  });
  command.on('ready', () => {
    if (down) log.info({}, 'Redis connection back');
    down = false;
  });
  // Each connection reports its own errors; the command connection's are logged above.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  adapterSubscriber.on('error', () => undefined);
  adapterPublisher.on('error', () => undefined);

  return {
    command,
    publisher,
    subscriber,
    adapterPublisher,
    adapterSubscriber,
    async ping() {
      await command.ping();
    },
    async close() {
      const all = [command, publisher, subscriber, adapterPublisher, adapterSubscriber];
      await Promise.allSettled(all.map((client) => client.quit()));
      for (const client of all) client.disconnect();
    },
  };
}
