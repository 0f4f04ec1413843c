/**
 * Catching up from the server's message archive (XEP-0313 Message Archive Management, paged with
 * XEP-0059 Result Set Management) when a dropped connection could not be resumed (XEP-0198).
 *
 * A message sent to us while the connection was down went to the session the server still
 * believed in, and dies with it: over BOSH after a cut longer than the retries, or after a
 * WebSocket whose stream could not be resumed. The server archived it as it arrived. So each
 * session, once its presence is sent (a session that queried the archive earlier is given no
 * offline messages by Prosody), learns where the archive ends; live messages move that place on
 * (their XEP-0359 stanza-id); a session that follows a drop asks for everything after it. On
 * another server, which does not know that place, it asks from a minute before the drop.
 * Messages seen already are dropped by their id (inbound.ts). Used only where the server offers
 * the archive on the account (disco#info of the bare JID).
 */
import { xml, type XmppElement } from '@xmpp/client';
import { NS_DISCO_INFO } from './disco.ts';
import { XmppStanzaError } from './errors.ts';
import { bareJid, NS_DELAY, NS_FORWARD } from './stanzas.ts';

export const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_SID = 'urn:xmpp:sid:0';
const NS_DATA = 'jabber:x:data';

/** How far before the drop to ask another server's archive (its clock and ours may differ). */
const MARGIN_MS = 60_000;

export interface ArchiveDeps {
  readonly request: (stanza: XmppElement) => Promise<XmppElement>;
  readonly ownBare: () => string;
  /** A message from the archive: the forwarded message, when the server received it (epoch ms). */
  readonly deliver: (message: XmppElement, at: number | undefined) => void;
  /** Pages of `pageSize` asked at most after one drop. Default 10 of 50. */
  readonly maxPages?: number;
  readonly pageSize?: number;
  readonly now?: () => number;
}

interface Place {
  /** The archive id of the last message we know of; absent when the archive was empty. */
  readonly id?: string;
  /** When the connection dropped (our clock), or when the place was learnt. */
  readonly at: number;
}

interface Page {
  readonly complete: boolean;
  readonly last: string | undefined;
}

export function createArchive(deps: ArchiveDeps) {
  const now = deps.now ?? Date.now;
  const pageSize = deps.pageSize ?? 50;
  const maxPages = deps.maxPages ?? 10;
  /** Query ids under way, and whether their results are delivered (a catch-up) or only counted. */
  const queries = new Map<string, boolean>();
  let place: Place | null = null;
  let offered = false;
  let serial = 0;

  async function query(deliver: boolean, filter: { start?: number }, set: XmppElement): Promise<Page> {
    const queryid = `mam-${++serial}`;
    const fields = [
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
      ...(filter.start === undefined
        ? []
        : [xml('field', { var: 'start' }, xml('value', {}, new Date(filter.start).toISOString()))]),
    ];
    queries.set(queryid, deliver);
    try {
      const answer = await deps.request(
        xml(
          'iq',
          { type: 'set' },
          xml(
            'query',
            { xmlns: NS_MAM, queryid },
            xml('x', { xmlns: NS_DATA, type: 'submit' }, ...fields),
            set,
          ),
        ),
      );
      const fin = answer.getChild('fin', NS_MAM);
      return {
        complete: fin?.attrs['complete'] === 'true',
        last: fin?.getChild('set', NS_RSM)?.getChild('last')?.text() || undefined,
      };
    } finally {
      queries.delete(queryid);
    }
  }

  const rsm = (...children: XmppElement[]) => xml('set', { xmlns: NS_RSM }, ...children);

  /** Everything after `from` (an archive id, or a time when the id is unknown here). */
  async function catchUp(from: Place): Promise<void> {
    let after = from.id;
    let start: number | undefined = after === undefined ? from.at - MARGIN_MS : undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const paging = rsm(xml('max', {}, String(pageSize)), ...(after ? [xml('after', {}, after)] : []));
      let result: Page;
      try {
        result = await query(true, start === undefined ? {} : { start }, paging);
      } catch (error) {
        // Another server (a failover) knows nothing of the id: ask by time instead.
        if (
          !(error instanceof XmppStanzaError) ||
          error.condition !== 'item-not-found' ||
          start !== undefined
        )
          throw error;
        after = undefined;
        start = from.at - MARGIN_MS;
        page -= 1;
        continue;
      }
      if (result.last) place = { id: result.last, at: now() };
      if (result.complete || !result.last) return;
      after = result.last;
    }
  }

  /** Where the archive ends now (its last message), without delivering it. */
  async function findEnd(): Promise<void> {
    const result = await query(false, {}, rsm(xml('max', {}, '1'), xml('before')));
    place = result.last ? { id: result.last, at: now() } : { at: now() };
  }

  return {
    /**
     * After a new session's presence is sent (not after a resumed stream, which loses nothing):
     * after a drop, asks for what was archived since; else learns where the archive ends.
     */
    async sessionStarted(): Promise<void> {
      const info = await deps
        .request(xml('iq', { type: 'get', to: deps.ownBare() }, xml('query', { xmlns: NS_DISCO_INFO })))
        .catch(() => null);
      offered = (info?.getChild('query', NS_DISCO_INFO)?.getChildren('feature') ?? []).some(
        (feature) => feature.attrs['var'] === NS_MAM,
      );
      if (!offered) return;
      if (place) await catchUp(place);
      else await findEnd();
    },

    /**
     * Reads every stanza before the rest of the client: true for a result of our own query (taken
     * here); a live message moves our place in the archive on.
     */
    stanza(stanza: XmppElement): boolean {
      if (!stanza.is('message')) return false;
      const own = deps.ownBare();
      const result = stanza.getChild('result', NS_MAM);
      if (result) {
        const queryid = result.attrs['queryid'] ?? '';
        // Only the server may answer for our archive (XEP-0313 section 4.1.2); others are ignored.
        const from = stanza.attrs['from'];
        if (!queries.has(queryid) || (from !== undefined && bareJid(from) !== own)) return true;
        const forwarded = result.getChild('forwarded', NS_FORWARD);
        const message = forwarded?.getChild('message');
        if (queries.get(queryid) && message) {
          const at = Date.parse(forwarded?.getChild('delay', NS_DELAY)?.attrs['stamp'] ?? '');
          deps.deliver(message, Number.isFinite(at) ? at : undefined);
        }
        return true;
      }
      if (offered) {
        const id = stanza
          .getChildren('stanza-id', NS_SID)
          .find((element) => bareJid(element.attrs['by'] ?? '') === own)?.attrs['id'];
        if (id) place = { id, at: now() };
      }
      return false;
    },

    /** The connection dropped: a catch-up on another server asks from a minute before now. */
    dropped(): void {
      if (place) place = { ...place, at: now() };
    },

    /** Signed out: the next sign-in starts afresh (its offline messages come from the server). */
    forget(): void {
      place = null;
      offered = false;
      queries.clear();
    },
  };
}
