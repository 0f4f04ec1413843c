/**
 * One agent's Desktop Chat sign-in, as plain data for React (`useSyncExternalStore`): signed out,
 * signing in (with the reason of a refusal), or signed in with the roster, every contact's combined
 * presence, our own presence, subscription requests and the open chats. Desktop Chat has its own
 * sign-in with the IM identity (as Cisco's: SSO is not supported there), separate from the agent's
 * voice and chat states, which signing in or out never touches. No DOM here.
 */
import type {
  Availability,
  CombinedPresence,
  Conversations,
  DesktopChat,
  DesktopChatStatus,
  FileAnswer,
  KeyValueStorage,
  RosterItem,
} from '../../sdk/desktop-chat/index.ts';
import { HybridChatError, OFFLINE } from '../../sdk/index.ts';
import { createColleagueNames, type ColleagueNames } from './colleagueNames.ts';
import type { DesktopChatConfig } from './config.ts';

export interface Credentials {
  /** The IM username (`alice`) or address (`alice@example.com`). */
  readonly username: string;
  readonly password: string;
}

/** What the gadget's composition root gives Desktop Chat (tests give a fake). */
export interface DesktopChatPort {
  readonly config: DesktopChatConfig;
  /** A client for these credentials, not started yet (the XMPP code may load first). */
  create(credentials: Credentials): DesktopChat | Promise<DesktopChat>;
  /** The open chats of the signed-in user, kept for the browser session. */
  conversations(chat: DesktopChat, user: string): Conversations;
  /** Where "remember my username" keeps it (localStorage); null when there is none. */
  readonly storage: (KeyValueStorage & { removeItem(key: string): void }) | null;
}

export type SignInProblem = 'auth' | 'unreachable' | 'failed';

export interface DesktopChatSnapshot {
  readonly phase: 'signedOut' | 'signingIn' | 'signedIn';
  readonly problem: SignInProblem | null;
  readonly status: DesktopChatStatus;
  /** Our bare JID while signed in. */
  readonly user: string | null;
  readonly roster: readonly RosterItem[];
  /** Names of colleagues outside the roster, from the directory (colleagueNames.ts). */
  readonly names: ReadonlyMap<string, string>;
  readonly presences: ReadonlyMap<string, CombinedPresence>;
  readonly own: CombinedPresence;
  /** Colleagues asking to see our presence, oldest first. */
  readonly requests: readonly string[];
  /** Answers to the files we offered, by message id. */
  readonly fileAnswers: ReadonlyMap<string, FileAnswer>;
  readonly chat: DesktopChat | null;
  readonly conversations: Conversations | null;
}

export interface DesktopChatSession {
  getSnapshot(): DesktopChatSnapshot;
  subscribe(listener: () => void): () => void;
  /** The remembered username, or ''. */
  rememberedUsername(): string;
  signIn(credentials: Credentials, remember: boolean): Promise<void>;
  /** Signs out of Desktop Chat only, and forgets its open chats. */
  signOut(): Promise<void>;
  setPresence(availability: Exclude<Availability, 'offline'>, status?: string): Promise<void>;
  /** A chat with a colleague outside the roster opens: their name is looked up. */
  learnName(jid: string): void;
  answerRequest(jid: string, approve: boolean): Promise<void>;
  /** Stops listening and signs out (the gadget goes away). */
  dispose(): void;
}

export const REMEMBER_KEY = 'hybrid-chat:desktop-chat:username';

export const SIGNED_OUT: DesktopChatSnapshot = {
  phase: 'signedOut',
  problem: null,
  status: 'offline',
  user: null,
  roster: [],
  names: new Map(),
  presences: new Map(),
  own: OFFLINE,
  requests: [],
  fileAnswers: new Map(),
  chat: null,
  conversations: null,
};

export function problemOf(error: unknown): SignInProblem {
  if (error instanceof HybridChatError) {
    if (error.code === 'UNAUTHORIZED') return 'auth';
    if (error.code === 'DISCONNECTED' || error.code === 'TIMEOUT') return 'unreachable';
  }
  return 'failed';
}

/** `alice` → `alice@domain`; an address is kept, its domain lower-cased. */
export function userJid(username: string, domain: string): string {
  const trimmed = username.trim();
  const at = trimmed.lastIndexOf('@');
  if (at === -1) return `${trimmed.toLowerCase()}@${domain}`;
  return `${trimmed.slice(0, at).toLowerCase()}@${trimmed.slice(at + 1).toLowerCase()}`;
}

export function createDesktopChatSession(port: DesktopChatPort): DesktopChatSession {
  let snapshot = SIGNED_OUT;
  const listeners = new Set<() => void>();
  let offs: (() => void)[] = [];
  let names: ColleagueNames | null = null;
  /** Bumped by each sign-in and sign-out: a late answer of an older attempt is ignored. */
  let attempt = 0;

  const set = (patch: Partial<DesktopChatSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  };

  const detach = (): void => {
    for (const off of offs) off();
    offs = [];
    names?.dispose();
    names = null;
  };

  const attach = (chat: DesktopChat): void => {
    const learning = createColleagueNames(chat, (known) => set({ names: known }));
    names = learning;
    offs = [
      chat.on('message', ({ peer }) => learning.learn(peer)),
      chat.on('status', (status) => set({ status })),
      chat.on('roster', (roster) => set({ roster })),
      chat.on('presence', ({ jid, presence }) =>
        set({ presences: new Map(snapshot.presences).set(jid, presence) }),
      ),
      chat.on('subscriptionRequest', ({ jid }) => {
        if (!snapshot.requests.includes(jid)) set({ requests: [...snapshot.requests, jid] });
      }),
      chat.on('fileAnswer', ({ id, answer }) =>
        set({ fileAnswers: new Map(snapshot.fileAnswers).set(id, answer) }),
      ),
    ];
  };

  const storage = port.storage;
  const remember = (username: string | null): void => {
    try {
      if (username === null) storage?.removeItem(REMEMBER_KEY);
      else storage?.setItem(REMEMBER_KEY, username);
    } catch {
      // Blocked storage: the username is simply not remembered.
    }
  };

  const stopChat = async (chat: DesktopChat | null): Promise<void> => {
    detach();
    try {
      await chat?.stop();
    } catch (error) {
      console.warn('[hybrid-chat gadget] desktop chat sign-out', error);
    }
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    rememberedUsername() {
      try {
        return storage?.getItem(REMEMBER_KEY) ?? '';
      } catch {
        return '';
      }
    },
    async signIn(credentials, keep) {
      const mine = ++attempt;
      const previous = snapshot.chat;
      remember(keep ? credentials.username.trim() : null);
      const user = userJid(credentials.username, port.config.domain);
      set({ ...SIGNED_OUT, phase: 'signingIn', status: 'connecting' });
      await stopChat(previous);
      let chat: DesktopChat;
      try {
        chat = await port.create(credentials);
        if (mine !== attempt) return;
        attach(chat);
        await chat.start();
      } catch (error) {
        if (mine !== attempt) return;
        // What the server said, for support; the agent sees the reason in words.
        console.warn('[hybrid-chat gadget] desktop chat sign-in failed', error);
        detach();
        set({ ...SIGNED_OUT, problem: problemOf(error) });
        return;
      }
      if (mine !== attempt) return void stopChat(chat);
      const presences = new Map<string, CombinedPresence>();
      for (const item of chat.roster()) presences.set(item.jid, chat.presenceOf(item.jid));
      set({
        phase: 'signedIn',
        problem: null,
        status: chat.status,
        user,
        roster: chat.roster(),
        presences: new Map([...presences, ...snapshot.presences]),
        own: chat.presence,
        chat,
        conversations: port.conversations(chat, user),
      });
      // Chats kept from before a reload: their colleagues' names too.
      for (const { peer } of snapshot.conversations?.getSnapshot().chats ?? []) names?.learn(peer);
    },
    async signOut() {
      attempt++;
      const { chat, conversations } = snapshot;
      // Signing out forgets the open chats (and their stored copy); voice and customer chats stay.
      conversations?.clear();
      conversations?.dispose();
      set(SIGNED_OUT);
      await stopChat(chat);
    },
    async setPresence(availability, status) {
      const { chat } = snapshot;
      if (!chat) return;
      await chat.setPresence(availability, status);
      set({ own: chat.presence });
    },
    learnName(jid) {
      names?.learn(jid);
    },
    async answerRequest(jid, approve) {
      const { chat } = snapshot;
      if (!chat) return;
      if (approve) await chat.approveSubscription(jid);
      else await chat.denySubscription(jid);
      set({ requests: snapshot.requests.filter((request) => request !== jid) });
    },
    dispose() {
      attempt++;
      snapshot.conversations?.dispose();
      void stopChat(snapshot.chat);
      listeners.clear();
    },
  };
}
