import { describe, expect, it } from 'vitest';
import { checkField, checkPrechat, isEmail, isPhone } from './prechat.ts';
import type { PrechatField } from './protocol.ts';

const field = (
  name: PrechatField['name'],
  required = true,
  extra: Partial<PrechatField> = {},
): PrechatField => ({
  name,
  required,
  maxLength: 500,
  ...extra,
});

describe('pre-chat rules', () => {
  it.each(['ada@example.com', 'a.b+tag@mail.example.co.uk', 'ü@exämple.de'])(
    'accepts the address %s',
    (value) => {
      expect(isEmail(value)).toBe(true);
    },
  );

  it.each([
    '',
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'a da@example.com',
    'ada@example.c',
    '<a@b.cd>',
    `${'x'.repeat(65)}@example.com`,
  ])('refuses the address %j', (value) => expect(isEmail(value)).toBe(false));

  it('accepts phone numbers with separators and 6 to 15 digits', () => {
    expect(isPhone('+49 30 1234567')).toBe(true);
    expect(isPhone('(030) 123-456')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isPhone('+1 234 567 890 123 456')).toBe(false);
    expect(isPhone('call me')).toBe(false);
  });

  it('says what is wrong with one field', () => {
    expect(checkField(field('name'), '  ')).toBe('required');
    expect(checkField(field('name', false), '')).toBeNull();
    expect(checkField(field('name'), 'x'.repeat(81))).toBe('tooLong');
    expect(checkField(field('name', true, { maxLength: 5 }), '123456')).toBe('tooLong');
    expect(checkField(field('email'), ' ada@example.com ')).toBeNull();
    expect(checkField(field('email', false), 'nope')).toBe('email');
    expect(checkField(field('phone', false), 'nope')).toBe('phone');
    const topic = field('topic', true, { options: [{ value: 'billing', label: 'Billing' }] });
    expect(checkField(topic, 'billing')).toBeNull();
    expect(checkField(topic, 'other')).toBe('option');
  });

  it('checks a whole form', () => {
    expect(checkPrechat([field('name'), field('email')], { name: 'Ada', email: 'x' })).toEqual({
      email: 'email',
    });
    expect(checkPrechat([field('name'), field('email', false)], { name: 'Ada' })).toEqual({});
  });
});
