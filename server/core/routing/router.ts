/**
 * The routing engine (docs/routing.md): one waiting line per queue, free agents indexed
 * per queue, and on every event only the candidates that event concerns go through the decision
 * (decision.ts): a chat that arrives looks at the free agents of the queues its stage allows; an agent
 * who becomes free looks at the head of each line they may serve. Offers time out to the next agent,
 * and the agent who missed one is made NOT_READY, as Cisco's own chat gadget does. Overflow steps and
 * the maximum wait are timers on the waiting chat.
 *
 * The router's memory is the truth about who is offered what; storage keeps what a restart needs.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { BlendingSettings } from '../../../sdk/core/blending.ts';
import type { AgentStatus, ChatOffer, VoiceReport } from '../../../sdk/core/protocol.ts';
import type { DomainEventBus } from '../events.ts';
import type { AgentStore, ChatStore, StoredChat, WaitingChat } from '../storage/storage.ts';
import { createAgentPool, type AgentRuntime, type Staffing } from './agentPool.ts';
import { createAgentSlots } from './agentSlots.ts';
import { createMatching } from './matching.ts';
import { createOffers } from './offers.ts';
import { createPositionAnnouncer } from './positionAnnouncer.ts';
import { createQueueLines, type WaitingEntry } from './queueLines.ts';
import { countChats, inspectRouter, waitingLines, type ChatStateCounts } from './routerState.ts';
import type { RoutingModel } from './routingConfig.ts';
import { createWaitingChats } from './waitingChats.ts';

export type { Staffing };

/** What features add to routing (server/core/feature.ts). */
export interface RoutingHooks {
  /** More of an offer (a transfer's note and sender). */
  offerExtras?(chatId: string): Promise<Partial<ChatOffer>>;
  /** The chat was offered to an agent (each offer once; operations count them). */
  offerMade?(chatId: string): void;
  /** An agent took the chat from the queue. */
  offerAccepted?(chatId: string): void;
  /** A chat its owner had ended: whether the owner's slot stays taken (wrap-up). */
  holdAfterEnd?(chat: StoredChat): boolean;
  /**
   * What a new router must know beyond the chats' owners: the slots of conference members and of
   * open wrap-ups. Run whenever the hooks join a router (at start, and on a new routing leader).
   */
  restore?(slots: RestoreSlots): Promise<void>;
}

/** The slot changes a feature's `restore` may make. */
export interface RestoreSlots {
  attachChat(agentId: string, chatId: string, name?: string): void;
  holdWrapUp(agentId: string, chatId: string): void;
}

export interface RouterOptions {
  storage: {
    chats: Pick<ChatStore, 'waiting' | 'active' | 'setStatus' | 'accept' | 'requeue'>;
    agents: Pick<AgentStore, 'all' | 'save'>;
  };
  events: DomainEventBus;
  routing: RoutingModel;
  /** Writes the "agent joined" line into the chat (core/chatLog.ts). */
  postJoined(chatId: string, agentName: string): Promise<unknown>;
  offerTimeoutMs: number;
  maxChatsPerAgent: number;
  blending?: Omit<Partial<BlendingSettings>, 'maxChats'>;
  now?: () => number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** How long queue-position changes are gathered before they are announced (default 25 ms). */
  positionDelayMs?: number;
}

export async function createRouter(options: RouterOptions) {
  const { storage, events, routing } = options;
  const now = options.now ?? Date.now;
  const hooks: RoutingHooks[] = [];
  const lines = createQueueLines();
  const pool = createAgentPool({
    maxChatsPerAgent: options.maxChatsPerAgent,
    blending: options.blending,
    routing: (id, teamId) => routing.agent(id, teamId),
    status: (agentId, status) => events.emit('agentStatus', { agentId, status }),
    voiceAction: (agentId, action) => events.emit('voiceAction', { agentId, action }),
    now,
  });
  const positions = createPositionAnnouncer({
    lines,
    announce: (chatId) => events.emit('chatChanged', { chatId }),
    ...(options.positionDelayMs !== undefined ? { delayMs: options.positionDelayMs } : {}),
  });
  const waiting = createWaitingChats({
    lines,
    routing,
    positions,
    onMoment(entry, stageChanged) {
      if (stageChanged)
        options.log?.info({ chatId: entry.chat.id, stage: entry.stageIndex }, 'chat overflows');
      // The maximum wait changes what the customer is offered: tell them.
      changed(entry.chat.id);
      routeChat(entry);
    },
    now,
  });
  const offers = createOffers({
    pool,
    lines,
    waiting,
    routing,
    chats: storage.chats,
    events,
    hooks,
    offerTimeoutMs: options.offerTimeoutMs,
    onTimeout: (agentId, chatId) => missed(agentId, chatId),
    now,
    log: options.log,
  });
  const warn = (what: string) => (error: unknown) => options.log?.warn({ err: error }, what);
  const persist = (agent: AgentRuntime) =>
    void storage.agents.save(pool.record(agent)).catch(warn('saving an agent failed'));
  const changed = (chatId: string) => events.emit('chatChanged', { chatId });

  // ---- Decisions: one event, its candidates only (matching.ts) ----
  const { routeChat, routeAgent } = createMatching({ pool, lines, waiting, routing, offers });

  /** The chat waits again after its offer was taken back: the next agent, if any. */
  function reroute(chatId: string): void {
    changed(chatId);
    const entry = lines.get(chatId);
    if (entry) routeChat(entry);
  }

  function missed(agentId: string, chatId: string): void {
    const agent = offers.withdraw(chatId, 'timeout');
    if (!agent) return;
    agent.requested = 'NOT_READY';
    agent.reason = 'offer-missed';
    persist(agent);
    options.log?.info({ chatId, agentId }, 'offer missed; agent made NOT_READY');
    pool.announce(agent);
    reroute(chatId);
  }

  const slots = createAgentSlots({ pool, persist, routeAgent, now });
  const { startIdleClockIfFree, released } = slots;

  // ---- Restore: a restart keeps every queue's order and every agent's chats ----
  const [records, stored, active] = await Promise.all([
    storage.agents.all(),
    storage.chats.waiting(),
    storage.chats.active(),
  ]);
  pool.load(records);
  /** Waiting chats from storage join their lines; one an earlier router had offered waits again. */
  function adopt(chat: WaitingChat): WaitingEntry {
    if (chat.chat.status === 'offered') {
      void storage.chats.setStatus(chat.chat.id, 'queued').catch(warn('restoring a chat failed'));
    }
    return waiting.enqueue(chat);
  }
  for (const chat of stored) adopt(chat);
  for (const chat of active) {
    if (!chat.agent) continue;
    const agent = pool.ensure(chat.agent.id, chat.agent.name);
    agent.active.add(chat.id);
    pool.touch(agent);
  }
  const offFinesse = events.on('finesseAvailability', ({ available }) => setFinesseAvailable(available));

  /** Publisher/subscriber failover: while no Finesse node answers, nothing is routed, offers are taken back. */
  function setFinesseAvailable(available: boolean): void {
    if (pool.halted === !available) return;
    options.log?.info(
      { halted: !available },
      available ? 'Finesse back: routing resumed' : 'Finesse unreachable: routing halted',
    );
    const offered = [...pool.all()].flatMap((agent) => (agent.offer ? [agent.offer.chatId] : []));
    pool.setHalted(!available);
    for (const chatId of offered) {
      offers.withdraw(chatId, 'disconnected');
      changed(chatId);
    }
    for (const agent of pool.all()) if (agent.connections > 0) pool.announce(agent);
    // Longest idle first, as they would have been offered.
    for (const agent of [...pool.all()].filter(pool.isFree).sort((a, b) => a.idleSince - b.idleSince)) {
      routeAgent(agent);
    }
  }

  return {
    /** Adds a feature's hooks, and restores what it keeps of the agents' slots. */
    async use(more: RoutingHooks): Promise<void> {
      hooks.push(more);
      await more.restore?.({ attachChat: slots.attachChat, holdWrapUp: slots.holdWrapUp });
    },

    queuePosition: (chatId: string): number | null => lines.position(chatId),
    /** The waiting chat's queue and since when it waits, or null when it is not waiting. */
    waiting(chatId: string): { queue: string; waitingSince: number } | null {
      const entry = lines.get(chatId);
      return entry ? { queue: entry.queue, waitingSince: entry.waitingSince } : null;
    },
    /** Whether the chat has waited its queue's maximum (the customer is offered to leave a message). */
    maxWaitReached: (chatId: string): boolean => waiting.maxWaitReached(chatId),
    /** Waiting chats per queue, oldest first. */
    lines: () => waitingLines(lines),
    staffing: (queue: string): Staffing => pool.staffing(queue),
    /** Whether anyone could ever take a chat of this queue now (its own agents, or an overflow's). */
    staffed(queue: string): boolean {
      return routing
        .queue(queue)
        .stages.some((stage) => stage.queues.some((name) => pool.staffing(name).agents > 0));
    },
    agentStatus: (agentId: string): AgentStatus => pool.status(pool.ensure(agentId)),
    setFinesseAvailable,

    /** The agent's voice state from Finesse (gadget report or server subscription). */
    reportVoice(agentId: string, voice: VoiceReport): AgentStatus {
      const agent = pool.ensure(agentId);
      // A fresh report is the moment to repeat an action Finesse has not applied yet.
      if (JSON.stringify(agent.voice) !== JSON.stringify(voice)) agent.lastVoiceAction = null;
      agent.voice = voice;
      pool.announce(agent);
      routeAgent(agent);
      return pool.status(agent);
    },

    agentConnected(agentId: string, name: string, teamId?: string): AgentStatus {
      const agent = pool.ensure(agentId, name, teamId);
      agent.connections += 1;
      persist(agent);
      pool.touch(agent);
      routeAgent(agent);
      return pool.status(agent);
    },

    agentDisconnected(agentId: string): void {
      const agent = pool.get(agentId);
      if (!agent) return;
      agent.connections = Math.max(0, agent.connections - 1);
      pool.touch(agent);
      if (agent.connections === 0 && agent.offer) {
        const chatId = agent.offer.chatId;
        offers.withdraw(chatId, 'disconnected');
        reroute(chatId);
      }
    },

    setRequestedState(agentId: string, state: 'READY' | 'NOT_READY'): AgentStatus {
      const agent = pool.ensure(agentId);
      if (state === 'READY' && agent.requested !== 'READY') {
        startIdleClockIfFree(agent);
        waiting.forgetPassed(agentId);
      }
      agent.requested = state;
      agent.reason = null;
      persist(agent);
      pool.announce(agent);
      if (state === 'NOT_READY' && agent.offer) {
        const chatId = agent.offer.chatId;
        offers.withdraw(chatId, 'declined');
        reroute(chatId);
      }
      routeAgent(agent);
      return pool.status(agent);
    },

    /** A new chat waits in its queue. */
    chatQueued(chat: StoredChat): void {
      if (lines.get(chat.id)) return;
      routeChat(waiting.enqueue({ chat, queuedAt: chat.createdAt, waitingSince: chat.createdAt }));
    },

    async accept(agentId: string, chatId: string): Promise<StoredChat> {
      const agent = pool.get(agentId);
      if (!agent || agent.offer?.chatId !== chatId) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you (it may have timed out)');
      }
      clearTimeout(agent.offer.timer);
      agent.offer = null;
      waiting.dequeue(chatId);
      agent.active.add(chatId);
      agent.reason = null;
      persist(agent);
      pool.announce(agent);
      const accepted = await storage.chats.accept(chatId, { id: agent.id, name: agent.name });
      for (const hook of hooks) hook.offerAccepted?.(chatId);
      await options.postJoined(chatId, agent.name);
      changed(chatId);
      routeAgent(agent);
      return accepted;
    },

    decline(agentId: string, chatId: string): void {
      if (pool.get(agentId)?.offer?.chatId !== chatId) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      }
      const agent = offers.withdraw(chatId, 'declined');
      reroute(chatId);
      if (agent) routeAgent(agent);
    },

    /**
     * Chats storage says are waiting that this router has not heard of (a call lost on its way from
     * another node): they join their lines and are routed.
     */
    reconcile(stored: readonly WaitingChat[]): void {
      // A chat being accepted has left its line before storage says so: it is in a slot already.
      const taken = new Set([...pool.all()].flatMap((agent) => [...agent.active, ...agent.wrapping]));
      for (const chat of stored) {
        if (!lines.get(chat.chat.id) && !taken.has(chat.chat.id)) routeChat(adopt(chat));
      }
    },

    /** The chat has ended (stored by the caller): its agent's slot frees, or it leaves its queue. */
    chatEnded(chat: StoredChat): void {
      const offeredTo = lines.get(chat.id)?.offeredTo ? offers.withdraw(chat.id, 'customer-left') : null;
      waiting.dequeue(chat.id);
      if (offeredTo) routeAgent(offeredTo);
      const agent = chat.agent ? pool.get(chat.agent.id) : undefined;
      if (!agent?.active.delete(chat.id)) return;
      if (hooks.some((hook) => hook.holdAfterEnd?.(chat))) agent.wrapping.add(chat.id);
      released(agent);
    },

    // ---- Collaboration and supervision: slots of transfers, conferences and wrap-ups ----
    availableAgents: slots.availableAgents,
    attachChat: slots.attachChat,
    detachChat: slots.detachChat,
    holdWrapUp: slots.holdWrapUp,
    releaseWrapUp: slots.releaseWrapUp,

    /**
     * An active chat goes back to a queue, at its head: its owner `from` leaves it and is free again,
     * and `passedBy` (its last agents) are not offered it. A transfer to a queue uses the same engine.
     */
    async requeue(
      chat: StoredChat,
      input: { from: string; queue: string; passedBy: string[] },
    ): Promise<StoredChat> {
      const at = now();
      const queuedAt = lines.headKey(input.queue, Math.min(at, chat.createdAt));
      const moved = await storage.chats.requeue(chat.id, {
        from: input.from,
        queue: input.queue,
        queuedAt,
        waitingSince: at,
      });
      const agent = pool.get(input.from);
      const wasOwner = agent?.active.delete(chat.id) ?? false;
      routeChat(waiting.enqueue({ chat: moved, queuedAt, waitingSince: at }, input.passedBy));
      if (agent && wasOwner) released(agent);
      return moved;
    },

    /** How many chats are in each routing state now (distinct chats; for /metrics). */
    chatCounts: (): ChatStateCounts => countChats(lines, pool),
    /** The router's state, for tests and diagnostics: who waits where, who is free for an offer. */
    inspect: () => inspectRouter(lines, pool, waiting),

    close(): void {
      offFinesse();
      positions.close();
      waiting.close();
      for (const agent of pool.all()) if (agent.offer) clearTimeout(agent.offer.timer);
    },
  };
}

export type Router = Awaited<ReturnType<typeof createRouter>>;
