/**
 * The public shape of the SDK's chat client (implemented in `chatClient.ts`). Apps render
 * `ChatClientState` and call `ChatClient` methods; they never touch the socket.
 */
import type { HybridChatError, HybridChatErrorCode } from './errors.ts';
import type { ChatMessage, ChatReceipts, ChatSummary, ParticipantRef } from './protocol.ts';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';
export type TransportName = 'websocket' | 'polling';

/** A message as a client holds it: acked ones have a `seq`, pending ones wait in the outbox. */
export interface LocalMessage extends Omit<ChatMessage, 'seq'> {
  seq: number | null;
  delivery: 'pending' | 'sent' | 'failed';
  /** Why a `failed` message was refused (not retried). */
  error?: string;
  /** The code of that refusal (`FILE_TOO_LARGE`, `FILE_TYPE`, …), for the apps' own words. */
  errorCode?: HybridChatErrorCode;
  /** A `file` message on its way up: bytes sent so far, of `file.size`. */
  uploaded?: number;
}

export interface ChatView {
  chat: ChatSummary;
  /** Acked messages by `seq`, then pending ones in the order they were written. */
  messages: LocalMessage[];
  /** Highest contiguous `seq` held; the next resync asks for everything after it. */
  lastSeq: number;
  /** Remote participants typing now (expire by themselves). */
  typing: ParticipantRef[];
  /** Delivered/read watermarks of both sides (sdk/core/receipts.ts); they only grow. */
  receipts: ChatReceipts;
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
