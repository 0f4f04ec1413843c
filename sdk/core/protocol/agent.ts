/**
 * The agent's side of the protocol: chat state and media blending with Finesse voice, chat offers,
 * the agent session, and the `/agent` socket events (which also carry collaboration and supervisor ones).
 */
import type { CallType, VoiceAction } from '../blending.ts';
import type { VoiceState } from '../finesseXml.ts';
import type { LocalizedLabel } from '../labels.ts';
import type {
  ChatClientToServerEvents,
  ChatRef,
  ChatServerToClientEvents,
  SendMessagePayload,
  SyncResult,
} from './chat.ts';
import type {
  InvitePayload,
  InviteResult,
  OfferInvite,
  TransferPayload,
  TransferTargets,
  Whisper,
  WrapUp,
  WrapUpList,
  WrapUpSubmit,
} from './collaboration.ts';
import type { Ack } from './shared.ts';
import type {
  ChatMovedNotice,
  SupervisorClientToServerEvents,
  SupervisorServerToClientEvents,
} from './supervisor.ts';

/** The agent's chat state (docs/requirements.md, Media blending). */
export type AgentChatState = 'READY' | 'NOT_READY' | 'ACTIVE' | 'BUSY' | 'INTERRUPTED';

export interface AgentStatus {
  state: AgentChatState;
  /** What the agent asked for; the effective `state` also depends on chats and voice. */
  requested: 'READY' | 'NOT_READY';
  /** Why the server changed the state on its own, e.g. `offer-missed`. */
  reason: string | null;
  /** Live conversations; chats in wrap-up are counted in `wrapUps` instead. */
  activeChats: number;
  maxChats: number;
  /**
   * Ended chats still in wrap-up. They take a slot and keep `state` ACTIVE/BUSY (wrap-up is chat work),
   * so the desktop shows them beside `activeChats`. Absent from servers before it was added: read as 0.
   */
  wrapUps?: number;
  /** The agent's Finesse voice state as last reported (null: not known, chat-only). */
  voice?: { state: VoiceState; callType: CallType | null } | null;
  /** `halted` while no Finesse node answers (Finesse failover): nothing is routed. */
  finesse?: 'ok' | 'halted';
}

/** The agent's voice state, reported by the gadget from finesse.js (sync mode `gadget`). */
export interface VoiceReport {
  state: VoiceState;
  reasonCodeId: string | null;
  reasonLabel: string | null;
  /** Type of the active call, null when none. */
  callType: CallType | null;
}

/** A voice-state change the agent's desktop must make for media blending (never `none`). */
export type VoiceActionNotice = Exclude<VoiceAction, { type: 'none' }>;

export interface ChatOffer {
  chatId: string;
  customer: { id: string; name: string };
  queue: string;
  /** The queue's name for people, in one or several languages (read it with `labelIn`). */
  queueLabel?: LocalizedLabel;
  preChat: Record<string, string>;
  offeredAt: number;
  expiresAt: number;
  /** A transfer or a consult from another agent: who asked, their note, and how to answer it. */
  invite?: OfferInvite;
}

export type OfferRevokedReason = 'timeout' | 'declined' | 'customer-left' | 'disconnected';

export interface SetAgentStatePayload {
  state: 'READY' | 'NOT_READY';
}

export interface AgentClientToServerEvents extends ChatClientToServerEvents, SupervisorClientToServerEvents {
  'agent:setState': (payload: SetAgentStatePayload, ack: Ack<{ status: AgentStatus }>) => void;
  'offer:accept': (payload: ChatRef, ack: Ack<SyncResult>) => void;
  'offer:decline': (payload: ChatRef, ack: Ack<{ chatId: string }>) => void;
  /** Voice state and call from finesse.js; the server blends it with the chats. */
  'agent:voice': (payload: VoiceReport, ack: Ack<{ status: AgentStatus }>) => void;
  /** Agents who can take a chat now, and the queues a chat can be transferred to. */
  'agents:available': (payload: Record<string, never>, ack: Ack<TransferTargets>) => void;
  /** The owner hands the chat to a queue or a named agent (with a note). */
  'chat:transfer': (payload: TransferPayload, ack: Ack<{ chatId: string }>) => void;
  /** The owner asks a second agent into the chat (consult/conference). */
  'chat:invite': (payload: InvitePayload, ack: Ack<{ chatId: string }>) => void;
  /** Answers an offer whose `invite.via` is `agent` (a transfer or consult to this agent by name). */
  'invite:accept': (payload: ChatRef, ack: Ack<SyncResult>) => void;
  'invite:decline': (payload: ChatRef, ack: Ack<{ chatId: string }>) => void;
  /** A collaborator (not the owner) leaves a conference; the chat goes on. */
  'chat:leave': (payload: ChatRef, ack: Ack<{ chatId: string }>) => void;
  /** An agent-only note in a chat: the customer never receives it. */
  'whisper:send': (payload: SendMessagePayload, ack: Ack<{ whisper: Whisper }>) => void;
  'whisper:list': (payload: ChatRef, ack: Ack<{ whispers: Whisper[] }>) => void;
  /** The agent's unfinished wrap-ups and the configured reason codes (after a reload). */
  'wrapup:list': (payload: Record<string, never>, ack: Ack<WrapUpList>) => void;
  /** Starts the timer of a wrap-up that waits for the agent (a chat the customer left). */
  'wrapup:start': (payload: ChatRef, ack: Ack<{ wrapUp: WrapUp }>) => void;
  'wrapup:submit': (payload: WrapUpSubmit, ack: Ack<{ wrapUp: WrapUp }>) => void;
}
export interface AgentServerToClientEvents extends ChatServerToClientEvents, SupervisorServerToClientEvents {
  'agent:status': (status: AgentStatus) => void;
  'offer:new': (offer: ChatOffer) => void;
  'offer:revoked': (payload: { chatId: string; reason: OfferRevokedReason }) => void;
  /** Apply this to the agent's Finesse voice state (first chat → NOT_READY "Handling Chat", …). */
  'agent:voiceAction': (action: VoiceActionNotice) => void;
  'chat:whisper': (whisper: Whisper) => void;
  /** To the agent who asked: what became of their transfer or consult to a named agent. */
  'invite:result': (result: InviteResult) => void;
  'wrapup:update': (wrapUp: WrapUp) => void;
  /** A supervisor force-transferred one of this agent's chats away from them. */
  'chat:movedBySupervisor': (notice: ChatMovedNotice) => void;
}

/** `POST /api/agent/session`: the agent's Finesse credentials, checked against Finesse REST. */
export interface AgentSessionRequest {
  agentId: string;
  /** The `Authorization` header value for Finesse: `Basic …` (non-SSO) or `Bearer …` (SSO). */
  authorization: string;
}
export interface AgentProfile {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  extension: string;
  teamId: string;
  teamName: string;
  roles: Array<'Agent' | 'Supervisor'>;
}
export interface AgentSessionResponse {
  token: string;
  expiresAt: number;
  agent: AgentProfile;
  /** Who follows Finesse voice state: the gadget (it reports it, `agent:voice`) or the server. */
  voiceSync: 'gadget' | 'server';
}
