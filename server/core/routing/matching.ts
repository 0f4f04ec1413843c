/**
 * The router's two questions (docs/routing.md), each put to the candidates of one event only:
 * a waiting chat looks at the free agents of the queues its stage allows, and an agent who becomes
 * free looks at the head of each line they may serve. The answer goes through the pure decision
 * (decision.ts) and, when there is one, becomes an offer (offers.ts).
 */
import type { AgentPool, AgentRuntime } from './agentPool.ts';
import { decide, eligible, serves, type ChatCandidate } from './decision.ts';
import type { Offers } from './offers.ts';
import type { QueueLines, WaitingEntry } from './queueLines.ts';
import type { RoutingModel } from './routingConfig.ts';
import type { WaitingChats } from './waitingChats.ts';

export interface MatchingOptions {
  pool: AgentPool;
  lines: QueueLines;
  waiting: WaitingChats;
  routing: RoutingModel;
  offers: Pick<Offers, 'make'>;
}

export function createMatching({ pool, lines, waiting, routing, offers }: MatchingOptions) {
  /** A waiting chat looks at the free agents of the queues its stage allows. */
  function routeChat(entry: WaitingEntry): void {
    if (pool.halted || entry.offeredTo) return;
    const chat = waiting.candidate(entry);
    const agents = new Set<AgentRuntime>();
    for (const list of pool.freeLists(chat.stage.queues)) {
      // Lists are in idle order: for longest-idle the first eligible agents (and their ties) suffice.
      let firstIdle: number | null = null;
      for (const agent of list) {
        if (firstIdle !== null && routing.policy === 'longest-idle' && agent.idleSince !== firstIdle) break;
        if (!eligible(chat, agent)) continue;
        agents.add(agent);
        firstIdle ??= agent.idleSince;
      }
    }
    const [assignment] = decide({ chats: [chat], agents: [...agents], policy: routing.policy });
    const agent = assignment && pool.get(assignment.agentId);
    if (agent) offers.make(agent, entry);
  }

  /** A free agent looks at the head of every line they may serve. */
  function routeAgent(agent: AgentRuntime): void {
    if (!pool.isFree(agent)) return;
    const chats: ChatCandidate[] = [];
    for (const queueName of lines.queues()) {
      const queue = routing.queue(queueName);
      if (!queue.stages.some((stage) => serves(agent.routing, stage.queues))) continue;
      for (const entry of lines.line(queueName)) {
        if (entry.offeredTo || entry.passedBy.has(agent.id)) continue;
        const chat = waiting.candidate(entry);
        // Behind the first ordinary chat every chat has waited less: it needs as much or more
        // (overflow only relaxes). A chat put back at the head may have waited less: look past it.
        if (serves(agent.routing, chat.stage.queues)) chats.push(chat);
        if (!entry.boosted) break;
      }
    }
    const [assignment] = decide({ chats, agents: [agent], policy: routing.policy });
    const entry = assignment && lines.get(assignment.chatId);
    if (entry) offers.make(agent, entry);
  }

  return { routeChat, routeAgent };
}
