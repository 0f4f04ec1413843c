import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlToObject } from './desktop/xmlToObject.ts';
import { blankWindow } from './jsdomPage.ts';

// The `object` of a notification the desktop publishes on the hub (desktop/xmlToObject.ts).
const globals = globalThis as { DOMParser?: unknown };
beforeAll(() => {
  globals.DOMParser = blankWindow().DOMParser;
});
afterAll(() => {
  delete globals.DOMParser;
});

describe('xmlToObject', () => {
  it('gives text elements as strings, empty ones as null, repeated ones as arrays', () => {
    const object = xmlToObject(
      '<Update><data><user><state>READY</state><pendingState/><roles><role>Agent</role><role>Supervisor</role></roles>' +
        '<teams><Team><id>10</id></Team></teams></user></data><event>PUT</event></Update>',
    );
    expect(object).toEqual({
      Update: {
        data: {
          user: {
            state: 'READY',
            pendingState: null,
            roles: { role: ['Agent', 'Supervisor'] },
            teams: { Team: { id: '10' } },
          },
        },
        event: 'PUT',
      },
    });
  });

  it('keeps attributes as @name, drops xmlns, and keeps element names such as __proto__ as data', () => {
    const object = xmlToObject(
      '<notification xmlns="http://jabber.org/protocol/pubsub"><a kind="x">1</a><__proto__>p</__proto__></notification>',
    );
    expect(object?.notification).toEqual({ a: { '@kind': 'x', '#text': '1' }, ['__proto__']: 'p' });
    expect(Object.getPrototypeOf(object?.notification)).toBe(Object.prototype);
  });

  it('answers undefined for text that is not XML', () => {
    expect(xmlToObject('<a><b></a>')).toBeUndefined();
  });
});
