import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import {
  apiErrorFromElement,
  dialogFromElement,
  dialogsFromElement,
  MAX_FINESSE_XML,
  parseApiError,
  parseDialog,
  parseDialogs,
  parseFinesseXml,
  parseReasonCodes,
  parseSystemInfo,
  parseUser,
  reasonCodesFromElement,
  systemInfoFromElement,
  userFromElement,
} from './finesseXml.ts';
import { activeCallType, callTypeOf } from './finesseTypes.ts';

const USER = `<?xml version="1.0" encoding="UTF-8"?>
<User>
  <loginId>1001</loginId><loginName>mgonzalez</loginName><firstName>María</firstName><lastName>González</lastName>
  <extension>3001</extension><state>NOT_READY</state><pendingState></pendingState><reasonCodeId>-1</reasonCodeId>
  <stateChangeTime>2026-11-22T10:00:00.000Z</stateChangeTime><teamId>10</teamId><teamName>Retail &amp; Cards</teamName>
  <roles><role>Agent</role><role>Supervisor</role></roles>
</User>`;

describe('Finesse XML', () => {
  it('reads a User', () => {
    expect(parseUser(USER)).toMatchObject({
      loginId: '1001',
      firstName: 'María',
      state: 'NOT_READY',
      pendingState: null,
      reasonCodeId: null,
      roles: ['Agent', 'Supervisor'],
    });
  });

  it('decodes predefined entities and character references in text', () => {
    const user = parseUser(USER.replace('González', 'O&apos;Brien &#233;&#x20AC; &lt;b&gt;'));
    expect(user.lastName).toBe("O'Brien é€ <b>");
    expect(user.teamName).toBe('Retail & Cards');
  });

  it('reports an unknown state as UNKNOWN rather than trusting it', () => {
    expect(parseUser(USER.replace('NOT_READY', 'DANCING')).state).toBe('UNKNOWN');
  });

  it.each([
    [
      'entity expansion',
      `<!DOCTYPE u [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><User><loginId>&b;</loginId></User>`,
    ],
    [
      'external entity',
      `<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><User><loginId>&x;</loginId></User>`,
    ],
    ['malformed', '<User><loginId>1001</User>'],
    ['oversized', `<User><loginId>1</loginId><x>${'a'.repeat(300_000)}</x></User>`],
    ['not a User', '<Dialogs/>'],
    ['no loginId', '<User><firstName>A</firstName></User>'],
  ])('refuses %s with a FinesseError', (_name, xml) => {
    expect(() => parseUser(xml)).toThrow(FinesseError);
  });

  it('reads the first ApiError of an error answer, and nothing from other bodies', () => {
    expect(
      parseApiError(
        '<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorMessage>no READY while TALKING</ErrorMessage></ApiError></ApiErrors>',
      ),
    ).toEqual({ errorType: 'Invalid State', message: 'no READY while TALKING' });
    expect(parseApiError('<html>Bad gateway</html>')).toBeNull();
    expect(parseApiError('not xml at all <')).toBeNull();
  });
});

const DIALOGS = `<?xml version="1.0" encoding="UTF-8"?>
<Dialogs>
  <Dialog>
    <id>16804377</id><uri>/finesse/api/Dialog/16804377</uri><mediaType>Voice</mediaType>
    <fromAddress>5551234</fromAddress><toAddress>3001</toAddress><state>ACTIVE</state>
    <mediaProperties>
      <dialedNumber>8000</dialedNumber><callType>PREROUTE_ACD_IN</callType><DNIS>3001</DNIS>
      <callvariables>
        <CallVariable><name>callVariable1</name><value>Ada &amp; Co</value></CallVariable>
        <CallVariable><name>user.cisco.acctnum</name><value>42</value></CallVariable>
      </callvariables>
    </mediaProperties>
    <participants>
      <Participant><actions><action>HOLD</action><action>DROP</action></actions>
        <mediaAddress>3001</mediaAddress><mediaAddressType>AGENT_DEVICE</mediaAddressType><state>ACTIVE</state></Participant>
      <Participant><actions/><mediaAddress>5551234</mediaAddress><state>ACTIVE</state></Participant>
    </participants>
  </Dialog>
  <Dialog>
    <id>16804378</id><mediaType>Voice</mediaType><fromAddress>3001</fromAddress><toAddress>3002</toAddress>
    <state>INITIATED</state><mediaProperties><callType>CONSULT</callType><callvariables/></mediaProperties>
    <participants><Participant><actions><action>DROP</action></actions><mediaAddress>3001</mediaAddress><state>INITIATED</state></Participant></participants>
  </Dialog>
</Dialogs>`;

const REASON_CODES = `<?xml version="1.0" encoding="UTF-8"?>
<ReasonCodes category="NOT_READY">
  <ReasonCode><uri>/finesse/api/ReasonCode/1</uri><category>NOT_READY</category><code>1</code><label>Break</label><forAll>true</forAll><id>1</id></ReasonCode>
  <ReasonCode><uri>/finesse/api/ReasonCode/16</uri><category>NOT_READY</category><code>16</code><label>Handling Chat</label><forAll>false</forAll><id>16</id></ReasonCode>
</ReasonCodes>`;

const SYSTEM_INFO = `<?xml version="1.0" encoding="UTF-8"?>
<SystemInfo>
  <currentTimestamp>2026-11-22T10:00:00.000Z</currentTimestamp><deploymentType>UCCE</deploymentType>
  <primaryNode><host>finesse1.example.com</host><httpsPort>8445</httpsPort><xmppPort>5222</xmppPort></primaryNode>
  <secondaryNode><host>finesse2.example.com</host><httpsPort>8445</httpsPort><xmppPort>5222</xmppPort></secondaryNode>
  <status>IN_SERVICE</status><statusReason></statusReason><systemAuthMode>NON_SSO</systemAuthMode>
  <timezoneOffset>0</timezoneOffset><uri>/finesse/api/SystemInfo</uri>
  <xmppDomain>finesse1.example.com</xmppDomain><xmppPubSubDomain>pubsub.finesse1.example.com</xmppPubSubDomain>
</SystemInfo>`;

describe('Finesse XML: User with a reason code', () => {
  it('reads the embedded ReasonCode of a NOT_READY user', () => {
    const xml = USER.replace('<reasonCodeId>-1</reasonCodeId>', '<reasonCodeId>16</reasonCodeId>').replace(
      '<roles>',
      '<ReasonCode><uri>/finesse/api/ReasonCode/16</uri><category>NOT_READY</category><code>16</code><label>Handling Chat</label><forAll>true</forAll><id>16</id></ReasonCode><roles>',
    );
    expect(parseUser(xml)).toMatchObject({
      reasonCodeId: '16',
      reasonCode: { id: '16', label: 'Handling Chat', category: 'NOT_READY', forAll: true },
    });
  });

  it('reads a notification ReasonCode without id, taking the id from reasonCodeId', () => {
    const user = userFromElement({
      loginId: '1001001',
      state: 'NOT_READY',
      reasonCodeId: '2',
      ReasonCode: { uri: '/finesse/api/ReasonCode/2', code: '10', label: 'Team Meeting' },
    });
    expect(user.reasonCode).toMatchObject({
      id: '2',
      code: '10',
      label: 'Team Meeting',
      category: 'UNKNOWN',
    });
    expect(
      userFromElement({ loginId: '1', ReasonCode: { uri: '/finesse/api/ReasonCode/7', label: 'x' } })
        .reasonCode?.id,
    ).toBe('7');
  });

  it('has no reason code when Finesse sends none', () => {
    expect(parseUser(USER).reasonCode).toBeNull();
  });

  it('reads a pending state and treats an unknown pending state as UNKNOWN', () => {
    expect(
      parseUser(USER.replace('<pendingState></pendingState>', '<pendingState>READY</pendingState>'))
        .pendingState,
    ).toBe('READY');
    expect(
      parseUser(USER.replace('<pendingState></pendingState>', '<pendingState>SLEEPING</pendingState>'))
        .pendingState,
    ).toBe('UNKNOWN');
  });

  it('reads the lowercase <user> of a notification through userFromElement', () => {
    const update = parseFinesseXml(
      `<Update><data>${USER.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replaceAll('User>', 'user>')}</data><event>PUT</event><requestId>r1</requestId><source>/finesse/api/User/1001</source></Update>`,
    );
    const data = (update['Update'] as Record<string, Record<string, unknown>>)['data']!;
    expect(userFromElement(data['user'])).toMatchObject({
      loginId: '1001',
      state: 'NOT_READY',
      teamName: 'Retail & Cards',
    });
  });

  it('reads one role as a list and no roles as an empty list', () => {
    expect(parseUser(USER.replace('<role>Supervisor</role>', '')).roles).toEqual(['Agent']);
    expect(parseUser(USER.replace(/<roles>.*<\/roles>/, '<roles/>')).roles).toEqual([]);
  });

  it.each([
    ['null', null],
    ['a string', 'READY'],
    ['an object without loginId', { state: 'READY' }],
  ])('refuses %s as a user element', (_name, element) => {
    expect(() => userFromElement(element)).toThrow(FinesseError);
  });

  it('never trusts an element where text was expected', () => {
    expect(userFromElement({ loginId: '1', state: { nested: 'READY' } }).state).toBe('UNKNOWN');
  });
});

describe('Finesse XML: Dialogs', () => {
  it('reads every field of a voice dialog', () => {
    const [first, second] = parseDialogs(DIALOGS);
    expect(first).toEqual({
      id: '16804377',
      mediaType: 'Voice',
      fromAddress: '5551234',
      toAddress: '3001',
      state: 'ACTIVE',
      callType: 'inbound',
      rawCallType: 'PREROUTE_ACD_IN',
      participants: [
        { mediaAddress: '3001', state: 'ACTIVE', actions: ['HOLD', 'DROP'] },
        { mediaAddress: '5551234', state: 'ACTIVE', actions: [] },
      ],
      callVariables: { callVariable1: 'Ada & Co', 'user.cisco.acctnum': '42' },
    });
    expect(second).toMatchObject({
      id: '16804378',
      state: 'INITIATED',
      callType: 'consult',
      callVariables: {},
    });
  });

  it('reads an empty Dialogs list', () => {
    expect(parseDialogs('<Dialogs/>')).toEqual([]);
    expect(parseDialogs('<Dialogs></Dialogs>')).toEqual([]);
  });

  it('reads a single Dialog document', () => {
    const one = DIALOGS.slice(DIALOGS.indexOf('<Dialog>'), DIALOGS.indexOf('</Dialog>') + '</Dialog>'.length);
    expect(parseDialog(one).id).toBe('16804377');
  });

  it('reports an unknown dialog state as UNKNOWN and keeps a participant state as sent', () => {
    const [dialog] = parseDialogs(
      DIALOGS.replace('<state>ACTIVE</state>', '<state>TELEPORTED</state>').replace(
        '<mediaAddress>5551234</mediaAddress><state>ACTIVE</state>',
        '<mediaAddress>5551234</mediaAddress><state>HELD</state>',
      ),
    );
    expect(dialog!.state).toBe('UNKNOWN');
    expect(dialog!.participants[1]!.state).toBe('HELD');
  });

  it('has a null callType when Finesse has not sent one yet', () => {
    const [dialog] = parseDialogs('<Dialogs><Dialog><id>1</id><state>ALERTING</state></Dialog></Dialogs>');
    expect(dialog).toMatchObject({ callType: null, rawCallType: '', participants: [], callVariables: {} });
  });

  it('accepts element objects built without list handling (one child as an object)', () => {
    const dialogs = dialogsFromElement({
      Dialog: {
        id: '7',
        state: 'ACTIVE',
        mediaProperties: {
          callType: 'TRANSFER',
          callvariables: { CallVariable: { name: 'callVariable1', value: 'x' } },
        },
        participants: { Participant: { mediaAddress: '3001', state: 'ACTIVE', actions: { action: 'DROP' } } },
      },
    });
    expect(dialogs).toEqual([
      expect.objectContaining({
        id: '7',
        callType: 'transfer',
        callVariables: { callVariable1: 'x' },
        participants: [{ mediaAddress: '3001', state: 'ACTIVE', actions: ['DROP'] }],
      }),
    ]);
  });

  it('reads the lowercase <dialogs> of a notification', () => {
    expect(dialogsFromElement({ dialog: [{ id: '9', state: 'DROPPED' }] })).toMatchObject([
      { id: '9', state: 'DROPPED' },
    ]);
    expect(dialogFromElement({ id: '9', state: 'ALERTING' }).state).toBe('ALERTING');
  });

  it('keeps a call variable named __proto__ as plain data', () => {
    const [dialog] = parseDialogs(
      '<Dialogs><Dialog><id>1</id><mediaProperties><callvariables><CallVariable><name>__proto__</name><value>x</value></CallVariable></callvariables></mediaProperties></Dialog></Dialogs>',
    );
    expect(Object.getPrototypeOf(dialog!.callVariables)).toBe(Object.prototype);
    expect(Object.hasOwn(dialog!.callVariables, '__proto__')).toBe(true);
  });

  it.each([
    ['a Dialog without id', '<Dialogs><Dialog><state>ACTIVE</state></Dialog></Dialogs>'],
    ['text instead of dialogs', '<Dialogs>nonsense</Dialogs>'],
    ['another document', '<User><loginId>1</loginId></User>'],
    ['malformed', '<Dialogs><Dialog></Dialogs>'],
    ['a DOCTYPE', '<!DOCTYPE d [<!ENTITY a "x">]><Dialogs/>'],
    ['oversized', `<Dialogs><Dialog><id>1</id><x>${'a'.repeat(MAX_FINESSE_XML)}</x></Dialog></Dialogs>`],
  ])('refuses %s with a FinesseError', (_name, xml) => {
    expect(() => parseDialogs(xml)).toThrow(FinesseError);
  });
});

describe('Finesse callType → blending kind', () => {
  it.each([
    ['ACD_IN', 'inbound'],
    ['PREROUTE_ACD_IN', 'inbound'],
    ['PREROUTE_DIRECT_AGENT', 'inbound'],
    ['OVERFLOW_IN', 'inbound'],
    ['AUTO_OUT', 'inbound'],
    ['TRANSFER', 'transfer'],
    ['CONFERENCE', 'conference'],
    ['CONSULT', 'consult'],
    ['CONSULT_OFFERED', 'consult'],
    ['OTHER_IN', 'direct'],
    ['AGENT_INSIDE', 'direct'],
    ['OUT', 'direct'],
    ['AGENT_OUT', 'direct'],
    ['SUPERVISOR_MONITOR', 'inbound'],
    ['SOMETHING_NEW', 'inbound'],
    [' transfer ', 'transfer'],
    ['', null],
  ] as const)('maps %j to %j', (raw, kind) => {
    expect(callTypeOf(raw)).toBe(kind);
  });

  it.each([
    ['no dialogs', [], null],
    ['a dropped call only', [{ state: 'DROPPED', mediaType: 'Voice', callType: 'inbound' }], null],
    ['a non-voice task', [{ state: 'ACTIVE', mediaType: 'Chat', callType: null }], null],
    ['a consult', [{ state: 'ACTIVE', mediaType: 'Voice', callType: 'consult' }], 'consult'],
    ['a call without a callType yet', [{ state: 'ALERTING', mediaType: 'Voice', callType: null }], 'inbound'],
    [
      'a held customer call plus a consult',
      [
        { state: 'ACTIVE', mediaType: 'Voice', callType: 'consult' },
        { state: 'ACTIVE', mediaType: 'Voice', callType: 'inbound' },
      ],
      'inbound',
    ],
  ] as const)('gives the active call type with %s', (_name, dialogs, kind) => {
    expect(activeCallType(dialogs)).toBe(kind);
  });
});

describe('Finesse XML: ReasonCodes', () => {
  it('reads every reason code', () => {
    expect(parseReasonCodes(REASON_CODES)).toEqual([
      {
        id: '1',
        code: '1',
        label: 'Break',
        category: 'NOT_READY',
        forAll: true,
        uri: '/finesse/api/ReasonCode/1',
      },
      {
        id: '16',
        code: '16',
        label: 'Handling Chat',
        category: 'NOT_READY',
        forAll: false,
        uri: '/finesse/api/ReasonCode/16',
      },
    ]);
  });

  it('reads an empty list, a single code and an unknown category', () => {
    expect(parseReasonCodes('<ReasonCodes category="LOGOUT"/>')).toEqual([]);
    expect(
      reasonCodesFromElement({ ReasonCode: { id: '3', category: 'LUNCHTIME', label: 'x' } }),
    ).toMatchObject([{ id: '3', category: 'UNKNOWN', forAll: false }]);
  });

  it.each([
    ['a code without id', '<ReasonCodes><ReasonCode><label>x</label></ReasonCode></ReasonCodes>'],
    ['another document', '<Dialogs/>'],
    ['malformed', '<ReasonCodes><ReasonCode></ReasonCodes>'],
  ])('refuses %s with a FinesseError', (_name, xml) => {
    expect(() => parseReasonCodes(xml)).toThrow(FinesseError);
  });
});

describe('Finesse XML: SystemInfo', () => {
  it('reads every field', () => {
    expect(parseSystemInfo(SYSTEM_INFO)).toEqual({
      status: 'IN_SERVICE',
      statusReason: '',
      deploymentType: 'UCCE',
      xmppDomain: 'finesse1.example.com',
      xmppPubSubDomain: 'pubsub.finesse1.example.com',
      primaryNode: { host: 'finesse1.example.com', httpsPort: 8445, xmppPort: 5222 },
      secondaryNode: { host: 'finesse2.example.com', httpsPort: 8445, xmppPort: 5222 },
      systemAuthMode: 'NON_SSO',
      currentTimestamp: '2026-11-22T10:00:00.000Z',
    });
  });

  it('has no secondary node on a single-node deployment, and tolerates bad ports', () => {
    const info = parseSystemInfo(
      SYSTEM_INFO.replace(/<secondaryNode>.*<\/secondaryNode>/, '<secondaryNode/>').replace(
        '<httpsPort>8445</httpsPort>',
        '<httpsPort>99999</httpsPort>',
      ),
    );
    expect(info.secondaryNode).toBeNull();
    expect(info.primaryNode).toEqual({ host: 'finesse1.example.com', httpsPort: null, xmppPort: 5222 });
  });

  it.each([
    ['status', 'IN_SERVICE', 'PARTIAL_SERVICE', 'UNKNOWN'],
    ['systemAuthMode', 'NON_SSO', 'KERBEROS', 'UNKNOWN'],
  ] as const)('reports an unknown %s as UNKNOWN', (field, from, to, expected) => {
    expect(parseSystemInfo(SYSTEM_INFO.replace(`<${field}>${from}`, `<${field}>${to}`))[field]).toBe(
      expected,
    );
  });

  it('reads OUT_OF_SERVICE with its reason through systemInfoFromElement', () => {
    expect(
      systemInfoFromElement({ status: 'OUT_OF_SERVICE', statusReason: 'Notification Service down' }),
    ).toMatchObject({
      status: 'OUT_OF_SERVICE',
      statusReason: 'Notification Service down',
      primaryNode: null,
      currentTimestamp: null,
    });
  });

  it.each([
    ['another document', '<User><loginId>1</loginId></User>'],
    ['text only', '<SystemInfo>down</SystemInfo>'],
    [
      'an external entity',
      '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><SystemInfo><status>&x;</status></SystemInfo>',
    ],
  ])('refuses %s with a FinesseError', (_name, xml) => {
    expect(() => parseSystemInfo(xml)).toThrow(FinesseError);
  });
});

describe('Finesse XML: ApiErrors', () => {
  it('reads ErrorData when Finesse sends it', () => {
    expect(
      parseApiError(
        '<ApiErrors><ApiError><ErrorType>Parameter Missing</ErrorType><ErrorMessage>x</ErrorMessage><ErrorData>reasonCodeId</ErrorData></ApiError></ApiErrors>',
      ),
    ).toEqual({ errorType: 'Parameter Missing', message: 'x', errorData: 'reasonCodeId' });
  });

  it('finds nothing in an empty ApiErrors', () => {
    expect(parseApiError('<ApiErrors/>')).toBeNull();
    expect(apiErrorFromElement(undefined)).toBeNull();
  });
});
