/**
 * What the desktop chat does with incoming roster pushes, presence and messages: the roster and
 * presence models, and the events for roster and presence changes, subscription requests, messages
 * (carbons included, XEP-0280, and those fetched from the archive, XEP-0313), chat states
 * (XEP-0085) and receipts (XEP-0184, answered when asked). A message reaches the listeners once,
 * however many ways it came (live, stored offline, sent again, from the archive).
 */
import type { XmppElement } from '@xmpp/client';
import type { Emitter } from '../core/emitter.ts';
import { presenceOf, resourceAvailable, resourceUnavailable, type PresenceTable } from './presence.ts';
import { parseFileAnswer, parseFileOffer } from './fileStanzas.ts';
import { applyRosterChange, type Roster } from './roster.ts';
import { bareJid, parseMessage, parsePresence, parseRosterItem, receiptMessage } from './stanzas.ts';
import type { ChatMessage, DesktopChatEvents } from './types.ts';

/** Messages remembered for dropping repeats; far more than one catch-up brings. */
const REMEMBERED = 2_000;

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
  const seen = new Set<string>();

  /** Emits a message not seen before (by direction, colleague and id); false for a repeat. */
  function once(message: ChatMessage): boolean {
    const key = `${message.direction} ${message.peer} ${message.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > REMEMBERED) seen.delete(seen.values().next().value as string);
    emitter.emit('message', message);
    return true;
  }

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
    once({
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

  /** A message from the archive (XEP-0313): ours (sent from any client) or a colleague's. */
  function archived(element: XmppElement, at: number | undefined): void {
    const own = ownBare();
    const parsed = parseMessage(element, own, own);
    if (!parsed || parsed.body === undefined || parsed.carbon !== undefined) return;
    const outgoing = bareJid(parsed.from) === own;
    const peer = bareJid(outgoing ? (parsed.to ?? '') : parsed.from);
    if (!peer || peer === own) return;
    const file = parseFileOffer(element);
    const stamp = at ?? parsed.delayedAt ?? Date.now();
    once({
      id: parsed.id ?? `${peer}-${stamp}`,
      peer,
      direction: outgoing ? 'out' : 'in',
      body: parsed.body,
      at: stamp,
      delayed: true,
      // Ours, and not sent by this client (what this client sent is a repeat, dropped above).
      carbon: outgoing,
      ...(file ? { file: { ...file, state: 'offered' as const } } : {}),
    });
  }

  return {
    /** Emits a message this client sent, and remembers it (the archive may bring it back). */
    sent: (message: ChatMessage): void => void once(message),
    archived,
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
