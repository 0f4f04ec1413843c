/**
 * What the desktop chat does with incoming roster pushes, presence and messages: the roster and
 * presence models, and the events for roster and presence changes, subscription requests, messages
 * (carbons included, XEP-0280), chat states (XEP-0085) and receipts (XEP-0184, answered when asked).
 */
import type { XmppElement } from '@xmpp/client';
import type { Emitter } from '../core/emitter.ts';
import { presenceOf, resourceAvailable, resourceUnavailable, type PresenceTable } from './presence.ts';
import { parseFileAnswer, parseFileOffer } from './fileStanzas.ts';
import { applyRosterChange, type Roster } from './roster.ts';
import { bareJid, parseMessage, parsePresence, parseRosterItem, receiptMessage } from './stanzas.ts';
import type { DesktopChatEvents } from './types.ts';

export interface ChatModel {
  roster: Roster;
  presences: PresenceTable;
  /** The roster version last seen (RFC 6121 section 2.6), null when unknown or not offered. */
  rosterVer?: string | null;
  /** The server offers roster versioning on this stream (urn:xmpp:features:rosterver). */
  rosterVersioning?: boolean;
}

export interface InboundDeps {
  readonly model: ChatModel;
  readonly emitter: Emitter<DesktopChatEvents>;
  readonly ownBare: () => string;
  readonly sendReceipt: (stanza: XmppElement) => void;
}

export function createInbound({ model, emitter, ownBare, sendReceipt }: InboundDeps) {
  function presence(stanza: XmppElement): void {
    const event = parsePresence(stanza);
    if (!event) return;
    if (event.kind === 'subscribe') {
      emitter.emit('subscriptionRequest', { jid: event.jid });
      return;
    }
    if (event.kind !== 'available' && event.kind !== 'unavailable') return;
    const before = presenceOf(model.presences, event.jid);
    model.presences =
      event.kind === 'available'
        ? resourceAvailable(model.presences, event.jid, event)
        : resourceUnavailable(model.presences, event.jid, event.resource);
    const after = presenceOf(model.presences, event.jid);
    if (before.availability !== after.availability || before.status !== after.status) {
      emitter.emit('presence', { jid: event.jid, presence: after });
    }
  }

  function message(stanza: XmppElement): void {
    const own = ownBare();
    const parsed = parseMessage(stanza, own);
    if (!parsed) return;
    const outgoing = parsed.carbon === 'sent';
    const peer = bareJid(outgoing ? (parsed.to ?? '') : parsed.from);
    if (!peer || peer === own) return;
    if (parsed.receiptFor && !outgoing) emitter.emit('receipt', { jid: peer, id: parsed.receiptFor });
    if (parsed.state && !outgoing) emitter.emit('chatState', { jid: peer, state: parsed.state });
    const answer = parseFileAnswer(parsed.element);
    // Our own answer sent from another client of ours comes as a sent carbon.
    if (answer) emitter.emit('fileAnswer', { peer, ...answer, by: outgoing ? 'self' : 'peer' });
    if (parsed.body === undefined) return;
    const file = parseFileOffer(parsed.element);
    // Only the client the message reached directly answers the receipt request, not every carbon copy.
    if (parsed.receiptRequested && parsed.id && parsed.carbon === undefined) {
      sendReceipt(receiptMessage(parsed.from, parsed.id));
    }
    emitter.emit('message', {
      id: parsed.id ?? `${peer}-${Date.now()}`,
      peer,
      direction: outgoing ? 'out' : 'in',
      body: parsed.body,
      at: parsed.delayedAt ?? Date.now(),
      delayed: parsed.delayedAt !== undefined,
      carbon: parsed.carbon !== undefined,
      ...(file ? { file: { ...file, state: 'offered' as const } } : {}),
    });
  }

  return {
    /** A roster push (RFC 6121 section 2.1.6); false to refuse it. */
    rosterPush(stanza: XmppElement, query: XmppElement): boolean {
      // Only our own server may push roster changes.
      const from = stanza.attrs['from'];
      if (from && bareJid(from) !== ownBare()) return false;
      if (query.attrs['ver'] !== undefined) model.rosterVer = query.attrs['ver'];
      for (const child of query.getChildren('item')) {
        const change = parseRosterItem(child);
        if (change) model.roster = applyRosterChange(model.roster, change);
      }
      emitter.emit('roster', [...model.roster.values()]);
      return true;
    },
    stanza(stanza: XmppElement): void {
      if (stanza.is('presence')) presence(stanza);
      else if (stanza.is('message')) message(stanza);
    },
  };
}
