/**
 * Calls from any node to the routing leader over Redis pub/sub: a call is published on one channel
 * that only the leader subscribes to, and its answer comes back on the caller's own channel. A call
 * published while no node leads (PUBLISH reaches no subscriber) is published again until one does or
 * the call's time is up; then it fails with a retryable UNAVAILABLE, as a storage outage does.
 *
 * Pub/sub delivers at most once, in the order one connection published. A call that is lost (Redis
 * restarted between the two hops) times out; the parts that call keep state the leader can ask for
 * again (server/cluster/clusterRouting.ts), so nothing depends on one message arriving.
 */
import { randomUUID } from 'node:crypto';
import { HybridChatError, type HybridChatErrorCode } from '../../sdk/core/errors.ts';
import type { RedisClients } from './redisClients.ts';

export const CALL_CHANNEL = 'hybrid-chat:routing:call';
const replyChannel = (nodeId: string) => `hybrid-chat:routing:reply:${nodeId}`;

export interface RoutingCallMessage {
  id: string;
  node: string;
  method: string;
  args: unknown[];
}

interface Reply {
  id: string;
  value?: unknown;
  error?: { code: HybridChatErrorCode; message: string };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface RoutingCalls {
  /** Calls the leader; retried while nobody leads, UNAVAILABLE once `timeoutMs` has passed. */
  call(method: string, args: unknown[]): Promise<unknown>;
  /** This node leads: it answers every node's calls with `handle`, in the order they arrive. */
  serve(handle: (message: RoutingCallMessage) => Promise<unknown>): Promise<void>;
  /** It no longer leads. */
  unserve(): Promise<void>;
  close(): Promise<void>;
}

export async function createRoutingCalls(options: {
  clients: RedisClients;
  nodeId: string;
  timeoutMs?: number;
  log: { warn(obj: object, msg: string): void };
}): Promise<RoutingCalls> {
  const { publisher, subscriber } = options.clients;
  const timeoutMs = options.timeoutMs ?? 5000;
  const pending = new Map<string, Pending>();
  let handler: ((message: RoutingCallMessage) => Promise<unknown>) | null = null;

  subscriber.on('message', (channel: string, text: string) => {
    if (channel === replyChannel(options.nodeId)) answered(JSON.parse(text) as Reply);
    else if (channel === CALL_CHANNEL && handler)
      void answer(handler, JSON.parse(text) as RoutingCallMessage);
  });
  await subscriber.subscribe(replyChannel(options.nodeId));

  function answered(reply: Reply): void {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error) waiting.reject(new HybridChatError(reply.error.code, reply.error.message));
    else waiting.resolve(reply.value);
  }

  async function answer(
    handle: (message: RoutingCallMessage) => Promise<unknown>,
    message: RoutingCallMessage,
  ): Promise<void> {
    let reply: Reply;
    try {
      reply = { id: message.id, value: (await handle(message)) ?? null };
    } catch (error) {
      const known = error instanceof HybridChatError;
      if (!known) options.log.warn({ err: error, method: message.method }, 'routing call failed');
      reply = {
        id: message.id,
        error: known
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'routing failed' },
      };
    }
    await publisher
      .publish(replyChannel(message.node), JSON.stringify(reply))
      .catch((error: unknown) => options.log.warn({ err: error }, 'routing reply lost'));
  }

  const unavailable = () => new HybridChatError('UNAVAILABLE', 'routing is not answering; try again');

  return {
    async call(method, args) {
      const id = randomUUID();
      const text = JSON.stringify({ id, node: options.nodeId, method, args } satisfies RoutingCallMessage);
      const deadline = Date.now() + timeoutMs;
      const reply = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      const timer = setTimeout(() => {
        const waiting = pending.get(id);
        pending.delete(id);
        waiting?.reject(unavailable());
      }, timeoutMs);
      const settled = reply.finally(() => clearTimeout(timer));
      // Handled here too: it may fail (close, timeout) while the call is still being published.
      settled.catch(() => undefined);
      for (;;) {
        const receivers = await publisher.publish(CALL_CHANNEL, text).catch(() => 0);
        if (receivers > 0 || !pending.has(id) || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return settled;
    },
    async serve(handle) {
      handler = handle;
      await subscriber.subscribe(CALL_CHANNEL);
    },
    async unserve() {
      handler = null;
      await subscriber.unsubscribe(CALL_CHANNEL).catch(() => undefined);
    },
    async close() {
      handler = null;
      for (const waiting of pending.values()) waiting.reject(unavailable());
      pending.clear();
    },
  };
}
