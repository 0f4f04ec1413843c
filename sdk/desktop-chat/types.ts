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
}

export interface DesktopChatEvents extends Record<string, unknown> {
  status: DesktopChatStatus;
  served: ServedBy;
  roster: readonly RosterItem[];
  presence: { readonly jid: string; readonly presence: CombinedPresence };
  /** A colleague asks to see our presence (RFC 6121 section 3.1.3). */
  subscriptionRequest: { readonly jid: string };
  message: ChatMessage;
  chatState: { readonly jid: string; readonly state: ChatState };
  /** A colleague's client received our message (XEP-0184). */
  receipt: { readonly jid: string; readonly id: string };
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
}
