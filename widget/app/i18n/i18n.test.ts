import { describe, expect, it } from 'vitest';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('widget translations', () => {
  it('has every English key in German, and no extra ones', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });
  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const flat = (obj: unknown, key: string): string =>
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(en)) expect(placeholders(flat(de, key)), key).toEqual(placeholders(flat(en, key)));
  });
});
