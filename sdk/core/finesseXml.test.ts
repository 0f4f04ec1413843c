import { describe, expect, it } from 'vitest';
import { FinesseError } from './errors.ts';
import { parseApiError, parseUser } from './finesseXml.ts';

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
