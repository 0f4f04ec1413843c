/**
 * The router's agents (DESIGN.md "Routing and media blending"): each signed-in agent's runtime state
 * (connections, the pending offer, the chat slots taken by active chats and wrap-ups, Finesse voice),
 * its persistence, and seed 002's media blending that turns all that into the agent's chat state.
 * Kept apart from router.ts so the queue and offer logic there reads on its own; the router decides
 * when to route, this module only answers who is able and keeps each agent's status announced.
 */
import {
  blend,
  type BlendingDecision,
  type BlendingSettings,
  type SavedVoiceState,
} from '../../sdk/core/blending.ts';
import type { AgentStatus, VoiceReport } from '../../sdk/core/protocol.ts';
import type { ChatStore } from '../store/chatStore.ts';
import type { RouterNotifier } from './router.ts';

/** A chat offered to an agent, until it is accepted, declined or times out. */
export interface Offer {
  chatId: string;
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export interface AgentRuntime {
  id: string;
  name: string;
  requested: 'READY' | 'NOT_READY';
  reason: string | null;
  idleSince: number;
  connections: number;
  offer: Offer | null;
  active: Set<string>;
  /** Ended chats in wrap-up: their slots stay taken until the wrap-up is done. */
  wrapping: Set<string>;
  /** Finesse voice state as last reported; null for a chat-only agent (no Finesse data). */
  voice: VoiceReport | null;
  /** Voice state to restore when the last chat ends (seed 002), kept by `blend()`. */
  voiceBeforeChat: SavedVoiceState | null;
  /** The voice action last sent, so a repeated decision is not sent again and again. */
  lastVoiceAction: string | null;
}

export interface AgentPoolOptions {
  store: ChatStore;
  notifier: Pick<RouterNotifier, 'agentStatus' | 'voiceAction'>;
  maxChatsPerAgent: number;
  /** Media blending settings; `maxChats` comes from `maxChatsPerAgent`. */
  blending?: Omit<Partial<BlendingSettings>, 'maxChats'> | undefined;
  /** Whether routing is halted because no Finesse node answers (seed 002 failover). */
  isHalted: () => boolean;
  now: () => number;
}

export function createAgentPool(options: AgentPoolOptions) {
  const { store, notifier, now } = options;
  const agents = new Map<string, AgentRuntime>();

  /** The agent's runtime, created from its stored record on first use; `name` refreshes the name. */
  function get(id: string, name?: string): AgentRuntime {
    let agent = agents.get(id);
    if (!agent) {
      const record = store.getAgent(id);
      agent = {
        id,
        name: name ?? record?.name ?? id,
        requested: record?.requestedState ?? 'NOT_READY',
        reason: record?.stateReason ?? null,
        idleSince: record?.idleSince ?? now(),
        connections: 0,
        offer: null,
        active: new Set(),
        wrapping: new Set(),
        voice: null,
        voiceBeforeChat: null,
        lastVoiceAction: null,
      };
      agents.set(id, agent);
    }
    if (name) agent.name = name;
    return agent;
  }

  function persist(agent: AgentRuntime): void {
    store.saveAgent({
      id: agent.id,
      name: agent.name,
      requestedState: agent.requested,
      stateReason: agent.reason,
      idleSince: agent.idleSince,
    });
  }

  /**
   * Seed 002's media blending for this agent. A chat-only agent (no voice reported) blends
   * as if voice were NOT_READY outside any call: chats are routed, no voice action.
   *
   * Wrap-ups count as chats here. Seed 002 has the agent work one medium at a time; a chat in
   * wrap-up is still chat work (and still takes its slot, see `canTakeChat`), so voice stays NOT_READY
   * "Handling Chat" until the last wrap-up ends or times out, and only then is restored. It also keeps
   * the chat state in step with the slots: ACTIVE during a wrap-up, BUSY when chats and wrap-ups fill
   * every slot, and an internal call during a wrap-up does not interrupt (seed 002's second table,
   * "≥1 active chats"). A routed call still interrupts, but cannot arrive while voice is NOT_READY.
   */
  function decide(agent: AgentRuntime): BlendingDecision {
    return blend({
      voiceState: agent.voice?.state ?? 'NOT_READY',
      voiceReasonCodeId: agent.voice?.reasonCodeId ?? null,
      voiceReasonLabel: agent.voice?.reasonLabel ?? null,
      callType: agent.voice?.callType ?? null,
      activeChats: agent.active.size + agent.wrapping.size,
      requested: agent.requested,
      settings: { ...options.blending, maxChats: options.maxChatsPerAgent },
      voiceBeforeChat: agent.voiceBeforeChat,
    });
  }

  /**
   * What the agent's desktop shows. `activeChats` counts live conversations only (the gadget's
   * "2/5 chats" and the team view): a wrap-up is not a chat to answer. The `state` does count
   * wrap-ups (see `decide`), so `wrapUps` is sent beside it: an agent with one chat in wrap-up reads
   * ACTIVE with 0 chats and 1 wrap-up, and the desktop can say why rather than "Active · 0/5 chats".
   */
  function status(agent: AgentRuntime, decision = decide(agent)): AgentStatus {
    return {
      state: decision.chatState,
      requested: agent.requested,
      reason: agent.reason,
      activeChats: agent.active.size,
      maxChats: options.maxChatsPerAgent,
      wrapUps: agent.wrapping.size,
      voice: agent.voice ? { state: agent.voice.state, callType: agent.voice.callType } : null,
      finesse: options.isHalted() ? 'halted' : 'ok',
    };
  }

  /** Recomputes blending, asks the desktop for a voice change if needed, and sends the status. */
  function announce(agent: AgentRuntime): void {
    const decision = decide(agent);
    agent.voiceBeforeChat = decision.voiceBeforeChat;
    if (agent.voice && decision.voiceAction.type !== 'none' && !options.isHalted()) {
      const key = JSON.stringify(decision.voiceAction);
      if (key !== agent.lastVoiceAction) {
        agent.lastVoiceAction = key;
        notifier.voiceAction(agent.id, decision.voiceAction);
      }
    } else {
      agent.lastVoiceAction = null;
    }
    notifier.agentStatus(agent.id, status(agent, decision));
  }

  /**
   * Whether the agent could take one more chat now: routing not halted, signed in, READY, routable
   * by blending, and a slot free (active chats and wrap-ups both take one). A pending offer is the
   * router's business.
   */
  function canTakeChat(agent: AgentRuntime): boolean {
    return (
      !options.isHalted() &&
      agent.connections > 0 &&
      agent.requested === 'READY' &&
      decide(agent).routable &&
      agent.active.size + agent.wrapping.size < options.maxChatsPerAgent
    );
  }

  return { all: () => agents.values(), get, persist, decide, status, announce, canTakeChat };
}

export type AgentPool = ReturnType<typeof createAgentPool>;
