/**
 * The customer client's API, state and ports (`createCustomerClient` in `customerClient.ts`).
 */
import type { ChatClient, NetworkStatus } from '../core/chatClientTypes.ts';
import type { ChatTransport } from '../core/chatTransport.ts';
import type { KeyValueOutboxOptions } from '../core/outboxStore.ts';
import type { FieldProblem } from '../core/prechat.ts';
import type {
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  CustomerSessionRequest,
  CustomerSessionResponse,
  EmailTranscriptRequest,
  EmailTranscriptResponse,
  LeaveMessageRequest,
  LeaveMessageResponse,
  ParticipantRef,
  PrechatFieldName,
  RateChatRequest,
  RateChatResponse,
  WidgetConfigResponse,
} from '../core/protocol.ts';
import type { Store } from '../core/store.ts';
import type { ConversationApi, TranscriptFile, TranscriptOptions } from '../transport/conversationApi.ts';

/** The `/customer` socket as the customer client uses it (`createSocketIoTransport` fits). */
export type CustomerTransport = ChatTransport<CustomerClientToServerEvents, CustomerServerToClientEvents>;

/** What to keep to come back to a chat after a reload (`resume`); the token keeps the same customer. */
export interface SavedCustomerChat {
  token: string;
  customerId: string;
  chatId: string;
  name: string;
}

/** A connected chat: the chat client tracks exactly this one chat. */
export interface CustomerChat {
  client: ChatClient;
  chatId: string;
  /** The chat as it was saved when it started or resumed (the token renews later: see `token`). */
  saved: SavedCustomerChat;
  /** The current session token (renewed before it expires). */
  token(): string;
  /** Ends the renewal and the connection (not the chat: `client.end(chatId)` does that). */
  close(): void;
}

/** `idle`: no chat (pre-chat form); `starting`/`restoring`: on the way to `chat`. */
export type CustomerStatus = 'idle' | 'starting' | 'restoring' | 'chat';

export interface CustomerState {
  /** The queue's pre-chat fields and availability; null until the first answer (or the fallback). */
  config: WidgetConfigResponse | null;
  /** The server could not say: `config` is the fallback (the name, open), starting will tell. */
  configFallback: boolean;
  status: CustomerStatus;
  chat: CustomerChat | null;
  /** Why the last start or resume failed (cleared by the next). */
  error: unknown;
}

/** Asks the `/customer` socket and a chat client into being, not yet connected. */
export interface CustomerConnectRequest {
  serverUrl: string;
  self: ParticipantRef;
  /** The current session token (renewed now and then). */
  token(): string;
  /** A call was refused with the token: true once there is a new one. */
  renewToken(): Promise<boolean>;
  network?: NetworkStatus;
  outbox?: KeyValueOutboxOptions;
}
export interface CustomerConnection {
  transport: CustomerTransport;
  client: ChatClient;
}

/** The customer client's ways out: the defaults talk to the chat server; tests pass fakes. */
export interface CustomerPorts {
  api: ConversationApi;
  createSession(request: CustomerSessionRequest): Promise<CustomerSessionResponse>;
  connect(request: CustomerConnectRequest): Promise<CustomerConnection>;
  /** Fetches what `connect` needs ahead of time (the default loads socket.io's code). */
  preload?(): Promise<void>;
}

export interface CustomerClientOptions {
  /** The chat server's URL, a proxy's path prefix included. */
  serverUrl: string;
  /** The queue to chat with; the server's default queue otherwise. */
  queue?: string;
  /** The language of topic labels and greetings in `config`, of transcripts and left messages. */
  locale?: string;
  /** Default 10 s for each HTTP call. */
  timeoutMs?: number;
  /** Default 15 s: how long `start` and `resume` wait for the socket to connect. */
  onlineTimeoutMs?: number;
  /** The device's network (`createBrowserNetwork`), so that the chat shows offline at once. */
  network?: NetworkStatus;
  /** Where unsent messages wait across a reload (`createKeyValueOutboxStore`'s options). */
  outbox?: KeyValueOutboxOptions;
  /** Gets renewal failures and other errors nobody awaits. */
  onError?: (error: unknown) => void;
  /** Replaces the defaults (tests, other transports). */
  ports?: Partial<CustomerPorts>;
}

export interface StartChatRequest {
  /** The customer's name for the session (a queue's form may not ask for one). */
  name: string;
  /** The pre-chat form's values; default `{ name }`. */
  preChat?: Record<string, string>;
  /** A previous token, to stay the same customer; default the last one this client had. */
  token?: string;
}

/** A message left when no chat is possible, or instead of one (`reason: 'max-wait'`). */
export type LeaveMessage = Omit<LeaveMessageRequest, 'queue' | 'locale' | 'clientId'> &
  Partial<Pick<LeaveMessageRequest, 'queue' | 'locale' | 'clientId'>>;

export interface CustomerClient extends Store<CustomerState> {
  /**
   * Fetches the connection's code now (socket.io is loaded only when needed), so that starting a
   * chat does not wait for it: call it when the customer starts using the form. Never rejects.
   */
  prepare(): Promise<void>;
  /** Asks for the queue's config again (on open, after a change of language with `locale`). */
  refreshConfig(locale?: string): Promise<WidgetConfigResponse>;
  /** What is wrong with the pre-chat form's values under the queue's fields; empty when all is well. */
  checkPrechat(values: Partial<Record<string, string>>): Partial<Record<PrechatFieldName, FieldProblem>>;
  /** A session (renewed until `close`), the socket, and a new chat in the queue. */
  start(request: StartChatRequest): Promise<CustomerChat>;
  /**
   * Back to a saved chat, with its whole history (also an ended one, for its rating and transcript).
   * Rejects with `ChatGoneError` when it cannot come back (identity expired, chat gone).
   */
  resume(saved: SavedCustomerChat): Promise<CustomerChat>;
  /** No chat now (`closed`, `unstaffed`), or instead of a chat that waited too long. */
  leaveMessage(message: LeaveMessage): Promise<LeaveMessageResponse>;
  /** The chat's transcript as a file (the current chat unless `chatId`). */
  transcript(options?: TranscriptOptions & { chatId?: string }): Promise<TranscriptFile>;
  emailTranscript(body: EmailTranscriptRequest, chatId?: string): Promise<EmailTranscriptResponse>;
  rate(body: RateChatRequest, chatId?: string): Promise<RateChatResponse>;
  /** Lets the current chat go (a new chat next): its connection closes, the status is `idle`. */
  leave(): void;
  close(): void;
}
