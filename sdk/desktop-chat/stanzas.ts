/**
 * The stanzas of the desktop chat, built and read: roster (RFC 6121 section 2), presence (section
 * 4), chat messages with chat states (XEP-0085) and delivery receipts (XEP-0184), and carbons
 * (XEP-0280) unwrapped. Element building and reading only, no network.
 */
import { xml, type XmppElement } from '@xmpp/client';
import { CHAT_STATES, type ChatState } from './chatStates.ts';
import { showFor, type Availability, type Show } from './presence.ts';
import type { RosterChange, Subscription } from './roster.ts';

export const NS_ROSTER = 'jabber:iq:roster';
export const NS_ROSTER_VER = 'urn:xmpp:features:rosterver';
export const NS_STREAM = 'http://etherx.jabber.org/streams';
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
export const NS_RECEIPTS = 'urn:xmpp:receipts';
export const NS_CARBONS = 'urn:xmpp:carbons:2';
export const NS_FORWARD = 'urn:xmpp:forward:0';
export const NS_DELAY = 'urn:xmpp:delay';
export const NS_PING = 'urn:xmpp:ping';

export const bareJid = (jid: string): string => (jid.split('/')[0] ?? '').toLowerCase();
export const resourceOf = (jid: string): string | undefined => {
  const at = jid.indexOf('/');
  return at < 0 ? undefined : jid.slice(at + 1);
};

/** A roster get; with `ver`, the server answers only what changed since (RFC 6121 section 2.6). */
export function rosterGet(ver?: string): XmppElement {
  return xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER, ver }));
}

export function rosterSet(jid: string, name: string | undefined, groups: readonly string[]): XmppElement {
  const item = xml('item', { jid, name }, ...groups.map((group) => xml('group', {}, group)));
  return xml('iq', { type: 'set' }, xml('query', { xmlns: NS_ROSTER }, item));
}

export function rosterRemove(jid: string): XmppElement {
  return xml(
    'iq',
    { type: 'set' },
    xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' })),
  );
}

const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both']);

export function parseRosterItem(item: XmppElement): RosterChange | null {
  const jid = item.attrs['jid'];
  if (!jid) return null;
  const subscription = item.attrs['subscription'] ?? 'none';
  if (subscription === 'remove') return { jid: bareJid(jid), subscription: 'remove' };
  return {
    jid: bareJid(jid),
    name: item.attrs['name'],
    groups: item.getChildren('group').map((group) => group.text()),
    subscription: (SUBSCRIPTIONS.has(subscription) ? subscription : 'none') as Subscription,
    pendingOut: item.attrs['ask'] === 'subscribe',
  };
}

export function presenceStanza(
  availability: Exclude<Availability, 'offline'>,
  status?: string,
  priority = 0,
) {
  const show = showFor(availability);
  return xml(
    'presence',
    {},
    ...(show ? [xml('show', {}, show)] : []),
    ...(status ? [xml('status', {}, status)] : []),
    xml('priority', {}, String(priority)),
  );
}

export type PresenceEvent =
  | { kind: 'available'; jid: string; resource: string; show?: Show; status?: string; priority: number }
  | { kind: 'unavailable'; jid: string; resource: string | undefined }
  | { kind: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed'; jid: string };

const SHOWS = new Set(['chat', 'away', 'xa', 'dnd']);

export function parsePresence(stanza: XmppElement): PresenceEvent | null {
  const from = stanza.attrs['from'];
  if (!from) return null;
  const jid = bareJid(from);
  const type = stanza.attrs['type'];
  if (type === 'unavailable') return { kind: 'unavailable', jid, resource: resourceOf(from) };
  if (type === 'subscribe' || type === 'subscribed' || type === 'unsubscribe' || type === 'unsubscribed') {
    return { kind: type, jid };
  }
  if (type !== undefined) return null;
  const show = stanza.getChild('show')?.text();
  const status = stanza.getChild('status')?.text();
  const priority = Number.parseInt(stanza.getChild('priority')?.text() ?? '0', 10);
  return {
    kind: 'available',
    jid,
    resource: resourceOf(from) ?? '',
    ...(show && SHOWS.has(show) ? { show: show as Show } : {}),
    ...(status ? { status } : {}),
    priority: Number.isFinite(priority) ? priority : 0,
  };
}

/** A chat message asking for a receipt and saying we are active (XEP-0184 section 5, XEP-0085). */
export function chatMessage(to: string, id: string, body: string): XmppElement {
  return xml(
    'message',
    { to, id, type: 'chat' },
    xml('body', {}, body),
    xml('active', { xmlns: NS_CHATSTATES }),
    xml('request', { xmlns: NS_RECEIPTS }),
  );
}

/** A standalone chat state notification (XEP-0085 section 5.5): no body, so no receipt. */
export function chatStateMessage(to: string, state: ChatState): XmppElement {
  return xml('message', { to, type: 'chat' }, xml(state, { xmlns: NS_CHATSTATES }));
}

export function receiptMessage(to: string, id: string): XmppElement {
  return xml('message', { to }, xml('received', { xmlns: NS_RECEIPTS, id }));
}

export interface ParsedMessage {
  readonly id: string | undefined;
  readonly from: string;
  readonly to: string | undefined;
  readonly body: string | undefined;
  readonly state: ChatState | undefined;
  readonly receiptRequested: boolean;
  /** The id a XEP-0184 receipt in this message acknowledges. */
  readonly receiptFor: string | undefined;
  /** A copy of a message another client of ours sent or received (XEP-0280). */
  readonly carbon: 'sent' | 'received' | undefined;
  /** When it was sent, for a message delivered late (stored offline): XEP-0203 (epoch ms). */
  readonly delayedAt: number | undefined;
  /** The message element itself (a carbon's inner message), for extensions read elsewhere. */
  readonly element: XmppElement;
}

/** The XEP-0203 stamp of the first of `elements` that has one. */
function delayStamp(...elements: Array<XmppElement | undefined>): number | undefined {
  for (const element of elements) {
    const stamp = Date.parse(element?.getChild('delay', NS_DELAY)?.attrs['stamp'] ?? '');
    if (Number.isFinite(stamp)) return stamp;
  }
  return undefined;
}

/**
 * Reads a message; a carbon is unwrapped, and accepted only from our own bare JID (XEP-0280
 * section 11: anyone else could forge one).
 */
export function parseMessage(
  stanza: XmppElement,
  ownBareJid: string,
  defaultFrom?: string,
): ParsedMessage | null {
  if (stanza.attrs['type'] === 'error') return null;
  const wrapper = stanza.getChild('sent', NS_CARBONS) ?? stanza.getChild('received', NS_CARBONS);
  if (wrapper) {
    if (bareJid(stanza.attrs['from'] ?? ownBareJid) !== ownBareJid) return null;
    const forwarded = wrapper.getChild('forwarded', NS_FORWARD);
    const inner = forwarded?.getChild('message');
    const parsed = inner
      ? parseMessage(inner, ownBareJid, wrapper.name === 'sent' ? ownBareJid : undefined)
      : null;
    // A carbon stored offline carries the delay on the wrapper; a forwarded one inside (XEP-0297).
    const delayedAt = parsed?.delayedAt ?? delayStamp(forwarded, stanza);
    return parsed && { ...parsed, carbon: wrapper.name === 'sent' ? 'sent' : 'received', delayedAt };
  }
  // A sent carbon's inner message may lack 'from' (it was ours).
  const from = stanza.attrs['from'] ?? defaultFrom;
  if (!from) return null;
  const state = CHAT_STATES.find((name) => stanza.getChild(name, NS_CHATSTATES));
  return {
    id: stanza.attrs['id'],
    from,
    to: stanza.attrs['to'],
    body: stanza.getChild('body')?.text(),
    state,
    receiptRequested: stanza.getChild('request', NS_RECEIPTS) !== undefined,
    receiptFor: stanza.getChild('received', NS_RECEIPTS)?.attrs['id'],
    carbon: undefined,
    delayedAt: delayStamp(stanza),
    element: stanza,
  };
}
