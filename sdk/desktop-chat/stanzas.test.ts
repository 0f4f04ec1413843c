import { xml, type XmppElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import {
  chatMessage,
  NS_CARBONS,
  NS_CHATSTATES,
  NS_DELAY,
  NS_FORWARD,
  NS_RECEIPTS,
  parseMessage,
  parsePresence,
  parseRosterItem,
  presenceStanza,
  rosterSet,
} from './stanzas.ts';

const OWN = 'alice@im.test';

function carbon(kind: 'sent' | 'received', from: string, inner: XmppElement, ...extra: XmppElement[]) {
  return xml(
    'message',
    { from, to: `${OWN}/desk` },
    xml(kind, { xmlns: NS_CARBONS }, xml('forwarded', { xmlns: NS_FORWARD }, inner)),
    ...extra,
  );
}

describe('parseMessage', () => {
  it('reads body, chat state, receipt request and receipt', () => {
    const message = xml(
      'message',
      { from: 'bob@im.test/phone', to: `${OWN}/desk`, id: 'm1', type: 'chat' },
      xml('body', {}, 'hi'),
      xml('composing', { xmlns: NS_CHATSTATES }),
      xml('request', { xmlns: NS_RECEIPTS }),
    );
    expect(parseMessage(message, OWN)).toMatchObject({
      id: 'm1',
      from: 'bob@im.test/phone',
      body: 'hi',
      state: 'composing',
      receiptRequested: true,
      receiptFor: undefined,
      carbon: undefined,
    });
    const receipt = xml(
      'message',
      { from: 'bob@im.test/phone' },
      xml('received', { xmlns: NS_RECEIPTS, id: 'm1' }),
    );
    expect(parseMessage(receipt, OWN)).toMatchObject({ receiptFor: 'm1', body: undefined });
  });

  it('unwraps carbons from our own account (XEP-0280)', () => {
    const sent = carbon('sent', OWN, chatMessage('bob@im.test', 'c1', 'copy'));
    expect(parseMessage(sent, OWN)).toMatchObject({
      id: 'c1',
      to: 'bob@im.test',
      body: 'copy',
      carbon: 'sent',
    });
    const inner = xml(
      'message',
      { from: 'bob@im.test/phone', to: `${OWN}/phone`, id: 'c2' },
      xml('body', {}, 'yo'),
    );
    expect(parseMessage(carbon('received', OWN, inner), OWN)).toMatchObject({ id: 'c2', carbon: 'received' });
  });

  it('reads the XEP-0203 delay of a message stored offline, also on a carbon wrapper', () => {
    const stored = xml(
      'message',
      { from: 'bob@im.test/x', id: 'd1' },
      xml('body', {}, 'late'),
      xml('delay', { xmlns: NS_DELAY, stamp: '2026-01-02T03:04:05Z' }),
    );
    expect(parseMessage(stored, OWN)?.delayedAt).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    const delay = xml('delay', { xmlns: NS_DELAY, stamp: '2026-01-02T03:04:06Z' });
    const sent = carbon('sent', OWN, chatMessage('bob@im.test', 'c3', 'copy'), delay);
    expect(parseMessage(sent, OWN)?.delayedAt).toBe(Date.UTC(2026, 0, 2, 3, 4, 6));
    expect(parseMessage(chatMessage('bob@im.test', 'x', 'now'), OWN, OWN)?.delayedAt).toBeUndefined();
  });

  it('ignores carbons forged by anyone else, and error messages', () => {
    const forged = carbon('sent', 'mallory@im.test/x', chatMessage('bob@im.test', 'f1', 'forged'));
    expect(parseMessage(forged, OWN)).toBeNull();
    const error = xml('message', { from: 'bob@im.test', type: 'error' }, xml('body', {}, 'x'));
    expect(parseMessage(error, OWN)).toBeNull();
  });
});

describe('presence and roster stanzas', () => {
  it('reads available, unavailable and subscription presence', () => {
    const available = xml(
      'presence',
      { from: 'Bob@IM.test/desk' },
      xml('show', {}, 'dnd'),
      xml('status', {}, 'Meeting'),
      xml('priority', {}, '5'),
    );
    expect(parsePresence(available)).toEqual({
      kind: 'available',
      jid: 'bob@im.test',
      resource: 'desk',
      show: 'dnd',
      status: 'Meeting',
      priority: 5,
    });
    expect(parsePresence(xml('presence', { from: 'bob@im.test/desk', type: 'unavailable' }))).toEqual({
      kind: 'unavailable',
      jid: 'bob@im.test',
      resource: 'desk',
    });
    expect(parsePresence(xml('presence', { from: 'bob@im.test', type: 'subscribe' }))).toEqual({
      kind: 'subscribe',
      jid: 'bob@im.test',
    });
    expect(parsePresence(xml('presence', { from: 'bob@im.test', type: 'probe' }))).toBeNull();
    expect(
      parsePresence(xml('presence', { from: 'bob@im.test/x' }, xml('show', {}, 'bogus'))),
    ).not.toHaveProperty('show');
  });

  it('builds presence with show and status, none for plain available', () => {
    expect(presenceStanza('away', 'Lunch').toString()).toBe(
      '<presence><show>away</show><status>Lunch</status><priority>0</priority></presence>',
    );
    expect(presenceStanza('available').getChild('show')).toBeUndefined();
  });

  it('writes and reads roster items with groups', () => {
    const item = rosterSet('bob@im.test', 'Bob', ['Sales', 'Team']).getChild('query')!.getChild('item')!;
    expect(parseRosterItem(item)).toEqual({
      jid: 'bob@im.test',
      name: 'Bob',
      groups: ['Sales', 'Team'],
      subscription: 'none',
      pendingOut: false,
    });
    const removed = xml('item', { jid: 'bob@im.test', subscription: 'remove' });
    expect(parseRosterItem(removed)).toEqual({ jid: 'bob@im.test', subscription: 'remove' });
    expect(
      parseRosterItem(xml('item', { jid: 'x@im.test', subscription: 'weird', ask: 'subscribe' })),
    ).toMatchObject({
      subscription: 'none',
      pendingOut: true,
    });
  });
});
