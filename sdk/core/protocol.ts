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
  /** Default upload limit (the server's `MAX_UPLOAD_BYTES` decides); clients refuse bigger files early. */
  fileBytes: 10 * 1024 * 1024,
  fileName: 255,
  /** A transfer/consult note or wrap-up notes. */
  note: 1000,
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
  /** `file`: an attachment; `text` then holds its (sanitized) name, for transcripts and old clients. */
  kind: 'text' | 'event' | 'file';
  text: string;
  event?: ChatEventKind;
  /** The attachment of a `file` message. */
  file?: FileInfo;
  /** Milliseconds since the epoch, server clock. */
  sentAt: number;
}

// ---- Attachments and receipts (sdk/core/fileTypes.ts, server/files/, sdk/core/receipts.ts) --------

/** The file types a chat accepts, as the server sniffs them from the content (never the client's word). */
export type FileType =
  'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'text/plain';

/** A file shared in a chat. Fetch it through a short-lived signed link (`FileLinkResponse`). */
export interface FileInfo {
  /** Random id given by the server (never derived from the file name). */
  id: string;
  /** Display name, sanitized by the server. */
  name: string;
  /** Bytes. */
  size: number;
  type: FileType;
}

/** One side's progress through a chat: every message up to `delivered` reached its client, up to `read` was seen. */
export interface ReceiptWatermarks {
  delivered: number;
  read: number;
}

/** Receipts per side of a chat (a side is the customer, or the chat's agent). */
export interface ChatReceipts {
  customer: ReceiptWatermarks;
  agent: ReceiptWatermarks;
}

/** `chat:receipt` from a client: "I have received / read everything up to this seq" (monotonic, idempotent). */
export interface ReceiptPayload {
  chatId: string;
  delivered?: number;
  read?: number;
}

/** `chat:receipt` from the server: one side's watermarks moved. */
export interface ReceiptNotice extends ReceiptWatermarks {
  chatId: string;
  side: 'customer' | 'agent';
}

/** `POST /api/chats/:chatId/files?clientId=&name=` (Bearer session token, raw body): the stored `file` message. */
export interface FileUploadResponse {
  message: ChatMessage;
}

/** `GET /api/chats/:chatId/files/:fileId/link` (Bearer): a signed path to fetch the file without headers (`<img>`). */
export interface FileLinkResponse {
  /** Relative to the chat server's base URL: `/api/files/<id>?exp=…&sig=…`. */
  path: string;
  expiresAt: number;
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
  /** Delivered/read watermarks of both sides (merge by maximum: they only grow). */
  receipts?: ChatReceipts;
  /** While waiting: the expected wait as a rounded range; null when unknown or not waiting. */
  estimatedWait?: WaitEstimate | null;
  /** The customer's satisfaction rating, once given (one per chat). */
  rating?: ChatRating | null;
  /** Agents invited into the chat besides its owner (`agent`): consult/conference (server/collaboration). */
  collaborators?: Array<{ id: string; name: string }>;
}

/** An expected wait in seconds, `minS <= maxS`, both whole minutes (server/waiting/waitEstimator.ts). */
export interface WaitEstimate {
  minS: number;
  maxS: number;
}

/** A customer's rating of an ended chat (CSAT, 1 = very unhappy … 5 = very happy). */
export interface ChatRating {
  score: 1 | 2 | 3 | 4 | 5;
  comment: string | null;
  ratedAt: number;
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
  /** A transfer or a consult from another agent: who asked, their note, and how to answer it. */
  invite?: OfferInvite;
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
  /**
   * Delivered/read watermark of the sender's side; answered with the chat's receipts. Acked (not a
   * volatile notice like typing): a receipt must not be dropped while the socket is busy.
   */
  'chat:receipt': (payload: ReceiptPayload, ack: Ack<{ receipts: ChatReceipts }>) => void;
}

export interface ChatServerToClientEvents {
  'chat:message': (message: ChatMessage) => void;
  'chat:update': (chat: ChatSummary) => void;
  'chat:typing': (notice: TypingNotice) => void;
  'chat:receipt': (notice: ReceiptNotice) => void;
}

export interface CustomerClientToServerEvents extends ChatClientToServerEvents {
  'chat:start': (payload: StartChatPayload, ack: Ack<{ chat: ChatSummary }>) => void;
}
export type CustomerServerToClientEvents = ChatServerToClientEvents;

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

// ---- Widget conversation API (pre-chat form, leave a message, end of chat) --------------------

/** A pre-chat field the widget can show; which ones, and whether required, is set per queue. */
export type PrechatFieldName = 'name' | 'email' | 'phone' | 'topic';

export interface PrechatOption {
  value: string;
  /** Already in the language the widget asked for (`?locale=`). */
  label: string;
}

export interface PrechatField {
  name: PrechatFieldName;
  required: boolean;
  /** Most characters accepted (the built-in rules of sdk/core/prechat.ts also apply). */
  maxLength: number;
  /** `topic` only: the choices (each may route to its own queue on the server). */
  options?: PrechatOption[];
}

/**
 * Whether a chat can start now: `open`; `closed` outside business hours or on a holiday;
 * `unstaffed` when no signed-in agent can take chats (and the queue prefers a message then).
 */
export type QueueAvailability = 'open' | 'closed' | 'unstaffed';

/** `GET /api/widget/config?queue=&locale=` (public). */
export interface WidgetConfigResponse {
  queue: string;
  prechat: { fields: PrechatField[] };
  availability: QueueAvailability;
  /** When the queue opens next (ms since the epoch), if `closed` and known. */
  nextOpenAt: number | null;
  /** Whether the server can email a transcript (a mail transport is configured). */
  transcriptEmail: boolean;
}

/** `POST /api/widget/messages` (public, rate limited): a message left when no chat is possible. */
export interface LeaveMessageRequest {
  /** Makes a retried submit idempotent. */
  clientId: string;
  queue?: string;
  name: string;
  email: string;
  phone?: string;
  message: string;
  locale?: string;
}
export interface LeaveMessageResponse {
  id: string;
  createdAt: number;
}

/** A left message as agents and supervisors see it (`GET /api/agent/messages`). */
export interface OfflineMessage {
  id: string;
  queue: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  locale: string | null;
  /** Why no chat was possible when it was left. */
  reason: Exclude<QueueAvailability, 'open'>;
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
}
export interface OfflineMessageList {
  messages: OfflineMessage[];
}

/** `POST /api/customer/chats/:chatId/rating` (customer token). */
export interface RateChatRequest {
  score: number;
  comment?: string;
}
export interface RateChatResponse {
  rating: ChatRating;
}

/** `POST /api/customer/chats/:chatId/transcript/email` (customer token, rate limited). */
export interface EmailTranscriptRequest {
  email: string;
  locale?: string;
  timeZone?: string;
}
export interface EmailTranscriptResponse {
  sent: true;
}

// ---- Agent desk: canned messages and the customer panel (server/canned, server/customers) -------

/** A prepared reply an agent inserts with `/shortcode`; `{customerName}` and `{agentName}` are filled in. */
export interface CannedMessage {
  shortcode: string;
  title: string;
  text: string;
  /** The queues it is offered in; empty: every queue. */
  queues: string[];
}

/** `GET /api/agent/canned` (agent token): every canned message the agent may use. */
export interface CannedMessageList {
  messages: CannedMessage[];
}

/** A chat of the same customer before this one, as the customer panel lists it. */
export interface PreviousChat {
  id: string;
  queue: string;
  status: ChatStatus;
  createdAt: number;
  endedAt: number | null;
  agentName: string | null;
}

/** `GET /api/agent/chats/:chatId/customer` (agent of that chat, or a supervisor). */
export interface CustomerProfile {
  customer: { id: string; name: string; email: string | null };
  /** How the customer reached us; the page only when the widget reported it. */
  channel: { kind: 'web'; page: string | null };
  preChat: Record<string, string>;
  /** Matched by pre-chat email when given, else by the customer's id; newest first. */
  previous: PreviousChat[];
}

/** `GET /api/agent/chats/:chatId/customer/chats/:previousId`: one previous chat's transcript. */
export interface PreviousTranscript {
  chat: PreviousChat;
  messages: ChatMessage[];
}

// ---- Collaboration: transfer, consult/conference, whisper, wrap-up (server/collaboration) ------

/** Where an offer came from when another agent sent it. `via: 'agent'`: answer with `invite:accept`. */
export interface OfferInvite {
  kind: 'transfer' | 'consult';
  via: 'queue' | 'agent';
  from: { id: string; name: string };
  note: string;
}

export interface InviteResult {
  chatId: string;
  kind: 'transfer' | 'consult';
  agent: { id: string; name: string };
  /** After `declined` or `timeout`, a transfer's chat has gone back to the head of its queue. */
  outcome: 'accepted' | 'declined' | 'timeout';
}

export interface TransferTargets {
  agents: Array<{ id: string; name: string }>;
  queues: string[];
}

export interface TransferPayload {
  chatId: string;
  /** Exactly one of them. */
  agentId?: string;
  queue?: string;
  note: string;
}

export interface InvitePayload {
  chatId: string;
  agentId: string;
  note: string;
}

/** An agent-only note in a chat. Never part of the chat's messages, its `seq` or its transcript. */
export interface Whisper {
  chatId: string;
  id: string;
  clientId: string;
  from: { id: string; name: string };
  text: string;
  sentAt: number;
}

/**
 * The after-chat work of a chat's owner. `waiting`: the customer left and the agent has not closed
 * the chat yet (no timer); `running`: the timer runs until `dueAt`; `done`: stored (`timedOut` when
 * the timer ended it). The agent's chat slot stays taken until it is `done`.
 */
export interface WrapUp {
  chatId: string;
  customerName: string;
  state: 'waiting' | 'running' | 'done';
  startedAt: number | null;
  dueAt: number | null;
  reasons: string[];
  notes: string;
  completedAt: number | null;
  timedOut: boolean;
}

export interface WrapUpList {
  wrapUps: WrapUp[];
  /** The reason codes to choose from; when there are any, at least one is required. */
  reasons: string[];
  seconds: number;
}

export interface WrapUpSubmit {
  chatId: string;
  reasons: string[];
  notes: string;
}

// ---- Supervisor (server/supervisor): team view, silent monitor, barge-in, forced transfer ------
// Only agents whose session says Supervisor (Finesse's User roles at sign-in) may use these, and only
// for agents of the teams Finesse lists for them; everyone else gets FORBIDDEN / NOT_FOUND.

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
  chats: TeamChatView[];
}

/** A queue's waiting chats (queued or offered). */
export interface QueueFigures {
  queue: string;
  waiting: number;
  /** When the longest-waiting chat entered the queue; null when none waits. */
  longestWaitSince: number | null;
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
}
