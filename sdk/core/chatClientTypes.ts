/**
 * The API and options of the chat client (`createChatClient` in `chatClient.ts`); the state it
 * publishes is in `chatTypes.ts`.
 */
import type { ChatTransport } from './chatTransport.ts';
import type { FilePort } from './clientFiles.ts';
import type { OutboxStore } from './outboxStore.ts';
import type { ChatClientEvents, ChatClientState, LocalMessage } from './chatTypes.ts';
import type {
  ChatClientToServerEvents,
  ChatMessage,
  ChatServerToClientEvents,
  ChatSummary,
  ParticipantRef,
} from './protocol.ts';

/** Whether the device has a network at all (the browser's online/offline events); see `createBrowserNetwork`. */
export interface NetworkStatus {
  readonly online: boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface ChatClientOptions {
  /** An agent or a customer transport: both speak the shared chat events. */
  transport: ChatTransport<ChatClientToServerEvents, ChatServerToClientEvents>;
  /** Who we are: our own messages are recognised by it, and we never show ourselves typing. */
  self: ParticipantRef;
  ackTimeoutMs?: number;
  /** Backoff of message retries and of reconnects the transport does not do itself. */
  retry?: { baseMs: number; maxMs: number };
  /** Send `typing: false` after this long without input. */
  typingIdleMs?: number;
  /** Hide a remote participant's typing after this long without a new notice. */
  remoteTypingTtlMs?: number;
  /** For the backoff jitter; [0, 1). */
  random?: () => number;
  /** Gets errors thrown by listeners and subscribers. */
  onError?: (error: unknown) => void;
  network?: NetworkStatus;
  /** Client ids of new messages (default: uuid v4). */
  createId?: () => string;
  now?: () => number;
  /** Attachments over HTTP (`createFileApi`); without it `sendFile` and `fileUrl` refuse. */
  files?: FilePort;
  /** Files above this are refused before uploading (default `LIMITS.fileBytes`; the server decides). */
  maxFileBytes?: number;
  /**
   * Keeps unsent messages across a reload (`createKeyValueOutboxStore`); they are pending again
   * at start and go out once online. Without it the outbox lives in memory only.
   */
  outboxStore?: OutboxStore;
}

export interface ChatClient {
  getState(): ChatClientState;
  subscribe(listener: (state: ChatClientState, prev: ChatClientState) => void): () => void;
  on<K extends keyof ChatClientEvents>(
    event: K,
    listener: (payload: ChatClientEvents[K]) => void,
  ): () => void;
  connect(): void;
  /** Stops everything: status `closed`, timers cleared, transport closed. `connect()` starts again. */
  close(): void;
  /** Follows a chat (after start, accept or list); `messages` that came with it save a sync. */
  track(chat: ChatSummary, messages?: ChatMessage[]): void;
  /** Stops following a chat and drops its unsent messages. */
  forget(chatId: string): void;
  /** Queues a message (throws BAD_REQUEST / TOO_LARGE / NOT_FOUND at once); it is pending until acked. */
  send(chatId: string, text: string): LocalMessage;
  /** Queues a `failed` message again. */
  retry(chatId: string, clientId: string): void;
  /** Call on each keystroke (`true`) or when the input is cleared (`false`). */
  setTyping(chatId: string, typing?: boolean): void;
  end(chatId: string): Promise<ChatSummary>;
  /** Fetches everything after the chat's `lastSeq`. */
  sync(chatId: string): Promise<void>;
  /**
   * Shares a file: checks its size and type (rejects with FILE_TOO_LARGE / FILE_TYPE at once), then
   * shows it as a pending `file` message with upload progress until the server has stored it.
   * `retry` uploads a failed one again.
   */
  sendFile(chatId: string, file: Blob, name?: string): Promise<LocalMessage>;
  /** A short-lived signed URL of a file in the chat (for `<img src>` and download links). */
  fileUrl(chatId: string, fileId: string): Promise<{ url: string; expiresAt: number }>;
  /**
   * The person has seen the chat up to `upTo` (default: all of it). Call it while the chat is
   * visible and the window has focus; the other side then sees "read". Cheap to call often.
   */
  markRead(chatId: string, upTo?: number): void;
}
