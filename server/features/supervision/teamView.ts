/**
 * The supervisor's team view: who is in which team, their chat state and chats, how long
 * each customer has waited for an answer, and the supervisor's queues — each with its waiting chats,
 * its longest wait, its staffing and its service level (answered within the queue's threshold over
 * the last 24 hours). A snapshot reads the chats of the team's agents only, never every chat.
 */
import type {
  ChatMessage,
  QueueFigures,
  TeamAgentView,
  TeamChatView,
  TeamSnapshot,
} from '../../../sdk/core/protocol.ts';
import type { RoutingPort } from '../../core/routing/routingPort.ts';
import type { RoutingModel } from '../../core/routing/routingConfig.ts';
import type { Storage, StoredChat } from '../../core/storage/storage.ts';
import type { TeamRef } from './teams.ts';

/** A signed-in (or once signed-in) agent, as their session token said at connection. */
export interface MemberRecord {
  id: string;
  name: string;
  teamId: string;
  /** Open gadget connections; 0 = signed out. */
  connections: number;
}

/**
 * Since when each chat's customer has waited for an answer: their oldest message after the agent's
 * last. Kept up from the messages as they are stored; whatever it missed (a chat from before a
 * restart) is read from storage once, from the last message it saw.
 */
export function createWaitTracker(messages: Storage['messages']) {
  const known = new Map<string, { seq: number; since: number | null }>();
  const apply = (entry: { seq: number; since: number | null }, message: ChatMessage) => {
    entry.seq = message.seq;
    if (message.kind === 'event') return;
    if (message.from.role === 'customer') entry.since ??= message.sentAt;
    else if (message.from.role === 'agent') entry.since = null;
  };
  return {
    note(message: ChatMessage): void {
      const entry = known.get(message.chatId);
      if (entry && message.seq === entry.seq + 1) apply(entry, message);
    },
    async waitingSince(chat: StoredChat): Promise<number | null> {
      let entry = known.get(chat.id);
      if (!entry) known.set(chat.id, (entry = { seq: 0, since: null }));
      if (chat.lastSeq > entry.seq) {
        for (const message of await messages.after(chat.id, entry.seq, 10_000)) {
          if (message.seq === entry.seq + 1) apply(entry, message);
        }
      }
      return entry.since;
    },
    forget(chatId: string): void {
      known.delete(chatId);
    },
  };
}

export type WaitTracker = ReturnType<typeof createWaitTracker>;

export interface TeamViewDeps {
  storage: Pick<Storage, 'chats' | 'participants' | 'conversation'>;
  router: RoutingPort;
  routing: RoutingModel;
  members: ReadonlyMap<string, MemberRecord>;
  waits: WaitTracker;
  now?: () => number;
}

const DAY_MS = 24 * 3600_000;
/** Service levels are read again after this long (a query per queue). */
const SERVICE_LEVEL_CACHE_MS = 15_000;

/** The queues a supervisor of `teams` sees: those their agents serve; every queue if one serves all. */
function queuesOf(deps: TeamViewDeps, teamIds: ReadonlySet<string>): string[] | 'all' {
  const queues = new Set<string>();
  const routings = [...teamIds].map((teamId) => deps.routing.agent('', teamId));
  for (const member of deps.members.values()) {
    if (teamIds.has(member.teamId)) routings.push(deps.routing.agent(member.id, member.teamId));
  }
  for (const routing of routings) {
    if (routing.queues === 'all') return 'all';
    for (const queue of routing.queues) queues.add(queue);
  }
  return [...queues];
}

export function createTeamView(deps: TeamViewDeps) {
  const now = deps.now ?? Date.now;
  const levels = new Map<string, { at: number; percent: number | null }>();

  async function serviceLevel(queue: string): Promise<number | null> {
    const cached = levels.get(queue);
    if (cached && now() - cached.at < SERVICE_LEVEL_CACHE_MS) return cached.percent;
    const thresholdMs = deps.routing.queue(queue).serviceLevelMs;
    const outcomes = await deps.storage.conversation.outcomes(queue, now() - DAY_MS, thresholdMs);
    const counted = outcomes.answered + outcomes.abandonedLate;
    const percent = counted === 0 ? null : Math.round((outcomes.answeredInTime / counted) * 100);
    levels.set(queue, { at: now(), percent });
    return percent;
  }

  async function queueFigures(teamIds: ReadonlySet<string>): Promise<QueueFigures[]> {
    const lines = new Map((await deps.router.lines()).map((line) => [line.queue, line.chats]));
    const mine = queuesOf(deps, teamIds);
    const names =
      mine === 'all' ? new Set([...deps.routing.configuredQueues(), ...lines.keys()]) : new Set(mine);
    const figures = await Promise.all(
      [...names].map(async (queue): Promise<QueueFigures> => {
        const waiting = lines.get(queue) ?? [];
        const routing = deps.routing.queue(queue);
        return {
          queue,
          label: routing.label,
          waiting: waiting.length,
          longestWaitSince: waiting.reduce<number | null>(
            (oldest, chat) => Math.min(oldest ?? chat.waitingSince, chat.waitingSince),
            null,
          ),
          staffed: (await deps.router.staffing(queue)).agents,
          serviceLevel: { thresholdS: routing.serviceLevelMs / 1000, percent: await serviceLevel(queue) },
        };
      }),
    );
    return figures.sort((a, b) => a.queue.localeCompare(b.queue));
  }

  async function agentView(member: MemberRecord): Promise<TeamAgentView> {
    const status = await deps.router.agentStatus(member.id);
    const owned = await deps.storage.chats.ofAgent(member.id);
    const chats = await Promise.all(
      owned.map(async (chat): Promise<TeamChatView> => ({
        chatId: chat.id,
        customerName: chat.customer.name,
        queue: chat.queue,
        acceptedAt: chat.acceptedAt,
        waitingSince: await deps.waits.waitingSince(chat),
        barged: (await deps.storage.participants.supervisors(chat.id)).map((supervisor) => supervisor.name),
      })),
    );
    return {
      id: member.id,
      name: member.name,
      teamId: member.teamId,
      state: member.connections > 0 ? status.state : 'SIGNED_OUT',
      activeChats: chats.length,
      maxChats: status.maxChats,
      wrapUps: status.wrapUps ?? 0,
      chats,
    };
  }

  return {
    /** The snapshot for a supervisor of `teams`. */
    async snapshot(teams: readonly TeamRef[]): Promise<TeamSnapshot> {
      const teamIds = new Set(teams.map((team) => team.id));
      const members = [...deps.members.values()].filter((member) => teamIds.has(member.teamId));
      const [agents, queues] = await Promise.all([
        Promise.all(members.map(agentView)),
        queueFigures(teamIds),
      ]);
      agents.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      return {
        teams: teams.map((team) => ({ id: team.id, name: team.name })),
        agents,
        queues,
        agentsReady: agents.filter((agent) => agent.state === 'READY' || agent.state === 'ACTIVE').length,
        at: now(),
      };
    },
  };
}

export type TeamView = ReturnType<typeof createTeamView>;
