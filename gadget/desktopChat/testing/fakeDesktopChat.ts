/**
 * A DesktopChat without a server, for the gadget's component tests: the roster and presences live
 * in memory, roster edits apply at once (as the server's roster pushes would), and the test plays
 * the colleagues (`receive`, `presenceChanged`, `typingFrom`, …). Every call is recorded in `calls`.
 */
import {
  HybridChatError,
  OFFLINE,
  type Availability,
  type ChatMessage,
  type ChatState,
  type CombinedPresence,
  type ContactFields,
  type DesktopChat,
  type DesktopChatEvents,
  type DesktopChatStatus,
  type DirectoryEntry,
  type FileAnswer,
  type FileInfo,
  type OutgoingFile,
  type RosterItem,
} from '../../../sdk/desktop-chat/index.ts';

export interface FakeDesktopChat extends DesktopChat {
  readonly calls: { method: string; args: unknown[] }[];
  emit<K extends keyof DesktopChatEvents>(event: K, payload: DesktopChatEvents[K]): void;
  /** A colleague sends us a message (or a file offer). */
  receive(peer: string, body: string, file?: Omit<FileInfo, 'state'>): ChatMessage;
  presenceChanged(jid: string, availability: Availability, status?: string): void;
  typingFrom(jid: string, state: ChatState): void;
  /** What `start()` does: resolve (default) or reject with this error. */
  failStartWith: Error | null;
  /** Directory entries `searchContacts` answers from. */
  directory: DirectoryEntry[];
}

export function fakeDesktopChat(roster: RosterItem[] = [], self = 'grace@finesse.test'): FakeDesktopChat {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const items = new Map(roster.map((item) => [item.jid, item]));
  const presences = new Map<string, CombinedPresence>();
  let status: DesktopChatStatus = 'offline';
  let own: CombinedPresence = OFFLINE;
  let sequence = 0;
  const calls: { method: string; args: unknown[] }[] = [];

  const emit = <K extends keyof DesktopChatEvents>(event: K, payload: DesktopChatEvents[K]): void => {
    for (const listener of listeners.get(event as string) ?? [])
      (listener as (p: typeof payload) => void)(payload);
  };
  const record = (method: string, ...args: unknown[]): void => void calls.push({ method, args });
  const rosterChanged = (): void => emit('roster', [...items.values()]);
  const put = (jid: string, groups: readonly string[], name?: string): void => {
    const old = items.get(jid);
    items.set(jid, {
      jid,
      name: name ?? old?.name,
      groups: [...new Set(groups)].sort(),
      subscription: old?.subscription ?? 'none',
      pendingOut: old?.pendingOut ?? true,
    });
  };
  const groupsOf = (jid: string): readonly string[] => items.get(jid)?.groups ?? [];
  const setStatus = (next: DesktopChatStatus): void => {
    status = next;
    emit('status', next);
  };
  const message = (peer: string, direction: 'in' | 'out', body: string, file?: FileInfo): ChatMessage => ({
    id: `m${++sequence}`,
    peer,
    direction,
    body,
    at: Date.now(),
    delayed: false,
    carbon: false,
    ...(file ? { file } : {}),
  });

  const chat: FakeDesktopChat = {
    calls,
    failStartWith: null,
    directory: [],
    get status() {
      return status;
    },
    get jid() {
      return status === 'online' ? `${self}/desktop` : null;
    },
    servedBy: null,
    lastServedBy: null,
    get presence() {
      return own;
    },
    on(event, listener) {
      const set = listeners.get(event as string) ?? new Set();
      listeners.set(event as string, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    emit,
    async start() {
      record('start');
      setStatus('connecting');
      if (chat.failStartWith) {
        setStatus('offline');
        throw chat.failStartWith;
      }
      own = { availability: 'available' };
      setStatus('online');
    },
    async stop() {
      record('stop');
      own = OFFLINE;
      setStatus('offline');
    },
    roster: () => [...items.values()],
    fetchRoster: async () => [...items.values()],
    async addContact(jid: string, fields: ContactFields = {}) {
      record('addContact', jid, fields);
      put(jid, fields.groups ?? [], fields.name);
      rosterChanged();
    },
    async updateContact(jid: string, fields: ContactFields) {
      record('updateContact', jid, fields);
      put(jid, fields.groups ?? groupsOf(jid), fields.name);
      rosterChanged();
    },
    async removeContact(jid: string) {
      record('removeContact', jid);
      items.delete(jid);
      rosterChanged();
    },
    async renameGroup(from: string, to: string) {
      record('renameGroup', from, to);
      for (const item of items.values()) {
        if (item.groups.includes(from)) put(item.jid, [...item.groups.filter((g) => g !== from), to]);
      }
      rosterChanged();
    },
    async deleteGroup(name: string) {
      record('deleteGroup', name);
      for (const item of [...items.values()]) {
        if (!item.groups.includes(name)) continue;
        if (item.groups.length === 1) items.delete(item.jid);
        else
          put(
            item.jid,
            item.groups.filter((g) => g !== name),
          );
      }
      rosterChanged();
    },
    async moveContacts(jids: readonly string[], from: string | null, to: string) {
      record('moveContacts', jids, from, to);
      for (const jid of jids) {
        const kept = from === null ? [] : groupsOf(jid).filter((g) => g !== from);
        put(jid, [...kept, to]);
      }
      rosterChanged();
    },
    async removeFromGroup(jid: string, group: string) {
      record('removeFromGroup', jid, group);
      const left = groupsOf(jid).filter((g) => g !== group);
      if (left.length === 0) items.delete(jid);
      else put(jid, left);
      rosterChanged();
    },
    async approveSubscription(jid: string) {
      record('approveSubscription', jid);
    },
    async denySubscription(jid: string) {
      record('denySubscription', jid);
    },
    async setPresence(availability: Exclude<Availability, 'offline'>, text?: string) {
      record('setPresence', availability, text);
      own = { availability, status: text };
    },
    presenceOf: (jid: string) => presences.get(jid) ?? OFFLINE,
    async sendMessage(to: string, body: string) {
      record('sendMessage', to, body);
      if (status !== 'online') throw new HybridChatError('DISCONNECTED', 'not signed in');
      const sent = message(to, 'out', body);
      emit('message', sent);
      return sent;
    },
    typing: (to: string) => record('typing', to),
    typingCleared: (to: string) => record('typingCleared', to),
    chatFocused: (to: string) => record('chatFocused', to),
    async sendFile(to: string, file: OutgoingFile) {
      record('sendFile', to, file.name);
      const sent = message(to, 'out', `https://upload.finesse.test/${file.name}`, {
        name: file.name,
        size: file.size,
        type: file.type,
        url: `https://upload.finesse.test/${file.name}`,
        state: 'offered',
      });
      emit('message', sent);
      return sent;
    },
    async answerFile(peer: string, messageId: string, answer: FileAnswer) {
      record('answerFile', peer, messageId, answer);
    },
    async searchContacts(query: string) {
      record('searchContacts', query);
      const lower = query.toLowerCase();
      return chat.directory.filter(
        (entry) => entry.name.toLowerCase().includes(lower) || entry.jid.includes(lower),
      );
    },
    receive(peer, body, file) {
      const received = message(peer, 'in', body, file ? { ...file, state: 'offered' } : undefined);
      emit('message', received);
      return received;
    },
    presenceChanged(jid, availability, text) {
      const presence: CombinedPresence =
        availability === 'offline' ? OFFLINE : { availability, status: text, resource: 'desktop' };
      presences.set(jid, presence);
      emit('presence', { jid, presence });
    },
    typingFrom(jid, state) {
      emit('chatState', { jid, state });
    },
  };
  return chat;
}

export function contact(jid: string, name: string, groups: string[]): RosterItem {
  return { jid, name, groups, subscription: 'both', pendingOut: false };
}
