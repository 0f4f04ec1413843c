/**
 * The routing model read from the queues file (server/queueFile.ts): each queue's label, priority,
 * required skills, overflow steps, service-level threshold and maximum wait; each agent's queues and
 * skill levels, by Finesse team and by agent id (Finesse's User object gives the team at sign-in, so a
 * Finesse agent needs no second account). Without a queues file every agent serves every queue and
 * no chat needs a skill: one waiting line per queue, as before there were queues.
 */
import type { LocalizedLabel } from '../../../sdk/core/labels.ts';
import type { AgentRoutingEntry, QueueFile } from '../../queueFile.ts';

export type Skills = Readonly<Record<string, number>>;

/** What a waiting chat asks of an agent after it has waited a while (overflow widens it). */
export interface Stage {
  /** 0: the queue's own rules; n: after the n-th overflow step. */
  index: number;
  /** Agents of any of these queues may take it (the chat's own queue first). */
  queues: readonly string[];
  /** At least these levels. */
  skills: Skills;
  /** When (ms of waiting) the next stage begins; null: this is the last. */
  nextAtMs: number | null;
}

export interface QueueRouting {
  name: string;
  label: LocalizedLabel;
  priority: number;
  /** Stage 0 first; each later one applies from its `afterMs` of waiting. */
  stages: ReadonlyArray<Stage & { afterMs: number }>;
  serviceLevelMs: number;
  /** After this long waiting the customer is offered to leave a message; null: never. */
  maxWaitMs: number | null;
}

export interface AgentRouting {
  /** The queues the agent serves; `all`: every queue. */
  queues: ReadonlySet<string> | 'all';
  skills: Skills;
}

export type RoutingPolicy = 'longest-idle' | 'most-skilled';

export interface RoutingModel {
  policy: RoutingPolicy;
  queue(name: string): QueueRouting;
  /** The queues the file names, in its order. */
  configuredQueues(): string[];
  /** The agent's queues and skills: by agent id, else by team, else the default (every queue). */
  agent(agentId: string, teamId: string | undefined): AgentRouting;
}

/** A common contact-center target: answer within 30 s. */
export const DEFAULT_SERVICE_LEVEL_S = 30;

function stagesOf(name: string, entry: QueueFile['defaults']): QueueRouting['stages'] {
  const stages: Array<Stage & { afterMs: number }> = [];
  let queues = [name];
  let skills: Skills = entry.skills ?? {};
  stages.push({ index: 0, afterMs: 0, queues, skills, nextAtMs: null });
  (entry.overflow ?? []).forEach((step, index) => {
    queues = [...new Set([...queues, ...(step.queues ?? [])])];
    skills = step.skills ?? skills;
    const afterMs = step.afterS * 1000;
    const previous = stages[stages.length - 1];
    if (previous) previous.nextAtMs = afterMs;
    stages.push({ index: index + 1, afterMs, queues, skills, nextAtMs: null });
  });
  return stages;
}

/** The stage of a chat of `queue` that has waited `waitedMs`. */
export function stageAt(queue: QueueRouting, waitedMs: number): Stage {
  let current = queue.stages[0] as Stage;
  for (const stage of queue.stages) if (stage.afterMs <= waitedMs) current = stage;
  return current;
}

function agentRoutingOf(entries: Array<AgentRoutingEntry | undefined>): AgentRouting {
  const withQueues = entries.find((entry) => entry?.queues !== undefined)?.queues;
  const skills: Record<string, number> = {};
  // Merged from the default up: the team's levels over the default's, the agent's over both.
  for (const entry of [...entries].reverse()) Object.assign(skills, entry?.skills ?? {});
  return {
    queues: !withQueues || withQueues.includes('*') ? 'all' : new Set(withQueues),
    skills,
  };
}

export function createRoutingModel(file: QueueFile): RoutingModel {
  const cache = new Map<string, QueueRouting>();

  function build(name: string): QueueRouting {
    const entry = { ...file.defaults, ...file.queues[name] };
    return {
      name,
      label: entry.label ?? name,
      priority: entry.priority ?? 0,
      stages: stagesOf(name, entry),
      serviceLevelMs: (entry.serviceLevelS ?? DEFAULT_SERVICE_LEVEL_S) * 1000,
      maxWaitMs: entry.maxWaitS === undefined ? null : entry.maxWaitS * 1000,
    };
  }

  return {
    policy: file.routing.policy,
    queue(name) {
      let queue = cache.get(name);
      if (!queue) {
        queue = build(name);
        // Only queues the file names are kept: any string may arrive in a request.
        if (file.queues[name]) cache.set(name, queue);
      }
      return queue;
    },
    configuredQueues: () => Object.keys(file.queues),
    agent(agentId, teamId) {
      // Most specific first: agent id, then team, then the default.
      return agentRoutingOf([
        file.agents.byAgent[agentId],
        teamId === undefined ? undefined : file.agents.byTeam[teamId],
        file.agents.default,
      ]);
    },
  };
}
