/**
 * The supervisor's part of the protocol (server/features/supervision): team view, silent monitor, barge-in and
 * forced transfer. Only agents whose session says Supervisor (Finesse's User roles at sign-in) may use
 * these, and only for agents of the teams Finesse lists for them; everyone else gets FORBIDDEN / NOT_FOUND.
 */
import type { AgentChatState } from './agent.ts';
import type { ChatMessage, ChatRef, ChatSummary, SendMessagePayload, SyncResult } from './chat.ts';
import type { LocalizedLabel } from '../labels.ts';
import type { Ack } from './shared.ts';

/** A team member's chat state, or `SIGNED_OUT` when no gadget of theirs is connected. */
export type TeamAgentState = AgentChatState | 'SIGNED_OUT';

/** One chat of a team member, as the supervisor sees it (no message text). */
export interface TeamChatView {
  chatId: string;
  customerName: string;
  queue: string;
  acceptedAt: number | null;
  /** Since when the customer has waited for an answer (their oldest unanswered message); null: answered. */
  waitingSince: number | null;
  /** Supervisors who barged in. */
  barged: string[];
}

export interface TeamAgentView {
  id: string;
  name: string;
  teamId: string;
  state: TeamAgentState;
  activeChats: number;
  maxChats: number;
  /** Ended chats in wrap-up (they take a slot, see `AgentStatus.wrapUps`); absent from older servers: 0. */
  wrapUps?: number;
  chats: TeamChatView[];
}

/** One of the supervisor's queues: its waiting chats (queued or offered), staffing and service level. */
export interface QueueFigures {
  queue: string;
  /** The queue's name for people (read it with `labelIn`); absent from older servers. */
  label?: LocalizedLabel;
  waiting: number;
  /** When the longest-waiting chat entered the queue; null when none waits. */
  longestWaitSince: number | null;
  /** Agents signed in and READY who serve the queue. */
  staffed?: number;
  /**
   * Chats answered within `thresholdS` of the answered and the abandoned-after-the-threshold ones, over
   * the last 24 hours, in percent; null before any chat counted.
   */
  serviceLevel?: { thresholdS: number; percent: number | null };
}

/** `supervisor:team`: the whole picture, pushed again whenever it changes. Times are server ms. */
export interface TeamSnapshot {
  teams: Array<{ id: string; name: string }>;
  agents: TeamAgentView[];
  queues: QueueFigures[];
  /** Team members who are signed in and READY or ACTIVE (chat). */
  agentsReady: number;
  at: number;
}

/** Where a forced transfer sends the chat: back to a queue, or to another agent of the team. */
export type TransferTarget = { queue: string } | { agentId: string };
export interface ForceTransferPayload {
  chatId: string;
  to: TransferTarget;
}

/**
 * `chat:movedBySupervisor`, to the agent a forced transfer took the chat from (and nobody else): whose
 * chat it was and where it went, so their gadget can say why the chat left.
 */
export interface ChatMovedNotice {
  chatId: string;
  customerName: string;
  to: { queue: string } | { agent: { id: string; name: string } };
  /** The supervisor's name. */
  by: string;
}

/** `supervisor:monitorEnded`: which chat, and why. */
export interface MonitorEndedNotice {
  chatId: string;
  reason: 'outOfTeams';
}

export interface SupervisorClientToServerEvents {
  /** Start receiving `supervisor:team`; the ack carries the first snapshot. */
  'supervisor:subscribe': (payload: Record<string, never>, ack: Ack<TeamSnapshot>) => void;
  'supervisor:unsubscribe': (payload: Record<string, never>, ack: Ack<Record<string, never>>) => void;
  /** Silent monitor: history now, then `supervisor:message`/`supervisor:chat`; nobody in the chat is told. */
  'supervisor:monitor': (payload: ChatRef, ack: Ack<SyncResult>) => void;
  'supervisor:unmonitor': (payload: ChatRef, ack: Ack<{ chatId: string }>) => void;
  /** Barge in: the customer and the agent see the supervisor join; the supervisor may then write. */
  'supervisor:barge': (payload: ChatRef, ack: Ack<SyncResult>) => void;
  /** A message from a supervisor who barged in. */
  'supervisor:send': (payload: SendMessagePayload, ack: Ack<{ message: ChatMessage }>) => void;
  'supervisor:transfer': (payload: ForceTransferPayload, ack: Ack<{ chat: ChatSummary }>) => void;
}

export interface SupervisorServerToClientEvents {
  'supervisor:team': (snapshot: TeamSnapshot) => void;
  /** A new message in a monitored chat. */
  'supervisor:message': (message: ChatMessage) => void;
  /** A monitored chat changed (ended, transferred). */
  'supervisor:chat': (chat: ChatSummary) => void;
  /**
   * The server stopped this socket's monitoring of a chat: it moved out of the supervisor's teams
   * (transferred to another team's agent, or back to a queue). Nothing more of it comes.
   */
  'supervisor:monitorEnded': (notice: MonitorEndedNotice) => void;
}
