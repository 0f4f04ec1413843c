/**
 * The chat itself, common to customers and agents: messages, delivered/read receipts (sdk/core/receipts.ts),
 * the chat summary, typing, and the socket events both namespaces understand for a participant's own chats.
 */
import type { LocalizedLabel } from '../labels.ts';
import type { FileInfo } from './files.ts';
import type { Ack, ParticipantRef, ParticipantRole } from './shared.ts';

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

export type ChatStatus = 'queued' | 'offered' | 'active' | 'ended';

export interface ChatSummary {
  id: string;
  status: ChatStatus;
  queue: string;
  /** The queue's label from the server's queue settings, one text or one per language. */
  queueLabel?: LocalizedLabel;
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
  /**
   * While waiting: the chat has waited its queue's maximum, and the customer may leave a message
   * instead (the chat keeps its place until they do). Absent otherwise.
   */
  maxWaitReached?: boolean;
  /** While waiting: the expected wait as a rounded range; null when unknown or not waiting. */
  estimatedWait?: WaitEstimate | null;
  /** The customer's satisfaction rating, once given (one per chat). */
  rating?: ChatRating | null;
  /** Agents invited into the chat besides its owner (`agent`): consult/conference (server/features/collaboration). */
  collaborators?: Array<{ id: string; name: string }>;
  /** Who of the chat is connected to the chat server now (server/features/presence); absent once ended. */
  presence?: ChatPresence;
}

/**
 * Connections of the two sides of an open chat. A side counts as gone only after a grace period
 * without any connection (a reload or a short network drop does not flicker), and as back at once.
 */
export interface ChatPresence {
  /** The customer has a connection. */
  customer: boolean;
  /** The owning agent's desktop has a connection; null while no agent owns the chat. */
  agent: boolean | null;
}

/** An expected wait in seconds, `minS <= maxS`, both whole minutes (server/features/conversation/waitEstimator.ts). */
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

export interface TypingNotice {
  chatId: string;
  from: ParticipantRef;
  typing: boolean;
}

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

/**
 * `session:ended`: the session token this socket connected with has expired or was revoked (a
 * sign-out); the server disconnects the socket right after. Connect again with a fresh token.
 */
export interface SessionEndedNotice {
  reason: 'expired' | 'revoked';
}

export interface ChatServerToClientEvents {
  'chat:message': (message: ChatMessage) => void;
  'chat:update': (chat: ChatSummary) => void;
  'chat:typing': (notice: TypingNotice) => void;
  'chat:receipt': (notice: ReceiptNotice) => void;
  'session:ended': (notice: SessionEndedNotice) => void;
}
