/**
 * The customer's side of the protocol: the `/customer` socket events, the customer session, and the
 * widget conversation API (pre-chat form, availability, leave a message, rating, transcript by email).
 */
import type { Ack } from './shared.ts';
import type {
  ChatClientToServerEvents,
  ChatRating,
  ChatServerToClientEvents,
  ChatSummary,
  WaitEstimate,
} from './chat.ts';

export interface StartChatPayload {
  /** Makes a retried start idempotent. */
  clientId: string;
  queue?: string;
  preChat?: Record<string, string>;
}

export interface CustomerClientToServerEvents extends ChatClientToServerEvents {
  'chat:start': (payload: StartChatPayload, ack: Ack<{ chat: ChatSummary }>) => void;
}
export type CustomerServerToClientEvents = ChatServerToClientEvents;

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
  /** Who answers (the queues file's `team`): a name and avatars, each an https URL or initials. */
  team?: { name?: string; avatars: string[] };
  /** The queue's greeting in the asked language (the queues file's `greeting`). */
  greeting?: string;
  /** How long a chat started now would likely wait for an answer; absent when unknown or not open. */
  replyEstimate?: WaitEstimate;
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
  /** Left instead of a chat that waited its queue's maximum (`ChatSummary.maxWaitReached`). */
  reason?: 'max-wait';
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
  /** Why no chat was possible when it was left; `max-wait`: instead of a chat that waited too long. */
  reason: Exclude<QueueAvailability, 'open'> | 'max-wait';
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
