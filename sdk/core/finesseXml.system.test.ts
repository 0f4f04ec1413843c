/** Finesse XML tests: ReasonCodes and SystemInfo documents. */
import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import {
  parseReasonCodes,
  parseSystemInfo,
  reasonCodesFromElement,
  systemInfoFromElement,
} from './finesseXml.ts';

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
