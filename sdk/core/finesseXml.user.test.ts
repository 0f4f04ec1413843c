/** Finesse XML tests: User documents (states, reason codes, roles), hostile input and ApiErrors. */
import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import {
  apiErrorFromElement,
  parseApiError,
  parseFinesseXml,
  parseUser,
  userFromElement,
} from './finesseXml.ts';

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
