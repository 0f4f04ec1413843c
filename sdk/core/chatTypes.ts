/**
 * The public shape of the SDK's chat client (implemented in `chatClient.ts`). Apps render
 * `ChatClientState` and call `ChatClient` methods; they never touch the socket.
 */
import type { HybridChatError } from './errors.ts';
import type { ChatMessage, ChatSummary, ParticipantRef } from './protocol.ts';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';
export type TransportName = 'websocket' | 'polling';

/** A message as a client holds it: acked ones have a `seq`, pending ones wait in the outbox. */
export interface LocalMessage extends Omit<ChatMessage, 'seq'> {
  seq: number | null;
  delivery: 'pending' | 'sent' | 'failed';
  /** Why a `failed` message was refused (not retried). */
  error?: string;
}

export interface ChatView {
  chat: ChatSummary;
  /** Acked messages by `seq`, then pending ones in the order they were written. */
  messages: LocalMessage[];
  /** Highest contiguous `seq` held; the next resync asks for everything after it. */
  lastSeq: number;
  /** Remote participants typing now (expire by themselves). */
  typing: ParticipantRef[];
}

export interface ChatClientState {
  status: ConnectionStatus;
  transport: TransportName | null;
  chats: Record<string, ChatView>;
  /** The last connection problem, cleared when online again. */
  lastError: HybridChatError | null;
}

export interface ChatClientEvents {
  /** A message from someone else arrived (not a resync of one already held). */
  message: ChatMessage;
  chatUpdate: ChatSummary;
  status: ConnectionStatus;
  error: HybridChatError;
}
