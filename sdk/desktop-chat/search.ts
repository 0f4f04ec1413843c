/**
 * Contact search: the XMPP server's user directory (XEP-0055 Jabber Search) when the server lists
 * one among its items, else the `directory` option (the chat server's agents, directory.ts); an
 * address typed in full comes first, so that anyone can be added, as Cisco's Desktop Chat allows
 * when there is no directory.
 */
import { xml, type XmppElement } from '@xmpp/client';
import { findService } from './disco.ts';
import { XmppStanzaError } from './errors.ts';
import { bareJid } from './stanzas.ts';
import type { DesktopChatOptions, DirectoryEntry } from './types.ts';

export const NS_SEARCH = 'jabber:iq:search';
const MAX_RESULTS = 20;

/** A bare JID as typed (local@domain, no spaces), or null. */
export function typedAddress(query: string): string | null {
  const text = query.trim();
  return /^[^\s@/<>"'&]+@[a-z0-9.-]+\.?[a-z0-9-]*$/i.test(text) ? bareJid(text) : null;
}

/** The items of a XEP-0055 search result (its simple form: first, last, nick). */
export function parseSearchResult(result: XmppElement): DirectoryEntry[] {
  return (result.getChild('query', NS_SEARCH)?.getChildren('item') ?? []).flatMap((item) => {
    const jid = item.attrs['jid'];
    if (!jid) return [];
    const field = (name: string) => item.getChild(name)?.text().trim() ?? '';
    const name = [field('first'), field('last')].filter(Boolean).join(' ') || field('nick') || jid;
    return [{ jid: bareJid(jid), name }];
  });
}

export interface SearchDeps {
  readonly request: (stanza: XmppElement) => Promise<XmppElement>;
  readonly domain: string;
  readonly directory: DesktopChatOptions['directory'];
}

export function createSearch(deps: SearchDeps) {
  /** The JID of the server's XEP-0055 service, null when it has none; looked up once a session. */
  let service: Promise<string | null> | null = null;

  async function discover(): Promise<string | null> {
    // No answer: the directory option serves meanwhile (looked up again on the next session).
    const found = await findService(deps.request, deps.domain, NS_SEARCH).catch(() => null);
    return found?.jid ?? null;
  }

  async function fromServer(to: string, query: string): Promise<DirectoryEntry[]> {
    // XEP-0055 section 2: the simple form; servers match the nick field against names and ids.
    try {
      const result = await deps.request(
        xml('iq', { type: 'set', to }, xml('query', { xmlns: NS_SEARCH }, xml('nick', {}, query))),
      );
      return parseSearchResult(result);
    } catch (error) {
      // A query the directory will not take (Prosody's wants two characters): nothing found yet.
      if (error instanceof XmppStanzaError && error.condition === 'not-acceptable') return [];
      throw error;
    }
  }

  return {
    reset() {
      service = null;
    },
    async searchContacts(query: string): Promise<readonly DirectoryEntry[]> {
      const text = query.trim();
      if (!text) return [];
      const typed = typedAddress(text);
      service ??= discover();
      const jid = await service;
      const found = jid ? await fromServer(jid, text) : deps.directory ? await deps.directory(text) : [];
      const rest = found.filter((entry) => entry.jid !== typed);
      return [...(typed ? [{ jid: typed, name: text }] : []), ...rest].slice(0, MAX_RESULTS);
    },
  };
}
