/**
 * Names of colleagues outside the roster: one who wrote first, or one written to from the search.
 * Each is looked up once per sign-in in the directory the contact search uses (`searchContacts`:
 * the IM server's user directory or the chat server's list of Finesse agents), by the local part
 * of the address, and only an entry with exactly that address is taken. A lookup that fails (not
 * signed in at that moment) is tried again the next time the colleague is seen. No DOM here.
 */
import type { DesktopChat, RosterItem } from '../../sdk/desktop-chat/index.ts';
import { displayName } from '../../sdk/index.ts';

export interface ColleagueNames {
  /** Looks the colleague up unless known, in the roster, or asked already. */
  learn(jid: string): void;
  /** Signed out: answers still on their way are dropped. */
  dispose(): void;
}

export function createColleagueNames(
  chat: Pick<DesktopChat, 'searchContacts' | 'roster'>,
  changed: (names: ReadonlyMap<string, string>) => void,
): ColleagueNames {
  let names: ReadonlyMap<string, string> = new Map();
  const asked = new Set<string>();
  let stopped = false;
  return {
    learn(jid) {
      const peer = jid.toLowerCase();
      const local = peer.slice(0, peer.indexOf('@'));
      if (!local || asked.has(peer) || chat.roster().some((item) => item.jid === peer)) return;
      asked.add(peer);
      chat.searchContacts(local).then(
        (found) => {
          const entry = found.find((candidate) => candidate.jid.toLowerCase() === peer);
          if (stopped || !entry || entry.name === local || entry.name === peer) return;
          names = new Map(names).set(peer, entry.name);
          changed(names);
        },
        () => asked.delete(peer),
      );
    },
    dispose() {
      stopped = true;
    },
  };
}

/** How a colleague is named: their roster entry, else the directory's name, else their address. */
export function colleagueName(
  jid: string,
  item: RosterItem | undefined,
  names: ReadonlyMap<string, string> | undefined,
): string {
  return item ? displayName(item) : (names?.get(jid) ?? displayName({ jid }));
}
