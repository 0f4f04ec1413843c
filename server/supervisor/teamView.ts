/**
 * The supervisor's team view (issue 6): who is in which team, their chat state and chats, how long
 * each customer has waited for an answer, and the queues. Snapshots are computed from the store and
 * the router on demand; `createWaitTracker` keeps the per-chat "waiting since" incrementally so a
 * snapshot never rescans whole chats.
 */
import type { QueueFigures, TeamAgentView, TeamChatView, TeamSnapshot } from '../../sdk/core/protocol.ts';
import type { Router } from '../routing/router.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import type { TeamRef } from './teams.ts';

/** A signed-in (or once signed-in) agent, as their session token said at connection. */
export interface MemberRecord {
  id: string;
  name: string;
  teamId: string;
  /** Open gadget connections; 0 = signed out. */
  connections: number;
}

/** Since when each chat's customer has waited for an answer: their oldest message after the agent's last. */
export function createWaitTracker(store: ChatStore) {
  const cache = new Map<string, { seq: number; since: number | null }>();
  return {
    waitingSince(chat: StoredChat): number | null {
      const entry = cache.get(chat.id) ?? { seq: 0, since: null };
      if (chat.lastSeq > entry.seq) {
        for (const message of store.messagesAfter(chat.id, entry.seq, 10_000)) {
          entry.seq = message.seq;
          if (message.kind === 'event') continue;
          if (message.from.role === 'customer') entry.since ??= message.sentAt;
          else if (message.from.role === 'agent') entry.since = null;
        }
        cache.set(chat.id, entry);
      }
      return entry.since;
    },
    forget(chatId: string): void {
      cache.delete(chatId);
    },
  };
}

export type WaitTracker = ReturnType<typeof createWaitTracker>;

export interface TeamViewDeps {
  store: ChatStore;
  router: () => Router;
  members: ReadonlyMap<string, MemberRecord>;
  waits: WaitTracker;
  /** Supervisors who barged into a chat (names). */
  barged: (chatId: string) => string[];
  now?: () => number;
}

/** The snapshot for a supervisor of `teams`. */
export function teamSnapshot(deps: TeamViewDeps, teams: readonly TeamRef[]): TeamSnapshot {
  const teamIds = new Set(teams.map((team) => team.id));
  const active = deps.store.activeChats();
  const byAgent = new Map<string, StoredChat[]>();
  for (const chat of active) {
    if (!chat.agent) continue;
    byAgent.set(chat.agent.id, [...(byAgent.get(chat.agent.id) ?? []), chat]);
  }
  const agents: TeamAgentView[] = [];
  for (const member of deps.members.values()) {
    if (!teamIds.has(member.teamId)) continue;
    const status = deps.router().agentStatus(member.id);
    const chats: TeamChatView[] = (byAgent.get(member.id) ?? []).map((chat) => ({
      chatId: chat.id,
      customerName: chat.customer.name,
      queue: chat.queue,
      acceptedAt: chat.acceptedAt,
      waitingSince: deps.waits.waitingSince(chat),
      barged: deps.barged(chat.id),
    }));
    agents.push({
      id: member.id,
      name: member.name,
      teamId: member.teamId,
      state: member.connections > 0 ? status.state : 'SIGNED_OUT',
      activeChats: chats.length,
      maxChats: status.maxChats,
      wrapUps: status.wrapUps ?? 0,
      chats,
    });
  }
  agents.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  const queues = new Map<string, QueueFigures>();
  for (const chat of deps.store.waitingChats()) {
    const figures = queues.get(chat.queue) ?? { queue: chat.queue, waiting: 0, longestWaitSince: null };
    figures.waiting += 1;
    figures.longestWaitSince = Math.min(figures.longestWaitSince ?? chat.createdAt, chat.createdAt);
    queues.set(chat.queue, figures);
  }
  return {
    teams: teams.map((team) => ({ id: team.id, name: team.name })),
    agents,
    queues: [...queues.values()].sort((a, b) => a.queue.localeCompare(b.queue)),
    agentsReady: agents.filter((agent) => agent.state === 'READY' || agent.state === 'ACTIVE').length,
    at: (deps.now ?? Date.now)(),
  };
}
