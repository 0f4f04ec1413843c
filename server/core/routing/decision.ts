/**
 * The routing decision, a pure function like `blend()`: waiting chats and free agents in, offers out.
 *
 * - A chat may go to an agent who serves one of the queues its stage allows (its own queue, then
 *   those overflow adds), has every skill its stage asks for at the level or above, is not one of the
 *   agents who passed it by (declined or missed it), and is free: chat state READY or ACTIVE below the
 *   maximum, blending allows, no offer pending (the router only passes in such agents).
 * - Chats go in order: higher queue priority first, then the one waiting longest (its place in its
 *   queue), each to the best agent still free.
 * - The best agent: `longest-idle` (idle since the end of their last chat work), or `most-skilled`
 *   (highest levels in the skills the chat needs, summed; then longest idle). Ties: fewer chats, then id.
 *
 * The router calls this with the few candidates its indexes pick for one event (server/core/routing/
 * router.ts), so the work per event does not grow with waiting chats × agents.
 */
import type { AgentRouting, RoutingPolicy, Stage } from './routingConfig.ts';

export interface ChatCandidate {
  id: string;
  priority: number;
  /** The queue's sort key: lower waits longer (a chat put back at the head has the lowest). */
  queuedAt: number;
  stage: Pick<Stage, 'queues' | 'skills'>;
  passedBy: ReadonlySet<string>;
}

export interface AgentCandidate {
  id: string;
  idleSince: number;
  /** Chats and wrap-ups taking a slot. */
  busySlots: number;
  routing: AgentRouting;
}

export interface Assignment {
  chatId: string;
  agentId: string;
}

export function serves(agent: AgentRouting, queues: readonly string[]): boolean {
  if (agent.queues === 'all') return true;
  const own = agent.queues;
  return queues.some((queue) => own.has(queue));
}

export function hasSkills(agent: AgentRouting, required: Readonly<Record<string, number>>): boolean {
  for (const skill in required) {
    if ((agent.skills[skill] ?? 0) < (required[skill] ?? 0)) return false;
  }
  return true;
}

export function eligible(chat: ChatCandidate, agent: AgentCandidate): boolean {
  return (
    !chat.passedBy.has(agent.id) &&
    serves(agent.routing, chat.stage.queues) &&
    hasSkills(agent.routing, chat.stage.skills)
  );
}

/** Sum of the agent's levels in the skills the chat needs. */
export function skillScore(agent: AgentCandidate, chat: ChatCandidate): number {
  let score = 0;
  for (const skill in chat.stage.skills) score += agent.routing.skills[skill] ?? 0;
  return score;
}

/** Negative when `a` should get `chat` before `b`. */
export function compareAgents(
  a: AgentCandidate,
  b: AgentCandidate,
  chat: ChatCandidate,
  policy: RoutingPolicy,
): number {
  if (policy === 'most-skilled') {
    const bySkill = skillScore(b, chat) - skillScore(a, chat);
    if (bySkill !== 0) return bySkill;
  }
  return a.idleSince - b.idleSince || a.busySlots - b.busySlots || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Negative when `a` should be served before `b`. */
export function compareChats(a: ChatCandidate, b: ChatCandidate): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The offers to make now: each chat, in order, to the best eligible agent not given one already. */
export function decide(input: {
  chats: readonly ChatCandidate[];
  agents: readonly AgentCandidate[];
  policy: RoutingPolicy;
}): Assignment[] {
  const free = new Set(input.agents);
  const assignments: Assignment[] = [];
  for (const chat of [...input.chats].sort(compareChats)) {
    let best: AgentCandidate | null = null;
    for (const agent of free) {
      if (!eligible(chat, agent)) continue;
      if (!best || compareAgents(agent, best, chat, input.policy) < 0) best = agent;
    }
    if (!best) continue;
    free.delete(best);
    assignments.push({ chatId: chat.id, agentId: best.id });
  }
  return assignments;
}
