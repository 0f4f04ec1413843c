/**
 * The one storage interface of the chat server. Every table is owned here and every write goes
 * through one of these methods; nothing else in the server writes SQL. Methods return Promises so
 * that an engine with a network round trip (PostgreSQL) can implement the same interface; the
 * embedded SQLite engine (./sqlite/) is the first implementation.
 *
 * What a resolved write promises: the change is committed. Messages that arrive together share one
 * commit (group commit), so callers await a write before they acknowledge it to a client or send it
 * to anyone else. Reads see every write that was made before them.
 */
import type {
  ChatEventKind,
  ChatMessage,
  ChatRating,
  ChatReceipts,
  ChatStatus,
  ChatSummary,
  FileInfo,
  OfferInvite,
  OfflineMessage,
  ParticipantRef,
  ParticipantRole,
  PreviousChat,
  ReceiptWatermarks,
  Whisper,
  WrapUp,
} from '../../../sdk/core/protocol.ts';

/** A stored chat: its summary without the live parts (queue position, estimate, receipts…). */
export type StoredChat = Omit<ChatSummary, 'queuePosition'>;

export interface AgentRef {
  id: string;
  name: string;
}

/** A queued or offered chat with its place in the queue's order. */
export interface WaitingChat {
  chat: StoredChat;
  /** Sort key of the queue: normally when it entered the queue; lower for a chat put back at the head. */
  queuedAt: number;
  /** When it started waiting this time (overflow, maximum wait and service level count from here). */
  waitingSince: number;
}

export interface NewChat {
  customerId: string;
  startClientId: string;
  queue: string;
  preChat: Record<string, string>;
}

export interface NewMessage {
  chatId: string;
  clientId: string;
  from: ParticipantRef;
  kind: ChatMessage['kind'];
  text: string;
  event?: ChatEventKind;
  /** A `file` message's attachment (its metadata is stored first, see `FileStore.insert`). */
  file?: FileInfo;
}

export interface AgentRecord {
  id: string;
  name: string;
  requestedState: 'READY' | 'NOT_READY';
  stateReason: string | null;
  idleSince: number;
}

export interface CustomerStore {
  /** Creates the customer or renames them. */
  upsert(id: string, name: string): Promise<void>;
  exists(id: string): Promise<boolean>;
}

export interface ChatStore {
  get(id: string): Promise<StoredChat | null>;
  /**
   * Creates a queued chat, or returns the one this start request (customer + client id) created, or
   * the customer's open chat: a customer has at most one open chat, whatever the client id.
   */
  start(input: NewChat): Promise<{ chat: StoredChat; created: boolean }>;
  /** Queued and offered chats in queue order. */
  waiting(): Promise<WaitingChat[]>;
  active(): Promise<StoredChat[]>;
  /** The customer's open chats and those ended after `endedAfter`. */
  ofCustomer(customerId: string, endedAfter: number): Promise<StoredChat[]>;
  /** Active chats the agent owns. */
  ofAgent(agentId: string): Promise<StoredChat[]>;
  /** Active chats the agent takes part in without owning them (consult/conference). */
  joinedBy(agentId: string): Promise<StoredChat[]>;
  setStatus(chatId: string, status: 'queued' | 'offered'): Promise<void>;
  /** An agent took the chat from the queue: it is active and theirs. */
  accept(chatId: string, agent: AgentRef): Promise<StoredChat>;
  end(chatId: string, by: ParticipantRole): Promise<StoredChat>;
  /** The chat's new owner; the old one leaves it. */
  setOwner(chatId: string, from: string, to: AgentRef): Promise<StoredChat>;
  /** Back to a queue without an owner; `from` leaves the chat. */
  requeue(
    chatId: string,
    input: { from: string; queue: string; queuedAt: number; waitingSince: number },
  ): Promise<StoredChat>;
  /** The customer's earlier chats (by customer id, or the same pre-chat email), newest first. */
  previous(input: {
    customerId: string;
    email: string | null;
    exceptId: string;
    limit: number;
  }): Promise<PreviousChat[]>;
  /** One chat as the customer panel lists it, with the customer and email it was started with. */
  previousChat(id: string): Promise<(PreviousChat & { customerId: string; email: string | null }) | null>;
}

/** Agents in a chat besides its owner, and supervisors who barged in. */
export interface ParticipantStore {
  /** Conference members besides the owner (of an ended chat: those still in it at its end). */
  members(chatId: string): Promise<AgentRef[]>;
  join(chatId: string, agent: AgentRef): Promise<void>;
  leave(chatId: string, agentId: string): Promise<void>;
  supervisors(chatId: string): Promise<AgentRef[]>;
  addSupervisor(chatId: string, supervisor: AgentRef): Promise<void>;
  /** Open chats this supervisor barged into. */
  supervisedBy(supervisorId: string): Promise<string[]>;
  dropSupervisors(chatId: string): Promise<void>;
}

export interface MessageStore {
  /** Stores a message once per (chat, client id); a retry gets the stored one and `duplicate`. */
  append(input: NewMessage): Promise<{ message: ChatMessage; duplicate: boolean }>;
  byClientId(chatId: string, clientId: string): Promise<ChatMessage | null>;
  /** At most `limit` (default 1000) messages after `afterSeq`, in order. */
  after(chatId: string, afterSeq: number, limit?: number): Promise<ChatMessage[]>;
}

export interface AgentStore {
  get(id: string): Promise<AgentRecord | null>;
  /** Every agent ever seen (a contact center's staff: read once at start). */
  all(): Promise<AgentRecord[]>;
  save(agent: AgentRecord): Promise<void>;
}

export type StoredWrapUp = WrapUp & { agentId: string };

export interface CollaborationStore {
  /** Stores a whisper once per (chat, client id); a retry gets the stored one. */
  addWhisper(input: Omit<Whisper, 'sentAt'>): Promise<{ whisper: Whisper; duplicate: boolean }>;
  whispers(chatId: string): Promise<Whisper[]>;
  /** The sender and note of the chat's latest transfer to a queue. */
  queuedTransfer(chatId: string): Promise<OfferInvite | null>;
  setQueuedTransfer(chatId: string, from: AgentRef, note: string): Promise<void>;
  clearQueuedTransfer(chatId: string): Promise<void>;
  wrapUp(chatId: string): Promise<StoredWrapUp | null>;
  openWrapUps(): Promise<StoredWrapUp[]>;
  agentWrapUps(agentId: string): Promise<WrapUp[]>;
  /** `dueInMs` null: the wrap-up waits for the agent before its timer starts. */
  createWrapUp(chatId: string, agentId: string, customerName: string, dueInMs: number | null): Promise<void>;
  startWrapUp(chatId: string, dueInMs: number): Promise<void>;
  /** False when it was done already. */
  finishWrapUp(chatId: string, reasons: string[], notes: string, timedOut: boolean): Promise<boolean>;
}

export interface NewOfflineMessage {
  clientId: string;
  queue: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  locale: string | null;
  reason: OfflineMessage['reason'];
}

/** Averages over a queue's recent chats (null: no chat of that kind yet). */
export interface QueueHistory {
  /** From start to an agent's accept, ms. */
  answerMs: number | null;
  /** From accept to end, ms. */
  handleMs: number | null;
}

/** A queue's answered and abandoned chats since a moment, for its service level. */
export interface QueueOutcomes {
  answered: number;
  answeredInTime: number;
  /** Ended by the customer before an answer, after the threshold. */
  abandonedLate: number;
}

export interface ConversationStore {
  leaveMessage(input: NewOfflineMessage): Promise<{ message: OfflineMessage; created: boolean }>;
  offlineMessages(filter: 'open' | 'handled' | 'all', limit?: number): Promise<OfflineMessage[]>;
  offlineMessageByClientId(clientId: string): Promise<OfflineMessage | null>;
  /** The first agent to mark it is kept; null when there is no such message. */
  markHandled(id: string, agentId: string): Promise<OfflineMessage | null>;
  rating(chatId: string): Promise<ChatRating | null>;
  /** One rating per chat: a second call returns the stored one, `created` false. */
  rate(
    chatId: string,
    score: ChatRating['score'],
    comment: string | null,
  ): Promise<{ rating: ChatRating; created: boolean }>;
  history(queue: string): Promise<QueueHistory>;
  outcomes(queue: string, since: number, thresholdMs: number): Promise<QueueOutcomes>;
}

export interface ReceiptStore {
  get(chatId: string): Promise<ChatReceipts>;
  /** Raises a side's watermarks; the new ones when anything moved, else null. */
  raise(
    chatId: string,
    side: 'customer' | 'agent',
    marks: ReceiptWatermarks,
  ): Promise<ReceiptWatermarks | null>;
}

export interface FileRecord extends FileInfo {
  chatId: string;
  clientId: string;
  uploader: { role: ParticipantRole; id: string };
  createdAt: number;
}

/** Attachments' metadata (the bytes live in files on disk, server/features/files). */
export interface FileStore {
  /** Rejects on a second file with the same (chat, client id). */
  insert(record: Omit<FileRecord, 'createdAt'>): Promise<FileRecord>;
  get(id: string): Promise<FileRecord | null>;
  remove(id: string): Promise<void>;
  /** How many files a chat holds and their bytes (the per-chat quota). */
  usage(chatId: string): Promise<{ count: number; bytes: number }>;
  /** Files a customer uploaded since `since` (ms), and when the oldest of them was (the daily quota). */
  uploadedBy(customerId: string, since: number): Promise<{ count: number; oldestAt: number | null }>;
}

/**
 * Session tokens revoked before their expiry (a sign-out, the end of a customer session), by token
 * id (`jti`, RFC 7519 section 4.1.7). Kept until the token would have expired; then it is refused
 * anyway and its record may go.
 */
export interface RevocationStore {
  /** Records a revoked token id until `expiresAt` (ms); revoking it again changes nothing. */
  revoke(jti: string, expiresAt: number): Promise<void>;
  /** The revoked ids whose tokens have not expired at `now` (ms). */
  active(now: number): Promise<Array<{ jti: string; expiresAt: number }>>;
  /** Forgets the ids of tokens expired at `now` (ms); how many went. */
  purge(now: number): Promise<number>;
}

export interface Storage {
  readonly engine: 'sqlite' | 'postgres';
  customers: CustomerStore;
  chats: ChatStore;
  participants: ParticipantStore;
  messages: MessageStore;
  agents: AgentStore;
  collaboration: CollaborationStore;
  conversation: ConversationStore;
  receipts: ReceiptStore;
  files: FileStore;
  revocations: RevocationStore;
  /** Resolves when the database answers (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { ChatStatus };
