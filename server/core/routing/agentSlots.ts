/**
 * An agent's chat slots as collaboration and supervision use them: a transfer or consult an agent
 * accepts takes one, leaving a conference or handing a chat on frees one, a wrap-up holds one until
 * it is done. A slot that frees starts the agent's idle clock (when nothing is left) and lets the
 * router offer them the next chat.
 */
import type { AgentPool, AgentRuntime } from './agentPool.ts';

export interface AgentSlotsOptions {
  pool: AgentPool;
  /** Stores the agent's state (requested state, idle clock). */
  persist(agent: AgentRuntime): void;
  /** The agent may take a chat again: the router looks for one. */
  routeAgent(agent: AgentRuntime): void;
  now: () => number;
}

export function createAgentSlots(options: AgentSlotsOptions) {
  const { pool, persist } = options;

  /** "Longest idle" counts from when the agent has nothing left to do for chat: no chat, no wrap-up. */
  function startIdleClockIfFree(agent: AgentRuntime): void {
    if (agent.active.size === 0 && agent.wrapping.size === 0) agent.idleSince = options.now();
  }

  /** A chat left one of the agent's slots: free again, maybe for the next chat. */
  function released(agent: AgentRuntime): void {
    startIdleClockIfFree(agent);
    persist(agent);
    pool.announce(agent);
    options.routeAgent(agent);
  }

  return {
    startIdleClockIfFree,
    released,

    /** Signed-in agents who could take one more chat now (READY, routable, a free slot). */
    availableAgents(exceptId?: string): Array<{ id: string; name: string }> {
      return [...pool.all()]
        .filter((agent) => agent.id !== exceptId && pool.canTakeChat(agent))
        .map((agent) => ({ id: agent.id, name: agent.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** The chat now takes one of this agent's slots (an accepted transfer or consult). */
    attachChat(agentId: string, chatId: string, name?: string): void {
      const agent = pool.ensure(agentId, name);
      agent.active.add(chatId);
      agent.reason = null;
      persist(agent);
      pool.announce(agent);
    },

    /** The chat no longer takes this agent's slot (transferred away, left a conference). */
    detachChat(agentId: string, chatId: string): void {
      const agent = pool.get(agentId);
      if (agent?.active.delete(chatId)) released(agent);
    },

    /** A wrap-up found in storage after a restart keeps its slot. */
    holdWrapUp(agentId: string, chatId: string): void {
      const agent = pool.ensure(agentId);
      agent.wrapping.add(chatId);
      pool.touch(agent);
    },

    /** The wrap-up is done: its slot is free for the next offer. */
    releaseWrapUp(agentId: string, chatId: string): void {
      const agent = pool.get(agentId);
      if (agent?.wrapping.delete(chatId)) released(agent);
    },
  };
}

export type AgentSlots = ReturnType<typeof createAgentSlots>;
