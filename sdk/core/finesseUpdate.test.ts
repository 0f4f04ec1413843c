import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import {
  MAX_NOTIFICATION_STANZA,
  parseFinesseNotification,
  parseFinesseUpdate,
  pubsubNotificationItems,
} from './finesseUpdate.ts';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A pubsub event message as Prosody (or Finesse) delivers it: the Update escaped once. */
const stanza = (node: string, ...updates: string[]) =>
  `<message from="pubsub.finesse.test" to="1001@finesse.test" type="headline" xmlns="jabber:client">` +
  `<event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}">` +
  updates
    .map(
      (update, i) =>
        `<item id="i${i}"><notification xmlns="http://jabber.org/protocol/pubsub">${escape(update)}</notification></item>`,
    )
    .join('') +
  `</items></event></message>`;

const userXml = (state: string, firstName = 'Ann', tag = 'user') =>
  `<${tag}><uri>/finesse/api/User/1001</uri><roles><role>Agent</role></roles><loginId>1001</loginId>` +
  `<loginName>ann</loginName><state>${state}</state><stateChangeTime>2026-01-01T10:00:00.000Z</stateChangeTime>` +
  `<pendingState></pendingState><reasonCodeId>-1</reasonCodeId><extension>1001</extension>` +
  `<firstName>${firstName}</firstName><lastName>Lee</lastName><teamId>1</teamId><teamName>Sales</teamName></${tag}>`;

const update = (data: string, event = 'PUT', source = '/finesse/api/User/1001', requestId = 'r-1') =>
  `<Update><data>${data}</data><event>${event}</event><requestId>${requestId}</requestId><source>${source}</source></Update>`;

const dialogXml = (id: string, state = 'ALERTING') =>
  `<Dialog><id>${id}</id><uri>/finesse/api/Dialog/${id}</uri><mediaType>Voice</mediaType><fromAddress>5551234</fromAddress>` +
  `<toAddress>1001</toAddress><state>${state}</state><participants><Participant><mediaAddress>1001</mediaAddress>` +
  `<state>${state}</state><actions><action>ANSWER</action></actions></Participant></participants>` +
  `<mediaProperties><callType>ACD_IN</callType><callvariables><CallVariable><name>callVariable1</name>` +
  `<value>VIP</value></CallVariable></callvariables></mediaProperties></Dialog>`;

function expectFinesseError(run: () => unknown, message?: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FinesseError);
  if (message) expect((thrown as Error).message).toMatch(message);
}

describe('parseFinesseUpdate', () => {
  it('reads a user state change with its event, requestId and source', () => {
    const parsed = parseFinesseUpdate(update(userXml('READY')));
    expect(parsed).toMatchObject({
      kind: 'user',
      event: 'PUT',
      requestId: 'r-1',
      source: '/finesse/api/User/1001',
      user: { loginId: '1001', state: 'READY', reasonCodeId: null, roles: ['Agent'] },
    });
  });

  it('accepts the guide sample spelling: <User> and a lower-case event', () => {
    const parsed = parseFinesseUpdate(update(userXml('NOT_READY', 'Ann', 'User'), 'put', undefined, ''));
    expect(parsed).toMatchObject({ kind: 'user', event: 'PUT', requestId: null });
  });

  it('reads a dialog added to the collection (POST <dialogs>)', () => {
    const parsed = parseFinesseUpdate(
      update(`<dialogs>${dialogXml('16804377')}</dialogs>`, 'POST', '/finesse/api/User/1001/Dialogs'),
    );
    expect(parsed.kind).toBe('dialogs');
    if (parsed.kind !== 'dialogs') return;
    expect(parsed.event).toBe('POST');
    expect(parsed.dialogs).toHaveLength(1);
    expect(parsed.dialogs[0]).toMatchObject({
      id: '16804377',
      state: 'ALERTING',
      rawCallType: 'ACD_IN',
      callVariables: { callVariable1: 'VIP' },
    });
  });

  it('reads a change of one dialog (PUT <Dialog>, source /finesse/api/Dialog/{id})', () => {
    const parsed = parseFinesseUpdate(update(dialogXml('77', 'ACTIVE'), 'PUT', '/finesse/api/Dialog/77'));
    expect(parsed).toMatchObject({ kind: 'dialog', event: 'PUT', dialog: { id: '77', state: 'ACTIVE' } });
  });

  it('reads SystemInfo', () => {
    const parsed = parseFinesseUpdate(
      update(
        '<SystemInfo><status>OUT_OF_SERVICE</status><xmppDomain>finesse.test</xmppDomain></SystemInfo>',
        'PUT',
        '/finesse/api/SystemInfo',
      ),
    );
    expect(parsed).toMatchObject({ kind: 'systemInfo', systemInfo: { status: 'OUT_OF_SERVICE' } });
  });

  it('reads an asynchronous error notification', () => {
    const parsed = parseFinesseUpdate(
      update(
        '<apiErrors><apiError><errorData>1</errorData><errorMessage>E_ALREADY</errorMessage>' +
          '<errorType>Agent already logged into MRD</errorType></apiError></apiErrors>',
        'PUT',
        '/finesse/api/User/1001/Media/5001',
      ),
    );
    expect(parsed).toMatchObject({
      kind: 'apiErrors',
      errors: [{ errorType: 'Agent already logged into MRD', message: 'E_ALREADY', errorData: '1' }],
    });
  });

  it('reports data it does not read, and no data, as unknown', () => {
    expect(parseFinesseUpdate(update('<team><id>5</id></team>', 'PUT', '/finesse/api/Team/5'))).toMatchObject(
      { kind: 'unknown', element: 'team', source: '/finesse/api/Team/5' },
    );
    expect(parseFinesseUpdate(update('', 'DELETE'))).toMatchObject({ kind: 'unknown', element: null });
  });

  it('refuses documents that are not Finesse updates', () => {
    expectFinesseError(() => parseFinesseUpdate('<User><loginId>1</loginId></User>'), /no <Update>/);
    expectFinesseError(() => parseFinesseUpdate(update(userXml('READY'), 'PATCH')), /event/);
    expectFinesseError(() => parseFinesseUpdate(update(userXml('READY'), 'PUT', '')), /source/);
    expectFinesseError(() => parseFinesseUpdate(update('<user><state>READY</state></user>')), /loginId/);
    expectFinesseError(() => parseFinesseUpdate('<Update><data><user>'), /malformed/);
    expectFinesseError(() => parseFinesseUpdate(''), /malformed/);
  });

  it('refuses a DOCTYPE (entity expansion) before parsing', () => {
    const laughs =
      '<!DOCTYPE Update [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      update(userXml('READY', '&b;'));
    expectFinesseError(() => parseFinesseUpdate(laughs), /DOCTYPE/);
  });
});

describe('pubsubNotificationItems / parseFinesseNotification', () => {
  it('unescapes the notification text once and parses the Update inside', () => {
    const [notification] = parseFinesseNotification(
      stanza('/finesse/api/User/1001', update(userXml('TALKING'))),
    );
    expect(notification).toMatchObject({ node: '/finesse/api/User/1001', kind: 'user', event: 'PUT' });
    expect(notification?.kind === 'user' && notification.user.state).toBe('TALKING');
  });

  it('decodes each layer exactly once: escaped markup in a field stays text', () => {
    // The field value is `O'Brien & <b>`; inside the Update it is escaped, and escaped again in the item.
    const name = 'O&apos;Brien &amp; &lt;b&gt;';
    const [notification] = parseFinesseNotification(
      stanza('/finesse/api/User/1001', update(userXml('READY', name))),
    );
    expect(notification?.kind === 'user' && notification.user.firstName).toBe("O'Brien & <b>");
  });

  it('returns every item of a message', () => {
    const items = pubsubNotificationItems(
      stanza('/finesse/api/User/1001/Dialogs', update('<dialogs/>', 'POST'), update('<dialogs/>', 'DELETE')),
    );
    expect(items?.node).toBe('/finesse/api/User/1001/Dialogs');
    expect(items?.payloads).toHaveLength(2);
  });

  it('ignores messages that are not pubsub item events', () => {
    expect(pubsubNotificationItems('<message from="x@y"><body>hi</body></message>')).toBeNull();
    expect(
      pubsubNotificationItems(
        '<message><event xmlns="http://jabber.org/protocol/pubsub#event"><purge node="/n"/></event></message>',
      ),
    ).toBeNull();
    const retract =
      '<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/n"><retract id="1"/></items></event></message>';
    expect(parseFinesseNotification(retract)).toEqual([]);
  });

  it('refuses a hostile Update inside the item with a FinesseError', () => {
    const hostile = '<!DOCTYPE Update [<!ENTITY a "a">]><Update><data>&a;</data></Update>';
    expect(pubsubNotificationItems(stanza('/n', hostile))?.payloads[0]).toContain('<!DOCTYPE');
    expectFinesseError(() => parseFinesseNotification(stanza('/n', hostile)), /DOCTYPE/);
    expectFinesseError(() => parseFinesseNotification(stanza('/n', '<Update><data>')), /malformed/);
    expectFinesseError(() => parseFinesseNotification(stanza('/n', 'just text')), /malformed/);
  });

  it('refuses a DOCTYPE or an oversize stanza', () => {
    expectFinesseError(() => pubsubNotificationItems('<!DOCTYPE message []><message/>'), /DOCTYPE/);
    expectFinesseError(() =>
      pubsubNotificationItems(`<message>${'a'.repeat(MAX_NOTIFICATION_STANZA)}</message>`),
    );
  });

  it('never throws anything but a FinesseError on truncated or garbled input', () => {
    const whole = stanza('/finesse/api/User/1001', update(userXml('READY')));
    const inputs = [
      ...Array.from({ length: 60 }, (_, i) => whole.slice(0, Math.floor((whole.length * i) / 60))),
      whole.replace(/&lt;/g, '<'),
      whole.replace(/&gt;/g, '&#0;'),
      whole.replace('READY', '&#xD800;'),
      '<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/n"><item><notification><x/></notification></item></items></event></message>',
    ];
    for (const input of inputs) {
      try {
        parseFinesseNotification(input);
      } catch (error) {
        expect(error, input).toBeInstanceOf(FinesseError);
      }
    }
  });
});
