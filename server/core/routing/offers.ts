/**
 * Offers: a chat offered to one agent at a time, for `offerTimeoutMs`. Making one reserves both sides
 * at once (the agent leaves the free lists, the chat is marked offered), so no second offer can race
 * it; its payload, with what features add (a transfer's note), goes out once built, unless it was taken
 * back meanwhile.
 */
import type { ChatOffer, OfferRevokedReason } from '../../../sdk/core/protocol.ts';
import type { DomainEventBus } from '../events.ts';
import type { ChatStore } from '../storage/storage.ts';
import type { AgentPool, AgentRuntime } from './agentPool.ts';
import type { QueueLines, WaitingEntry } from './queueLines.ts';
import type { RoutingModel } from './routingConfig.ts';
import type { RoutingHooks } from './router.ts';
import type { WaitingChats } from './waitingChats.ts';

export interface OffersOptions {
  pool: AgentPool;
  lines: QueueLines;
  waiting: WaitingChats;
  routing: RoutingModel;
  chats: Pick<ChatStore, 'setStatus'>;
  events: DomainEventBus;
  hooks: readonly RoutingHooks[];
  offerTimeoutMs: number;
  /** The offer ran out: `agentId` missed it. */
  onTimeout(agentId: string, chatId: string): void;
  now: () => number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void } | undefined;
}

export function createOffers(options: OffersOptions) {
  const { pool, lines, events, now } = options;
  const warn = (what: string) => (error: unknown) => options.log?.warn({ err: error }, what);

  return {
    make(agent: AgentRuntime, entry: WaitingEntry): void {
      const chatId = entry.chat.id;
      const offeredAt = now();
      const expiresAt = offeredAt + options.offerTimeoutMs;
      const timer = setTimeout(() => options.onTimeout(agent.id, chatId), options.offerTimeoutMs);
      agent.offer = { chatId, expiresAt, timer };
      entry.offeredTo = agent.id;
      pool.touch(agent);
      void options.chats.setStatus(chatId, 'offered').catch(warn('storing an offer failed'));
      options.log?.info({ chatId, agentId: agent.id }, 'chat offered');
      for (const hook of options.hooks) hook.offerMade?.(chatId);
      const base: ChatOffer = {
        chatId,
        customer: entry.chat.customer,
        queue: entry.queue,
        queueLabel: options.routing.queue(entry.queue).label,
        preChat: entry.chat.preChat,
        offeredAt,
        expiresAt,
      };
      void Promise.all(options.hooks.map((hook) => hook.offerExtras?.(chatId) ?? {}))
        .then((extras) => {
          if (agent.offer?.chatId !== chatId) return;
          events.emit('offer', { agentId: agent.id, offer: Object.assign(base, ...extras) });
        })
        .catch(warn('building an offer failed'));
      events.emit('chatChanged', { chatId });
    },

    /** Takes the offer back from its agent; the chat waits again. Returns the agent it was offered to. */
    withdraw(chatId: string, reason: OfferRevokedReason): AgentRuntime | null {
      const entry = lines.get(chatId);
      const agent = entry?.offeredTo ? pool.get(entry.offeredTo) : undefined;
      if (!entry || !agent) return null;
      if (agent.offer?.chatId === chatId) {
        clearTimeout(agent.offer.timer);
        agent.offer = null;
      }
      entry.offeredTo = null;
      if (reason === 'timeout' || reason === 'declined') options.waiting.passedBy(entry, agent.id);
      if (reason !== 'customer-left') {
        void options.chats.setStatus(chatId, 'queued').catch(warn('storing a withdrawal failed'));
      }
      pool.touch(agent);
      events.emit('offerRevoked', { agentId: agent.id, chatId, reason });
      return agent;
    },
  };
}

export type Offers = ReturnType<typeof createOffers>;
