import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { checkFile, typeAllowed } from './fileLimits.ts';
import {
  fileAnswerMessage,
  fileOfferMessage,
  NS_FILE_METADATA,
  NS_OOB,
  parseFileAnswer,
  parseFileOffer,
  parseSlot,
} from './fileStanzas.ts';

const offer = (url: string, name = 'a.txt', size = '3') =>
  xml(
    'message',
    { from: 'bob@x/desk', type: 'chat' },
    xml('body', {}, url),
    xml('x', { xmlns: NS_OOB }, xml('url', {}, url)),
    xml('file', { xmlns: NS_FILE_METADATA }, xml('name', {}, name), xml('size', {}, size)),
  );

describe('file offer stanzas', () => {
  it('reads back what it builds', () => {
    const file = { name: 'r.pdf', size: 9, type: 'application/pdf', url: 'https://up/r.pdf' };
    expect(parseFileOffer(fileOfferMessage('bob@x', 'id1', file))).toEqual(file);
    expect(parseFileAnswer(fileAnswerMessage('bob@x', 'id1', 'declined'))).toEqual({
      id: 'id1',
      answer: 'declined',
    });
  });

  it('offers only http(s) URLs, keeps only the last part of a name, and a sane size', () => {
    expect(parseFileOffer(offer('javascript:alert(1)'))).toBeUndefined();
    expect(parseFileOffer(offer('data:text/html,<b>'))).toBeUndefined();
    expect(parseFileOffer(offer('https://up/a b'))).toBeUndefined();
    expect(parseFileOffer(offer('https://up/x', '../../etc/passwd', '-4'))).toEqual({
      name: 'passwd',
      size: 0,
      type: 'application/octet-stream',
      url: 'https://up/x',
    });
    expect(parseFileOffer(xml('message', {}, xml('body', {}, 'https://up/x')))).toBeUndefined();
    expect(parseFileAnswer(fileAnswerMessage('bob@x', 'id', 'maybe' as 'accepted'))).toBeUndefined();
  });

  it('passes on only the PUT headers XEP-0363 allows, without line breaks', () => {
    const result = xml(
      'iq',
      { type: 'result' },
      xml(
        'slot',
        { xmlns: 'urn:xmpp:http:upload:0' },
        xml(
          'put',
          { url: 'https://up/put' },
          xml('header', { name: 'Authorization' }, 'Bearer t\r\nX-Evil: 1'),
          xml('header', { name: 'Host' }, 'elsewhere'),
        ),
        xml('get', { url: 'https://up/get' }),
      ),
    );
    expect(parseSlot(result)).toEqual({
      put: 'https://up/put',
      get: 'https://up/get',
      headers: { Authorization: 'Bearer tX-Evil: 1' },
    });
    expect(parseSlot(xml('iq', { type: 'result' }))).toBeNull();
  });
});

describe('file limits', () => {
  it('matches types exactly or by wildcard; no list allows all', () => {
    expect(typeAllowed('image/png', ['image/*'])).toBe(true);
    expect(typeAllowed('imagex/png', ['image/*'])).toBe(false);
    expect(typeAllowed('', ['application/octet-stream'])).toBe(true);
    expect(typeAllowed('text/html', [])).toBe(true);
    expect(typeAllowed('Text/Plain', ['text/plain'])).toBe(true);
  });

  it('refuses with the limit that applies: the smaller of the admin and the server', () => {
    const file = { name: 'a', size: 50, type: 'text/plain' };
    expect(() => checkFile(file, { maxBytes: 100 }, 40)).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE', limit: 40 }),
    );
    expect(() => checkFile(file, { maxBytes: 49 })).toThrow(/at most 49 bytes/);
    expect(() => checkFile(file, { types: ['image/*'] })).toThrow(
      expect.objectContaining({ code: 'FILE_TYPE' }),
    );
    expect(() => checkFile(file, false)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => checkFile(file, undefined, 50)).not.toThrow();
  });
});
