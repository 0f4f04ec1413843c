/**
 * The routing leader's account of which node holds which agents' sockets (server/cluster/
 * clusterRouting.ts). The router counts an agent's connections; the ledger knows where they are, so
 * that a node that vanished (killed, cut off) takes its agents' connections with it, and a node's
 * repeated announcement puts right what lost calls left wrong: its counts are set, not added.
 */
import type { VoiceReport } from '../../sdk/core/protocol.ts';
import type { Router } from '../core/routing/router.ts';

/** One agent as a node announces them. */
export interface AgentAnnouncement {
  agentId: string;
  name: string;
  teamId?: string;
  /** Sockets on that node. */
  connections: number;
  /** The voice state last reported through that node, if any. */
  voice: VoiceReport | null;
}

interface NodeAccount {
  seen: number;
  agents: Map<string, number>;
}

export function createAgentLedger(options: {
  router: Pick<Router, 'agentConnected' | 'agentDisconnected' | 'reportVoice'>;
  /** How often nodes announce; a node silent for five times as long is gone. */
  syncMs: number;
  log: { warn(obj: object, msg: string): void };
  now?: () => number;
}) {
  const { router } = options;
  const now = options.now ?? Date.now;
  const nodes = new Map<string, NodeAccount>();
  const voices = new Map<string, string>();

  function account(node: string): NodeAccount {
    let found = nodes.get(node);
    if (!found) {
      found = { seen: now(), agents: new Map() };
      nodes.set(node, found);
    }
    found.seen = now();
    return found;
  }

  function drop(node: string, agentId: string, count: number): void {
    for (let i = 0; i < count; i += 1) router.agentDisconnected(agentId);
    nodes.get(node)?.agents.delete(agentId);
  }

  return {
    connected(node: string, agentId: string): void {
      const { agents } = account(node);
      agents.set(agentId, (agents.get(agentId) ?? 0) + 1);
    },

    /** Whether the disconnect matches a connection the ledger holds (the router is to hear of it). */
    disconnected(node: string, agentId: string): boolean {
      const { agents } = account(node);
      const count = agents.get(agentId) ?? 0;
      if (count === 0) return false;
      if (count === 1) agents.delete(agentId);
      else agents.set(agentId, count - 1);
      return true;
    },

    voice(agentId: string, voice: VoiceReport): void {
      voices.set(agentId, JSON.stringify(voice));
    },

    /** A node's whole list: the router hears of each difference from what the ledger held. */
    announce(node: string, list: readonly AgentAnnouncement[]): void {
      const { agents } = account(node);
      const listed = new Set(list.map((agent) => agent.agentId));
      for (const [agentId, count] of [...agents]) if (!listed.has(agentId)) drop(node, agentId, count);
      for (const agent of list) {
        const had = agents.get(agent.agentId) ?? 0;
        for (let i = had; i < agent.connections; i += 1) {
          router.agentConnected(agent.agentId, agent.name, agent.teamId);
        }
        for (let i = agent.connections; i < had; i += 1) router.agentDisconnected(agent.agentId);
        if (agent.connections > 0) agents.set(agent.agentId, agent.connections);
        else agents.delete(agent.agentId);
        const voice = agent.voice && JSON.stringify(agent.voice);
        if (voice && voices.get(agent.agentId) !== voice) {
          voices.set(agent.agentId, voice);
          router.reportVoice(agent.agentId, agent.voice as VoiceReport);
        }
      }
    },

    /** Nodes not heard from for five announcement periods are gone, with their agents' sockets. */
    sweep(): void {
      for (const [node, { seen, agents }] of [...nodes]) {
        if (now() - seen < options.syncMs * 5) continue;
        options.log.warn({ node, agents: agents.size }, 'a node went silent: its agents are disconnected');
        for (const [agentId, count] of [...agents]) drop(node, agentId, count);
        nodes.delete(node);
      }
    },
  };
}
