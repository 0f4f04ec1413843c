/**
 * The wire protocol between the chat server and its clients (widget, gadget, integrators).
 * One source of truth: the server, the apps and the SDK all import these types. Runtime
 * validation of what the server receives lives in `protocolSchemas.ts`, so that browser
 * bundles which only need the types do not carry the validator.
 */
import type { CallType, VoiceAction } from './blending.ts';
import type { HybridChatErrorCode } from './errors.ts';
import type { VoiceState } from './finesseXml.ts';

export const PROTOCOL_VERSION = 1;

/** Limits enforced by the server; clients use them to warn early. */
export const LIMITS = {
  messageText: 4000,
  name: 80,
  clientId: 64,
  preChatFields: 12,
  preChatValue: 500,
} as const;

export type ParticipantRole = 'customer' | 'agent' | 'system';

export interface ParticipantRef {
  role: ParticipantRole;
  id: string;
  name: string;
}

/** What a system message in a chat records (rendered through i18n by the apps). */
export type ChatEventKind = 'queued' | 'agent-joined' | 'agent-left' | 'customer-left' | 'ended';

export interface ChatMessage {
  chatId: string;
  /** Per-chat sequence number given by the server: 1, 2, 3, … without gaps. */
  seq: number;
  /** The sender's id for this message (uuid); a retry carries the same id. */
  clientId: string;
  from: ParticipantRef;
  kind: 'text' | 'event';
  text: string;
  event?: ChatEventKind;
  /** Milliseconds since the epoch, server clock. */
  sentAt: number;
}

export type ChatStatus = 'queued' | 'offered' | 'active' | 'ended';

export interface ChatSummary {
  id: string;
  status: ChatStatus;
  queue: string;
  customer: { id: string; name: string };
  agent: { id: string; name: string } | null;
  preChat: Record<string, string>;
  createdAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: ParticipantRole | null;
  /** Highest `seq` stored in this chat. */
  lastSeq: number;
  /** 1-based place in the queue while `queued` or `offered`, else null. */
  queuePosition: number | null;
}

/** The agent's chat state (seed 002's media-blending states). */
export type AgentChatState = 'READY' | 'NOT_READY' | 'ACTIVE' | 'BUSY' | 'INTERRUPTED';

export interface AgentStatus {
  state: AgentChatState;
  /** What the agent asked for; the effective `state` also depends on chats and voice. */
  requested: 'READY' | 'NOT_READY';
  /** Why the server changed the state on its own, e.g. `offer-missed`. */
  reason: string | null;
  activeChats: number;
  maxChats: number;
  /** The agent's Finesse voice state as last reported (null: not known, chat-only). */
  voice?: { state: VoiceState; callType: CallType | null } | null;
  /** `halted` while no Finesse node answers (seed 002 failover): nothing is routed. */
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
  preChat: Record<string, string>;
  offeredAt: number;
  expiresAt: number;
}

export type OfferRevokedReason = 'timeout' | 'declined' | 'customer-left' | 'disconnected';

export interface TypingNotice {
  chatId: string;
  from: ParticipantRef;
  typing: boolean;
}

export interface ProtocolErrorBody {
  code: HybridChatErrorCode;
  message: string;
}

/** Every acknowledgement carries a result: socket.io acks cannot reject. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolErrorBody };
export type Ack<T> = (result: Result<T>) => void;

export interface SendMessagePayload {
  chatId: string;
  clientId: string;
  text: string;
}
export interface SyncPayload {
  chatId: string;
  afterSeq: number;
}
export interface SyncResult {
  chat: ChatSummary;
  messages: ChatMessage[];
}
export interface ChatRef {
  chatId: string;
}
export interface TypingPayload {
  chatId: string;
  typing: boolean;
}
export interface StartChatPayload {
  /** Makes a retried start idempotent. */
  clientId: string;
  queue?: string;
  preChat?: Record<string, string>;
}
export interface SetAgentStatePayload {
  state: 'READY' | 'NOT_READY';
}

/** Events both namespaces understand: a participant's own chats. */
export interface ChatClientToServerEvents {
  'message:send': (payload: SendMessagePayload, ack: Ack<{ message: ChatMessage }>) => void;
  /** Everything after `afterSeq` (the gap fill after any reconnect). */
  'chat:sync': (payload: SyncPayload, ack: Ack<SyncResult>) => void;
  /** The participant's open chats, to rehydrate after a reload. */
  'chat:list': (payload: Record<string, never>, ack: Ack<{ chats: ChatSummary[] }>) => void;
  'chat:typing': (payload: TypingPayload) => void;
  'chat:end': (payload: ChatRef, ack: Ack<{ chat: ChatSummary }>) => void;
}

export interface ChatServerToClientEvents {
  'chat:message': (message: ChatMessage) => void;
  'chat:update': (chat: ChatSummary) => void;
  'chat:typing': (notice: TypingNotice) => void;
}

export interface CustomerClientToServerEvents extends ChatClientToServerEvents {
  'chat:start': (payload: StartChatPayload, ack: Ack<{ chat: ChatSummary }>) => void;
}
export type CustomerServerToClientEvents = ChatServerToClientEvents;

export interface AgentClientToServerEvents extends ChatClientToServerEvents {
  'agent:setState': (payload: SetAgentStatePayload, ack: Ack<{ status: AgentStatus }>) => void;
  'offer:accept': (payload: ChatRef, ack: Ack<SyncResult>) => void;
  'offer:decline': (payload: ChatRef, ack: Ack<{ chatId: string }>) => void;
  /** Voice state and call from finesse.js; the server blends it with the chats. */
  'agent:voice': (payload: VoiceReport, ack: Ack<{ status: AgentStatus }>) => void;
}
export interface AgentServerToClientEvents extends ChatServerToClientEvents {
  'agent:status': (status: AgentStatus) => void;
  'offer:new': (offer: ChatOffer) => void;
  'offer:revoked': (payload: { chatId: string; reason: OfferRevokedReason }) => void;
  /** Apply this to the agent's Finesse voice state (first chat → NOT_READY "Handling Chat", …). */
  'agent:voiceAction': (action: VoiceActionNotice) => void;
}

/** The socket.io handshake `auth` of both namespaces. */
export interface HandshakeAuth {
  token: string;
}

export const NAMESPACES = { customer: '/customer', agent: '/agent' } as const;

// ---- HTTP API ------------------------------------------------------------------------------

/** `POST /api/customer/session` */
export interface CustomerSessionRequest {
  name: string;
  /** A previous token, to keep the same customer identity (and its chats) when still valid. */
  token?: string;
}
export interface CustomerSessionResponse {
  token: string;
  expiresAt: number;
  customer: { id: string; name: string };
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

/** Body of every HTTP error answer. */
export interface HttpErrorResponse {
  error: ProtocolErrorBody;
}
