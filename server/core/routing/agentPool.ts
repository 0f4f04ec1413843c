/**
 * The router's agents (docs/routing.md): each agent's runtime state (connections, the pending
 * offer, the slots taken by chats and wrap-ups, Finesse voice, queues and skills), the media
 * blending (sdk/core/blending.ts) that turns it into a chat state, and two indexes kept up to date on every
 * change: the free agents of each queue in idle order (who can take a chat now) and each queue's
 * staffing (for wait estimates and "no agent available"). Blending runs once per change of an
 * agent, never once per agent per event.
 */
import {
  blend,
  normalizeBlendingSettings,
  type BlendingDecision,
  type BlendingSettings,
  type SavedVoiceState,
} from '../../../sdk/core/blending.ts';
import type { AgentStatus, VoiceActionNotice, VoiceReport } from '../../../sdk/core/protocol.ts';
import type { AgentRecord } from '../storage/storage.ts';
import type { AgentCandidate } from './decision.ts';
import type { AgentRouting } from './routingConfig.ts';

/** A chat offered to an agent, until it is accepted, declined or times out. */
export interface Offer {
  chatId: string;
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export interface AgentRuntime extends AgentCandidate {
  name: string;
  teamId: string | undefined;
  requested: 'READY' | 'NOT_READY';
  reason: string | null;
  connections: number;
  offer: Offer | null;
  active: Set<string>;
  /** Ended chats in wrap-up: their slots stay taken until the wrap-up is done. */
  wrapping: Set<string>;
  /** Finesse voice state as last reported; null for a chat-only agent (no Finesse data). */
  voice: VoiceReport | null;
  /** Voice state to restore when the last chat ends, kept by `blend()` (sdk/core/blending.ts). */
  voiceBeforeChat: SavedVoiceState | null;
  /** The voice action last sent, so a repeated decision is not sent again and again. */
  lastVoiceAction: string | null;
  decision: BlendingDecision | null;
  /** Where the indexes have this agent now (to take it out again). */
  indexed: { keys: string[]; idleSince: number } | null;
  staffed: { keys: string[]; slots: number; freeSlots: number } | null;
}

/** Who can take chats now in a queue: agents signed in and READY, their slots, and the free ones. */
export interface Staffing {
  agents: number;
  slots: number;
  freeSlots: number;
}

export interface AgentPoolOptions {
  maxChatsPerAgent: number;
  blending?: Omit<Partial<BlendingSettings>, 'maxChats'> | undefined;
  /** The agent's queues and skills (routing configuration). */
  routing(agentId: string, teamId: string | undefined): AgentRouting;
  status(agentId: string, status: AgentStatus): void;
  voiceAction(agentId: string, action: VoiceActionNotice): void;
  now: () => number;
}

/** The index key of agents who serve every queue. */
export const ALL = '*';
const keysOf = (routing: AgentRouting): string[] => (routing.queues === 'all' ? [ALL] : [...routing.queues]);
const idleOrder = (a: AgentRuntime, b: AgentRuntime) =>
  a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createAgentPool(options: AgentPoolOptions) {
  const { now } = options;
  const settings = normalizeBlendingSettings({ ...options.blending, maxChats: options.maxChatsPerAgent });
  const agents = new Map<string, AgentRuntime>();
  const records = new Map<string, AgentRecord>();
  const free = new Map<string, AgentRuntime[]>();
  const staffing = new Map<string, Staffing>();
  let halted = false;

  function decide(agent: AgentRuntime): BlendingDecision {
    agent.decision ??= blend({
      voiceState: agent.voice?.state ?? 'NOT_READY',
      voiceReasonCodeId: agent.voice?.reasonCodeId ?? null,
      voiceReasonLabel: agent.voice?.reasonLabel ?? null,
      callType: agent.voice?.callType ?? null,
      // Wrap-ups count as chats: voice stays NOT_READY "Handling Chat" until the last one ends.
      activeChats: agent.active.size + agent.wrapping.size,
      requested: agent.requested,
      settings,
      voiceBeforeChat: agent.voiceBeforeChat,
    });
    return agent.decision;
  }

  const busy = (agent: AgentRuntime) => agent.active.size + agent.wrapping.size;

  /** Whether the agent could take one more chat now (an offer pending aside). */
  function canTakeChat(agent: AgentRuntime): boolean {
    return (
      !halted &&
      agent.connections > 0 &&
      agent.requested === 'READY' &&
      decide(agent).routable &&
      busy(agent) < options.maxChatsPerAgent
    );
  }

  function unindex(agent: AgentRuntime): void {
    for (const key of agent.indexed?.keys ?? []) {
      const list = free.get(key);
      const index = list?.indexOf(agent) ?? -1;
      if (list && index >= 0) list.splice(index, 1);
    }
    agent.indexed = null;
    for (const key of agent.staffed?.keys ?? []) {
      const figures = staffing.get(key);
      if (!figures || !agent.staffed) continue;
      figures.agents -= 1;
      figures.slots -= agent.staffed.slots;
      figures.freeSlots -= agent.staffed.freeSlots;
    }
    agent.staffed = null;
  }

  /** Puts the agent where it belongs in the indexes after any change (the single place they change). */
  function reindex(agent: AgentRuntime): void {
    agent.busySlots = busy(agent);
    unindex(agent);
    const keys = keysOf(agent.routing);
    if (canTakeChat(agent) && !agent.offer) {
      for (const key of keys) {
        let list = free.get(key);
        if (!list) free.set(key, (list = []));
        let low = 0;
        let high = list.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (idleOrder(list[middle] as AgentRuntime, agent) < 0) low = middle + 1;
          else high = middle;
        }
        list.splice(low, 0, agent);
      }
      agent.indexed = { keys, idleSince: agent.idleSince };
    }
    if (!halted && agent.connections > 0 && agent.requested === 'READY') {
      const freeSlots = decide(agent).routable
        ? Math.max(0, options.maxChatsPerAgent - busy(agent) - (agent.offer ? 1 : 0))
        : 0;
      agent.staffed = { keys, slots: options.maxChatsPerAgent, freeSlots };
      for (const key of keys) {
        const figures = staffing.get(key) ?? { agents: 0, slots: 0, freeSlots: 0 };
        figures.agents += 1;
        figures.slots += options.maxChatsPerAgent;
        figures.freeSlots += freeSlots;
        staffing.set(key, figures);
      }
    }
  }

  /** Drops the cached blending decision and re-indexes: call after every change of the agent. */
  function touch(agent: AgentRuntime): void {
    agent.decision = null;
    reindex(agent);
  }

  function status(agent: AgentRuntime): AgentStatus {
    return {
      state: decide(agent).chatState,
      requested: agent.requested,
      reason: agent.reason,
      // Live conversations only ("2/5 chats"); wrap-ups are sent beside them.
      activeChats: agent.active.size,
      maxChats: options.maxChatsPerAgent,
      wrapUps: agent.wrapping.size,
      voice: agent.voice ? { state: agent.voice.state, callType: agent.voice.callType } : null,
      finesse: halted ? 'halted' : 'ok',
    };
  }

  return {
    /** The stored state of every agent, read once at start (agents sign in again after a restart). */
    load(stored: AgentRecord[]): void {
      for (const record of stored) records.set(record.id, record);
    },
    get: (id: string): AgentRuntime | undefined => agents.get(id),
    all: (): IterableIterator<AgentRuntime> => agents.values(),

    /** The agent's runtime, created on first use; `name` and `teamId` refresh what is known. */
    ensure(id: string, name?: string, teamId?: string): AgentRuntime {
      let agent = agents.get(id);
      if (!agent) {
        const record = records.get(id);
        agent = {
          id,
          name: name ?? record?.name ?? id,
          teamId,
          routing: options.routing(id, teamId),
          requested: record?.requestedState ?? 'NOT_READY',
          reason: record?.stateReason ?? null,
          idleSince: record?.idleSince ?? now(),
          busySlots: 0,
          connections: 0,
          offer: null,
          active: new Set(),
          wrapping: new Set(),
          voice: null,
          voiceBeforeChat: null,
          lastVoiceAction: null,
          decision: null,
          indexed: null,
          staffed: null,
        };
        agents.set(id, agent);
      }
      if (name) agent.name = name;
      if (teamId !== undefined && teamId !== agent.teamId) {
        agent.teamId = teamId;
        agent.routing = options.routing(id, teamId);
        reindex(agent);
      }
      return agent;
    },

    record(agent: AgentRuntime): AgentRecord {
      return {
        id: agent.id,
        name: agent.name,
        requestedState: agent.requested,
        stateReason: agent.reason,
        idleSince: agent.idleSince,
      };
    },

    decide,
    status,
    touch,
    canTakeChat,
    /** Free for an offer now: able to take a chat and none offered. */
    isFree: (agent: AgentRuntime): boolean => canTakeChat(agent) && !agent.offer,

    /** Recomputes blending, asks the desktop for a voice change if needed, and sends the status. */
    announce(agent: AgentRuntime): void {
      touch(agent);
      const decision = decide(agent);
      agent.voiceBeforeChat = decision.voiceBeforeChat;
      if (agent.voice && decision.voiceAction.type !== 'none' && !halted) {
        const key = JSON.stringify(decision.voiceAction);
        if (key !== agent.lastVoiceAction) {
          agent.lastVoiceAction = key;
          options.voiceAction(agent.id, decision.voiceAction);
        }
      } else {
        agent.lastVoiceAction = null;
      }
      options.status(agent.id, status(agent));
    },

    /** Free agents of these queues (and those serving every queue), each list in idle order. */
    freeLists(queues: readonly string[]): AgentRuntime[][] {
      const lists: AgentRuntime[][] = [];
      for (const key of [ALL, ...queues]) {
        const list = free.get(key);
        if (list && list.length > 0) lists.push(list);
      }
      return lists;
    },

    /** Staffing of a queue: agents serving it by name and those serving every queue. */
    staffing(queue: string): Staffing {
      const all = staffing.get(ALL);
      const own = queue === ALL ? undefined : staffing.get(queue);
      return {
        agents: (all?.agents ?? 0) + (own?.agents ?? 0),
        slots: (all?.slots ?? 0) + (own?.slots ?? 0),
        freeSlots: (all?.freeSlots ?? 0) + (own?.freeSlots ?? 0),
      };
    },

    get halted(): boolean {
      return halted;
    },
    setHalted(value: boolean): void {
      halted = value;
      for (const agent of agents.values()) touch(agent);
    },
  };
}

export type AgentPool = ReturnType<typeof createAgentPool>;
