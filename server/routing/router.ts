/**
 * Routing, first cut (DESIGN.md "Routing and media blending"): one queue per name, served in
 * arrival order; each waiting chat is offered to the longest-idle READY agent with a free
 * slot; an offer not accepted in time goes to the next agent and the agent who missed it is
 * made NOT_READY, as Cisco's own chat gadget does.
 */
import type { BlendingSettings } from '../../sdk/core/blending.ts';
import type {
  AgentStatus,
  ChatOffer,
  OfferRevokedReason,
  VoiceActionNotice,
  VoiceReport,
} from '../../sdk/core/protocol.ts';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { createAgentPool, type AgentRuntime } from './agentPool.ts';

export interface RouterNotifier {
  agentStatus(agentId: string, status: AgentStatus): void;
  offer(agentId: string, offer: ChatOffer): void;
  offerRevoked(agentId: string, chatId: string, reason: OfferRevokedReason): void;
  /** Media blending wants the agent's voice state changed (seed 002). */
  voiceAction(agentId: string, action: VoiceActionNotice): void;
  /** A chat changed (status, agent, queue position). */
  chatChanged(chatId: string): void;
}

export interface RouterOptions {
  store: ChatStore;
  notifier: RouterNotifier;
  offerTimeoutMs: number;
  maxChatsPerAgent: number;
  /** Media blending settings; `maxChats` comes from `maxChatsPerAgent`. */
  blending?: Omit<Partial<BlendingSettings>, 'maxChats'>;
  /** Writes a system event into the chat (agent joined, …). */
  postEvent(chatId: string, event: 'agent-joined', text: string): void;
  /** Whether an ended chat keeps its agent's slot for wrap-up (server/collaboration/wrapUp.ts). */
  holdAfterEnd?: (chat: StoredChat) => boolean;
  /** More of an offer (a transfer's note and sender). */
  offerExtras?: (chatId: string) => Partial<ChatOffer>;
  /** An agent accepted the chat's offer from the queue. */
  offerAccepted?: (chatId: string) => void;
  now?: () => number;
  log?: { info(obj: object, msg: string): void };
}

/** Who can take chats now: agents signed in and READY, their chat slots, and the free ones. */
export interface Staffing {
  agents: number;
  slots: number;
  freeSlots: number;
}

export function createRouter(options: RouterOptions) {
  const { store, notifier } = options;
  const now = options.now ?? Date.now;
  let halted = false;
  // Each agent's state, slots and media blending (agentPool.ts).
  const pool = createAgentPool({
    store,
    notifier,
    maxChatsPerAgent: options.maxChatsPerAgent,
    blending: options.blending,
    isHalted: () => halted,
    now,
  });
  const { get: runtime, persist, decide, status, announce } = pool;
  /** Waiting chats (queued or offered) in arrival order. */
  let waiting: string[] = [];
  const offeredTo = new Map<string, string>();
  /** Agents who declined or missed a chat are not offered it again until they go READY. */
  const passedBy = new Map<string, Set<string>>();

  /**
   * "Longest idle" counts from the moment the agent has nothing left to do for chat: no conversation
   * and no wrap-up. An agent who just finished wrapping up has not been idle since the chat ended.
   */
  function startIdleClockIfFree(agent: AgentRuntime): void {
    if (agent.active.size === 0 && agent.wrapping.size === 0) agent.idleSince = now();
  }

  function canTakeOffer(agent: AgentRuntime, chatId: string): boolean {
    return pool.canTakeChat(agent) && agent.offer === null && !passedBy.get(chatId)?.has(agent.id);
  }

  function route(): void {
    for (const chatId of waiting) {
      if (offeredTo.has(chatId)) continue;
      const candidates = [...pool.all()].filter((agent) => canTakeOffer(agent, chatId));
      if (candidates.length === 0) continue;
      // Longest idle first; ties by fewer active chats, then id for a stable order.
      candidates.sort(
        (a, b) => a.idleSince - b.idleSince || a.active.size - b.active.size || a.id.localeCompare(b.id),
      );
      const chat = store.getChat(chatId);
      if (chat) offer(candidates[0] as AgentRuntime, chat);
    }
  }

  function offer(agent: AgentRuntime, chat: StoredChat): void {
    const offeredAt = now();
    const expiresAt = offeredAt + options.offerTimeoutMs;
    const timer = setTimeout(() => missed(agent.id, chat.id), options.offerTimeoutMs);
    agent.offer = { chatId: chat.id, expiresAt, timer };
    offeredTo.set(chat.id, agent.id);
    store.setStatus(chat.id, 'offered');
    options.log?.info({ chatId: chat.id, agentId: agent.id }, 'chat offered');
    notifier.offer(agent.id, {
      chatId: chat.id,
      customer: chat.customer,
      queue: chat.queue,
      preChat: chat.preChat,
      offeredAt,
      expiresAt,
      ...options.offerExtras?.(chat.id),
    });
    notifier.chatChanged(chat.id);
  }

  /** Takes the offer back from its agent; the chat waits again. */
  function withdraw(chatId: string, reason: OfferRevokedReason): AgentRuntime | null {
    const agentId = offeredTo.get(chatId);
    if (!agentId) return null;
    const agent = runtime(agentId);
    if (agent.offer) clearTimeout(agent.offer.timer);
    agent.offer = null;
    offeredTo.delete(chatId);
    if (reason === 'timeout' || reason === 'declined') {
      const set = passedBy.get(chatId) ?? new Set();
      set.add(agentId);
      passedBy.set(chatId, set);
    }
    if (reason !== 'customer-left') store.setStatus(chatId, 'queued');
    notifier.offerRevoked(agentId, chatId, reason);
    return agent;
  }

  function missed(agentId: string, chatId: string): void {
    const agent = withdraw(chatId, 'timeout');
    if (!agent) return;
    agent.requested = 'NOT_READY';
    agent.reason = 'offer-missed';
    persist(agent);
    options.log?.info({ chatId, agentId }, 'offer missed; agent made NOT_READY');
    announce(agent);
    notifier.chatChanged(chatId);
    route();
  }

  const removeWaiting = (chatId: string) => {
    waiting = waiting.filter((id) => id !== chatId);
    passedBy.delete(chatId);
    announcedPosition.delete(chatId);
  };

  /** The queue position each waiting customer was last told; only changes are sent. */
  const announcedPosition = new Map<string, number>();

  function notifyWaiting(): void {
    waiting.forEach((chatId, index) => {
      if (announcedPosition.get(chatId) === index + 1) return;
      announcedPosition.set(chatId, index + 1);
      notifier.chatChanged(chatId);
    });
  }

  /** Agents who can take chats now; nobody while Finesse is halted (seed 002 failover). */
  function staffing(): Staffing {
    const result: Staffing = { agents: 0, slots: 0, freeSlots: 0 };
    if (halted) return result;
    for (const agent of pool.all()) {
      if (agent.connections === 0 || agent.requested !== 'READY') continue;
      result.agents += 1;
      result.slots += options.maxChatsPerAgent;
      if (!decide(agent).routable) continue;
      const busy = agent.active.size + agent.wrapping.size + (agent.offer ? 1 : 0);
      result.freeSlots += Math.max(0, options.maxChatsPerAgent - busy);
    }
    return result;
  }

  // Rebuild from storage: a restart keeps the queue order and every agent's active chats.
  for (const chat of store.waitingChats()) {
    if (chat.status === 'offered') store.setStatus(chat.id, 'queued');
    waiting.push(chat.id);
  }
  for (const chat of store.activeChats()) {
    if (chat.agent) runtime(chat.agent.id, chat.agent.name).active.add(chat.id);
  }

  return {
    queuePosition(chatId: string): number | null {
      const index = waiting.indexOf(chatId);
      return index < 0 ? null : index + 1;
    },

    staffing,

    agentStatus(agentId: string): AgentStatus {
      return status(runtime(agentId));
    },

    /** The agent's voice state from Finesse (gadget report or server subscription). */
    reportVoice(agentId: string, voice: VoiceReport): AgentStatus {
      const agent = runtime(agentId);
      const changed = JSON.stringify(agent.voice) !== JSON.stringify(voice);
      agent.voice = voice;
      // A fresh report is the moment to repeat an action Finesse has not applied yet.
      if (changed) agent.lastVoiceAction = null;
      announce(agent);
      route();
      return status(agent);
    },

    /** Seed 002 failover: while no Finesse node answers, nothing is routed. */
    setFinesseAvailable(available: boolean): void {
      if (halted === !available) return;
      halted = !available;
      options.log?.info(
        { halted },
        halted ? 'Finesse unreachable: routing halted' : 'Finesse back: routing resumed',
      );
      for (const agent of pool.all()) {
        if (halted && agent.offer) {
          const chatId = agent.offer.chatId;
          withdraw(chatId, 'disconnected');
          notifier.chatChanged(chatId);
        }
        if (agent.connections > 0) announce(agent);
      }
      route();
    },

    agentConnected(agentId: string, name: string): AgentStatus {
      const agent = runtime(agentId, name);
      agent.connections += 1;
      persist(agent);
      route();
      return status(agent);
    },

    agentDisconnected(agentId: string): void {
      const agent = runtime(agentId);
      agent.connections = Math.max(0, agent.connections - 1);
      if (agent.connections === 0 && agent.offer) {
        const chatId = agent.offer.chatId;
        withdraw(chatId, 'disconnected');
        notifier.chatChanged(chatId);
        route();
      }
    },

    setRequestedState(agentId: string, state: 'READY' | 'NOT_READY'): AgentStatus {
      const agent = runtime(agentId);
      if (state === 'READY' && agent.requested !== 'READY') {
        startIdleClockIfFree(agent);
        for (const set of passedBy.values()) set.delete(agentId);
      }
      agent.requested = state;
      agent.reason = null;
      persist(agent);
      announce(agent);
      if (state === 'NOT_READY' && agent.offer) {
        const chatId = agent.offer.chatId;
        withdraw(chatId, 'declined');
        notifier.chatChanged(chatId);
      }
      route();
      return status(agent);
    },

    chatQueued(chatId: string): void {
      if (!waiting.includes(chatId)) waiting.push(chatId);
      route();
      notifyWaiting();
    },

    accept(agentId: string, chatId: string): StoredChat {
      const agent = runtime(agentId);
      if (agent.offer?.chatId !== chatId) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you (it may have timed out)');
      }
      clearTimeout(agent.offer.timer);
      agent.offer = null;
      offeredTo.delete(chatId);
      removeWaiting(chatId);
      store.accept(chatId, { id: agent.id, name: agent.name });
      options.offerAccepted?.(chatId);
      agent.active.add(chatId);
      agent.reason = null;
      persist(agent);
      options.postEvent(chatId, 'agent-joined', agent.name);
      announce(agent);
      notifier.chatChanged(chatId);
      notifyWaiting();
      route();
      return store.getChat(chatId) as StoredChat;
    },

    decline(agentId: string, chatId: string): void {
      if (runtime(agentId).offer?.chatId !== chatId) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      }
      withdraw(chatId, 'declined');
      notifier.chatChanged(chatId);
      route();
    },

    /** The chat has ended (stored by the caller): free the agent's slot or leave the queue. */
    chatEnded(chat: StoredChat): void {
      if (offeredTo.has(chat.id)) withdraw(chat.id, 'customer-left');
      const wasWaiting = waiting.includes(chat.id);
      removeWaiting(chat.id);
      if (chat.agent) {
        const agent = runtime(chat.agent.id);
        if (agent.active.delete(chat.id)) {
          if (options.holdAfterEnd?.(chat)) agent.wrapping.add(chat.id);
          startIdleClockIfFree(agent);
          persist(agent);
          announce(agent);
        }
      }
      if (wasWaiting) notifyWaiting();
      route();
    },

    // ---- Collaboration (server/collaboration): slots of transfers, conferences and wrap-ups ----

    /** Signed-in agents who could take one more chat now (READY, routable, a free slot). */
    availableAgents(exceptId?: string): Array<{ id: string; name: string }> {
      return [...pool.all()]
        .filter((agent) => agent.id !== exceptId && pool.canTakeChat(agent))
        .map((agent) => ({ id: agent.id, name: agent.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** The chat now takes one of this agent's slots (an accepted transfer or consult). */
    attachChat(agentId: string, chatId: string, name?: string): void {
      const agent = runtime(agentId, name);
      agent.active.add(chatId);
      agent.reason = null;
      persist(agent);
      announce(agent);
    },

    /** The chat no longer takes this agent's slot (transferred away, left a conference). */
    detachChat(agentId: string, chatId: string): void {
      const agent = runtime(agentId);
      if (!agent.active.delete(chatId)) return;
      startIdleClockIfFree(agent);
      persist(agent);
      announce(agent);
      route();
    },

    /** A wrap-up found in storage after a restart keeps its slot. */
    holdWrapUp(agentId: string, chatId: string): void {
      runtime(agentId).wrapping.add(chatId);
    },

    /** The wrap-up is done: its slot is free for the next offer. */
    releaseWrapUp(agentId: string, chatId: string): void {
      const agent = runtime(agentId);
      if (!agent.wrapping.delete(chatId)) return;
      startIdleClockIfFree(agent);
      persist(agent);
      announce(agent);
      route();
    },

    /** A chat waits again at the head of the queue; `passedByIds` (its last agents) are not offered it. */
    requeueFirst(chatId: string, passedByIds: string[] = []): void {
      store.setStatus(chatId, 'queued');
      waiting = [chatId, ...waiting.filter((id) => id !== chatId)];
      passedBy.set(chatId, new Set(passedByIds));
      route();
      notifyWaiting();
    },

    close(): void {
      for (const agent of pool.all()) if (agent.offer) clearTimeout(agent.offer.timer);
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
