/**
 * The agent client's state and events: what an agent desktop shows (the gadget, or an
 * integrator's own), as data. Notices are keys, worded by the UI in the agent's language.
 */
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  AgentStatus,
  ChatMessage,
  ChatOffer,
  ChatSummary,
  Whisper,
  WrapUp,
} from '../core/protocol.ts';
import type { ChatTransport } from '../core/chatTransport.ts';
import type { LocalizedLabel } from '../core/labels.ts';
import type { ChatClient } from '../core/chatClientTypes.ts';

/** The agent's `/agent` socket. */
export type AgentTransport = ChatTransport<AgentClientToServerEvents, AgentServerToClientEvents>;

/** What the agent store uses of the agent transport (tests pass a small fake). */
export type AgentTransportPort = Pick<AgentTransport, 'request' | 'on'>;

/** What the agent store uses of the chat client (`createChatClient`). */
export type AgentChatsPort = Pick<ChatClient, 'getState' | 'subscribe' | 'track' | 'forget'>;

export interface PendingOffer {
  offer: ChatOffer;
  /** Local clock when the offer arrived: a countdown uses it, so clock skew does not matter. */
  receivedAt: number;
  busy: 'accepting' | 'declining' | null;
}

/** Something worth telling the agent; the UI words it by its key. */
export type AgentNoticeKey =
  | 'stateFailed'
  | 'acceptFailed'
  | 'autoAccepted'
  | 'offerMissed'
  | 'offerMissedFrom'
  | 'offerExpired'
  | 'offerCustomerLeft'
  | 'transferFailed'
  | 'inviteFailed'
  | 'leaveFailed'
  | 'whisperFailed'
  | 'wrapUpSaved'
  | 'wrapUpTimedOut'
  | 'transferAccepted'
  | 'inviteAccepted'
  | 'transferRequeued'
  | 'inviteDeclined'
  | 'movedToAgent'
  | 'movedToQueue'
  | 'sendFailed'
  | 'endFailed';

export interface AgentNotice {
  tone: 'info' | 'warning' | 'error';
  key: AgentNoticeKey;
  /** `name`: the customer or agent the notice is about; `target`: where a chat went (forced transfer). */
  values?: { name: string; target?: string };
  /** `goReady`: the agent may ask for READY from the notice (after a missed offer). */
  action?: 'goReady';
}

export interface AgentState {
  /** The routing state from the server; null until the first `agent:status`. */
  status: AgentStatus | null;
  /** The state asked for and not yet confirmed by the server. */
  requestedState: 'READY' | 'NOT_READY' | null;
  offers: PendingOffer[];
  /** Accept each offer the moment it arrives. */
  autoAccept: boolean;
  /** Highest `seq` the agent has seen per chat: unread counts are customer messages above it. */
  readSeq: Record<string, number>;
  notice: AgentNotice | null;
  /** Agent-only notes per chat, oldest first, at most once each (by id). */
  whispers: Record<string, Whisper[]>;
  /** Wrap-ups not done yet, by chat. */
  wrapUps: Record<string, WrapUp>;
  wrapUpReasons: string[];
  /** How to show each wrap-up reason in the agent's language. */
  wrapUpReasonLabels: Record<string, LocalizedLabel>;
}

// A type alias, not an interface: Emitter's EventMap needs the implicit index signature.
export type AgentEvents = {
  /** An offer became this agent's chat (`auto`: accepted by auto-accept). */
  accepted: { chat: ChatSummary; messages: ChatMessage[]; auto: boolean };
  /** A chat left this agent's list (closed, left, transferred away). */
  closed: { chatId: string };
};
