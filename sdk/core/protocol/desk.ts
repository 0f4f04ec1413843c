/**
 * The agent desk's HTTP API: canned messages (server/features/desk) and the customer panel with the
 * customer's previous chats (server/features/desk).
 */
import type { LocalizedLabel } from '../labels.ts';
import type { ChatMessage, ChatStatus } from './chat.ts';

/** A prepared reply an agent inserts with `/shortcode`; `{customerName}` and `{agentName}` are filled in. */
export interface CannedMessage {
  shortcode: string;
  /** The title in English (or the one language given). */
  title: string;
  /** The title per language tag, when the configuration gives several (`{ "en": …, "ar": … }`). */
  titles?: Readonly<Record<string, string>>;
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
  /** The queue's label from the server's queue settings, one text or one per language (as on `ChatSummary`). */
  queueLabel?: LocalizedLabel;
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
