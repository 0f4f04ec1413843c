/**
 * Read-only views of the router's state (server/core/routing/router.ts): counts for /metrics, the
 * waiting lines, and who waits where and who is free, for tests and diagnostics.
 */
import type { AgentPool } from './agentPool.ts';
import type { QueueLines } from './queueLines.ts';
import type { WaitingChats } from './waitingChats.ts';

export interface ChatStateCounts {
  waiting: number;
  offered: number;
  active: number;
  wrapUp: number;
}

/** How many chats are in each routing state now (distinct chats). */
export function countChats(lines: QueueLines, pool: AgentPool): ChatStateCounts {
  let waiting = 0;
  let offered = 0;
  for (const entry of lines.all()) {
    if (entry.offeredTo) offered += 1;
    else waiting += 1;
  }
  // A conference or a supervisor's barge-in puts one chat in several agents' slots.
  const active = new Set<string>();
  const wrapUp = new Set<string>();
  for (const agent of pool.all()) {
    for (const chatId of agent.active) active.add(chatId);
    for (const chatId of agent.wrapping) wrapUp.add(chatId);
  }
  return { waiting, offered, active: active.size, wrapUp: wrapUp.size };
}

/** Waiting chats per queue, oldest first. */
export function waitingLines(
  lines: QueueLines,
): Array<{ queue: string; chats: Array<{ chatId: string; waitingSince: number }> }> {
  return [...lines.queues()].map((queue) => ({
    queue,
    chats: lines.line(queue).map((entry) => ({ chatId: entry.chat.id, waitingSince: entry.waitingSince })),
  }));
}

/** Who waits where, who is free for an offer. */
export function inspectRouter(lines: QueueLines, pool: AgentPool, waiting: WaitingChats) {
  return {
    waiting: [...lines.all()].map((entry) => ({
      chatId: entry.chat.id,
      queue: entry.queue,
      offeredTo: entry.offeredTo,
      passedBy: [...entry.passedBy],
      candidate: waiting.candidate(entry),
    })),
    agents: [...pool.all()].map((agent) => ({
      id: agent.id,
      free: pool.isFree(agent),
      candidate: agent,
    })),
  };
}
