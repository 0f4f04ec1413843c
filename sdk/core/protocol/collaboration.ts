/**
 * Agents working together on a chat (server/features/collaboration): transfer to a queue or a named agent,
 * consult/conference invitations, agent-only whispers, and the owner's wrap-up after the chat.
 */
import type { LocalizedLabel } from '../labels.ts';

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
  /** Labels of the queues that have one in the queue settings, one text or one per language. */
  queueLabels?: Record<string, LocalizedLabel>;
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
  /** How to show a reason code, one text or one per language; a code without one shows as is. */
  reasonLabels?: Record<string, LocalizedLabel>;
  seconds: number;
}

export interface WrapUpSubmit {
  chatId: string;
  reasons: string[];
  notes: string;
}
