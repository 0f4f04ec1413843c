import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createQueueDirectory, QueueConfigError } from './queueSettings.ts';

const SETTINGS = {
  defaults: {
    prechat: {
      fields: [
        { name: 'name', required: true },
        { name: 'email', required: true },
      ],
    },
  },
  queues: {
    support: {
      prechat: {
        fields: [
          { name: 'name', required: true },
          {
            name: 'topic',
            required: true,
            options: [
              { value: 'billing', label: { en: 'Billing', de: 'Rechnung' }, queue: 'billing' },
              { value: 'other', label: 'Something else' },
            ],
          },
          { name: 'phone', maxLength: 500 },
        ],
      },
      hours: { timeZone: 'Europe/Berlin', weekly: { mon: ['09:00-17:00'] }, holidays: ['2025-12-25'] },
      whenUnstaffed: 'wait',
    },
  },
};

const directory = (json: unknown) =>
  createQueueDirectory({ json: JSON.stringify(json), whenUnstaffed: 'leave-message' });

describe('queue settings', () => {
  it('without a file: the name, required, always open, a message when unstaffed', () => {
    const queues = createQueueDirectory({ whenUnstaffed: 'leave-message' });
    expect(queues.get('any')).toMatchObject({ hours: null, whenUnstaffed: 'leave-message' });
    expect(queues.publicFields('any', 'en')).toEqual([{ name: 'name', required: true, maxLength: 80 }]);
  });

  it('applies the defaults to unnamed queues and a queue’s own settings to it', () => {
    const queues = directory(SETTINGS);
    expect(queues.publicFields('sales', 'en').map((f) => [f.name, f.required])).toEqual([
      ['name', true],
      ['email', true],
    ]);
    const support = queues.get('support');
    expect(support.whenUnstaffed).toBe('wait');
    expect(support.hours?.timeZone).toBe('Europe/Berlin');
    expect(support.hours?.weekly.mon).toEqual([[540, 1020]]);
    expect(support.hours?.holidays.has('2025-12-25')).toBe(true);
  });

  it('gives topic labels in the widget’s language, keeps the routing to itself, caps lengths', () => {
    const queues = directory(SETTINGS);
    const [, topic, phone] = queues.publicFields('support', 'de-AT');
    expect(topic).toEqual({
      name: 'topic',
      required: true,
      maxLength: 64,
      options: [
        { value: 'billing', label: 'Rechnung' },
        { value: 'other', label: 'Something else' },
      ],
    });
    expect(queues.publicFields('support', 'fr')[1]?.options?.[0]?.label).toBe('Billing');
    expect(phone?.maxLength).toBe(32);
    expect(queues.routeFor('support', 'billing')).toBe('billing');
    expect(queues.routeFor('support', 'other')).toBe('support');
    expect(queues.routeFor('support', undefined)).toBe('support');
  });

  it('reads a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'queues-')), 'queues.json');
    writeFileSync(file, JSON.stringify(SETTINGS));
    expect(createQueueDirectory({ file, whenUnstaffed: 'wait' }).get('support').whenUnstaffed).toBe('wait');
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    [
      'an unknown field',
      { defaults: { prechat: { fields: [{ name: 'age' }] } } },
      /defaults\.prechat\.fields\.0\.name/,
    ],
    [
      'a topic without options',
      { defaults: { prechat: { fields: [{ name: 'topic' }] } } },
      /topic field needs options/,
    ],
    [
      'a field twice',
      { defaults: { prechat: { fields: [{ name: 'name' }, { name: 'name' }] } } },
      /a field twice/,
    ],
    [
      'a wrong time zone',
      { queues: { a: { hours: { timeZone: 'Nowhere/Town', weekly: {} } } } },
      /IANA time zone/,
    ],
    [
      'a wrong interval',
      { queues: { a: { hours: { timeZone: 'UTC', weekly: { mon: ['9-5'] } } } } },
      /not an interval/,
    ],
    [
      'a wrong holiday',
      { queues: { a: { hours: { timeZone: 'UTC', weekly: {}, holidays: ['25.12.'] } } } },
      /holidays/,
    ],
    ['an unknown key', { defaults: { colour: 'red' } }, /colour|Unrecognized/],
  ])('stops the server on %s, naming where', (_what, json, message) => {
    const make = () =>
      createQueueDirectory({
        json: typeof json === 'string' ? json : JSON.stringify(json),
        whenUnstaffed: 'wait',
      });
    expect(make).toThrow(QueueConfigError);
    expect(make).toThrow(message);
  });

  it('gives the team and the greeting in the asked language, a queue’s own replacing the defaults', () => {
    const queues = directory({
      defaults: {
        team: {
          name: { en: 'Support', de: 'Kundendienst' },
          avatars: ['MK', 'https://cdn.example.com/a.png'],
        },
        greeting: { en: 'Hello!', de: 'Hallo!' },
      },
      queues: { sales: { team: { avatars: ['ÅL'] } }, quiet: { team: {}, greeting: 'Hi' } },
    });
    expect(queues.publicIntro('any', 'de-AT')).toEqual({
      team: { name: 'Kundendienst', avatars: ['MK', 'https://cdn.example.com/a.png'] },
      greeting: 'Hallo!',
    });
    expect(queues.publicIntro('any', 'fr')).toMatchObject({ team: { name: 'Support' }, greeting: 'Hello!' });
    expect(queues.publicIntro('sales', 'en')).toEqual({ team: { avatars: ['ÅL'] }, greeting: 'Hello!' });
    expect(queues.publicIntro('quiet', 'en')).toEqual({ greeting: 'Hi' });
    expect(createQueueDirectory({ whenUnstaffed: 'wait' }).publicIntro('any', 'en')).toEqual({});
  });

  it.each([
    [{ team: { avatars: ['http://cdn.example.com/a.png'] } }, /defaults\.team\.avatars\.0: initials/],
    [{ team: { avatars: ['javascript:alert(1)'] } }, /defaults\.team\.avatars\.0/],
    [{ team: { avatars: ['ABCD'] } }, /defaults\.team\.avatars\.0/],
    [{ team: { avatars: ['https://user:pw@cdn.example.com/a.png'] } }, /defaults\.team\.avatars\.0/],
    [{ team: { avatars: ['A', 'B', 'C', 'D', 'E', 'F'] } }, /defaults\.team\.avatars/],
    [{ team: { name: '' } }, /defaults\.team\.name/],
    [{ team: { size: 3 } }, /defaults\.team/],
    [{ greeting: 'x'.repeat(301) }, /defaults\.greeting/],
    [{ greeting: { english: 'Hi' } }, /defaults\.greeting/],
  ])('refuses a wrong team or greeting: %j', (defaults, problem) => {
    expect(() => directory({ defaults })).toThrow(QueueConfigError);
    expect(() => directory({ defaults })).toThrow(problem);
  });
});
