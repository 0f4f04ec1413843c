/** The public types of the desktop chat (createDesktopChat in desktopChat.ts). */
import type { HybridChatError } from '../core/errors.ts';
import type { BoshSocketOptions } from '../transport/bosh/boshSocket.ts';
import type { ChatState, ChatStateTimings } from './chatStates.ts';
import type { ReconnectOptions } from './reconnect.ts';
import type { Availability, CombinedPresence } from './presence.ts';
import type { RosterItem } from './roster.ts';

/** The part of the Web Storage API used (sessionStorage, localStorage, or a Map-backed stand-in). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The IM server's URLs: `wss://…` (WebSocket, RFC 7395) or `https://…/http-bind` (BOSH). */
export interface DesktopChatService {
  readonly primary: string;
  /** Tried only when the primary cannot be reached (a Cisco IM and Presence subcluster's peer). */
  readonly secondary?: string;
}

export type DesktopChatTransport = 'websocket' | 'bosh';

export interface DesktopChatOptions {
  readonly service: DesktopChatService;
  readonly transport: DesktopChatTransport;
  /** Remembers which server served the last session. */
  readonly storage?: KeyValueStorage;
  /** The XMPP domain (Cisco IM and Presence's presence domain). */
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  readonly resource?: string;
  /** Bound on each step of signing in and on each request. Default 10 s. */
  readonly timeoutMs?: number;
  readonly bosh?: BoshSocketOptions;
  readonly chatStates?: ChatStateTimings;
  /** Backoff of signing in again after a drop. */
  readonly reconnect?: ReconnectOptions;
  /** The admin's limits on files sent (checked before uploading). Files are off when `false`. */
  readonly files?: FileLimits | false;
  /**
   * The chat server's directory of Finesse agents, asked by `searchContacts` when the XMPP server
   * offers no user directory (XEP-0055).
   */
  readonly directory?: (query: string) => Promise<readonly DirectoryEntry[]>;
  /** XEP-0199 ping of the server after this long without traffic; 0 turns it off. Default 60 s. */
  readonly pingIntervalMs?: number;
  /** XEP-0198 stream management (resume after a drop without losing a stanza). Default true. */
  readonly streamManagement?: boolean;
}

/** The admin's limits on attachments (Cisco's "Desktop Properties" for Desktop Chat). */
export interface FileLimits {
  /** Largest file in bytes; the server's own limit (XEP-0363 max-file-size) applies too. */
  readonly maxBytes?: number;
  /**
   * MIME types (`image/png`) or wildcards (`image/*`) allowed; absent or empty: any type.
   * Checked against the type the sender's browser gives.
   */
  readonly types?: readonly string[];
}

/** A file to send: what an `<input type=file>` File gives, or bytes. */
export interface OutgoingFile {
  readonly name: string;
  readonly size: number;
  /** MIME type; empty when unknown (sent as application/octet-stream). */
  readonly type: string;
  readonly data: Blob | Uint8Array;
}

export type FileAnswer = 'accepted' | 'declined';

/** A file offered in a chat (uploaded with XEP-0363, offered with its name, size and type). */
export interface FileInfo {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  /** Where to download it (https, or http on a test server). */
  readonly url: string;
  readonly state: 'offered' | FileAnswer;
}

/** One result of `searchContacts`. */
export interface DirectoryEntry {
  readonly jid: string;
  readonly name: string;
}

export type DesktopChatStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

export interface ServedBy {
  readonly url: string;
  readonly which: 'primary' | 'secondary';
}

export interface ChatMessage {
  readonly id: string;
  /** The colleague's bare JID. */
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  /** Epoch ms when it was sent (delayed messages), else when this client saw it. */
  readonly at: number;
  /** Stored while we were offline and delivered on sign-in (XEP-0203); may repeat one already shown. */
  readonly delayed: boolean;
  /** Sent or received by another client of the same user (XEP-0280). */
  readonly carbon: boolean;
  /** A file offer; `body` is then its URL (what a client without file support shows). */
  readonly file?: FileInfo;
  /** Outgoing: the colleague's client received it (XEP-0184). */
  readonly delivered?: boolean;
}

export interface DesktopChatEvents extends Record<string, unknown> {
  status: DesktopChatStatus;
  served: ServedBy;
  roster: readonly RosterItem[];
  presence: { readonly jid: string; readonly presence: CombinedPresence };
  /** A colleague asks to see our presence (RFC 6121 section 3.1.3). */
  subscriptionRequest: { readonly jid: string };
  /** Received, a carbon (XEP-0280), or sent by this client (sendMessage, sendFile). */
  message: ChatMessage;
  chatState: { readonly jid: string; readonly state: ChatState };
  /** A colleague's client received our message (XEP-0184). */
  receipt: { readonly jid: string; readonly id: string };
  /**
   * A file offer (message `id` in the chat with `peer`) was answered: by the colleague (`by:
   * 'peer'`, our offer) or by this agent through answerFile (`by: 'self'`, their offer).
   */
  fileAnswer: {
    readonly peer: string;
    readonly id: string;
    readonly answer: FileAnswer;
    readonly by: 'peer' | 'self';
  };
  error: HybridChatError;
}

export interface ContactFields {
  readonly name?: string | undefined;
  readonly groups?: readonly string[];
}

export interface DesktopChat {
  readonly status: DesktopChatStatus;
  /** Our full JID while signed in. */
  readonly jid: string | null;
  /** The server of the current session. */
  readonly servedBy: ServedBy | null;
  /** The server that served the previous session, from storage. */
  readonly lastServedBy: string | null;
  on<K extends keyof DesktopChatEvents>(
    event: K,
    listener: (payload: DesktopChatEvents[K]) => void,
  ): () => void;
  /** Signs in (primary, else secondary), fetches the roster, enables carbons, and goes Available. */
  start(): Promise<void>;
  /** Goes offline and closes the stream. */
  stop(): Promise<void>;
  roster(): readonly RosterItem[];
  fetchRoster(): Promise<readonly RosterItem[]>;
  /** Adds a contact and asks to see their presence. */
  addContact(jid: string, fields?: ContactFields): Promise<void>;
  /** Changes a contact's name and groups. */
  updateContact(jid: string, fields: ContactFields): Promise<void>;
  removeContact(jid: string): Promise<void>;
  /** Renames a roster group: every contact in `from` moves to `to` (a contact keeps other groups). */
  renameGroup(from: string, to: string): Promise<void>;
  /**
   * Deletes a group with its contacts: a contact only in this group is removed from the roster, a
   * contact also in other groups stays there.
   */
  deleteGroup(name: string): Promise<void>;
  /** Moves contacts from one group (`null`: from all their groups) to another. */
  moveContacts(jids: readonly string[], from: string | null, to: string): Promise<void>;
  /** Takes a contact out of one group; a contact in no other group is removed from the roster. */
  removeFromGroup(jid: string, group: string): Promise<void>;
  approveSubscription(jid: string): Promise<void>;
  denySubscription(jid: string): Promise<void>;
  /** Sends our presence; while reconnecting it is kept for the next session. */
  setPresence(availability: Exclude<Availability, 'offline'>, status?: string): Promise<void>;
  /** Our own presence as last set. */
  readonly presence: CombinedPresence;
  presenceOf(jid: string): CombinedPresence;
  sendMessage(to: string, body: string): Promise<ChatMessage>;
  /** The agent typed into the chat with `to` (XEP-0085 composing, paused later). */
  typing(to: string): void;
  /** The agent emptied the field without sending. */
  typingCleared(to: string): void;
  /** The agent looked at the chat with `to` again. */
  chatFocused(to: string): void;
  /**
   * Uploads a file (XEP-0363) and offers it to `to`. Rejects with FileLimitError before uploading
   * when the admin's limits (or the server's size limit) refuse it.
   */
  sendFile(to: string, file: OutgoingFile): Promise<ChatMessage>;
  /** Tells the sender of a file offer (message `messageId`) whether we accepted it. */
  answerFile(peer: string, messageId: string, answer: FileAnswer): Promise<void>;
  /**
   * Colleagues matching `query` (name or id): the XMPP server's user directory (XEP-0055) where it
   * has one, else the `directory` option; a query that is itself an address comes first.
   */
  searchContacts(query: string): Promise<readonly DirectoryEntry[]>;
}

/** One open chat of the conversations store (createConversations). */
export interface Conversation {
  /** The colleague's bare JID. */
  readonly peer: string;
  readonly messages: readonly ChatMessage[];
  /** Messages received while this chat was not the active one. */
  readonly unread: number;
  /** The colleague's last chat state (XEP-0085), null before any. */
  readonly state: ChatState | null;
}

export interface ConversationsState {
  /** In the order they were opened. */
  readonly chats: readonly Conversation[];
  /** The peer of the chat the agent is looking at, or null (minimized, closed). */
  readonly active: string | null;
}

export interface ConversationsOptions {
  /** Where open chats and their messages are kept for the browser session (sessionStorage). */
  readonly storage?: KeyValueStorage & { removeItem?(key: string): void };
  /** Storage key; default derived from nothing but a constant (one agent per browser tab). */
  readonly key?: string;
  /** Messages kept per chat (the oldest are dropped). Default 500. */
  readonly maxMessages?: number;
}

/** Open chats for a UI (a React useSyncExternalStore source); built on a DesktopChat's events. */
export interface Conversations {
  getSnapshot(): ConversationsState;
  subscribe(listener: () => void): () => void;
  /** Opens (or keeps) the chat with `peer` and makes it active. */
  open(peer: string): void;
  close(peer: string): void;
  closeAll(): void;
  /** The chat the agent looks at; its unread count goes to 0. */
  setActive(peer: string | null): void;
  /** Forgets every chat and the stored copy (sign-out). */
  clear(): void;
  /** Stops listening to the chat's events. */
  dispose(): void;
}
