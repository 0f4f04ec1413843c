/**
 * The gadget's translations: every language has the English keys (plural forms as that language
 * needs them, e.g. six for Arabic), keeps the English placeholders, and the Finesse locale picks the
 * language and the text direction.
 */
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../ui/i18n/appI18n.ts';
import { createGadgetI18n, gadgetLocales, textDirection } from './i18n.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return out.set(prefix, String(value));
  for (const [key, child] of Object.entries(value)) {
    for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1] ?? '').sort();

/** The plural forms a count from 0 to 100 can take in this language (what a chat count can reach). */
function neededForms(language: string): string[] {
  const rules = new Intl.PluralRules(language);
  return [...new Set(Array.from({ length: 101 }, (_, n) => rules.select(n)))].sort();
}

const english = leaves(gadgetLocales.en);
const plainKeys = [...english.keys()].filter((key) => !PLURAL.test(key)).sort();
const pluralBases = [
  ...new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''))),
];

describe('gadget translations', () => {
  it('has the six languages the issue asks for', () => {
    expect(Object.keys(gadgetLocales).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ur']);
  });

  for (const [language, strings] of Object.entries(gadgetLocales)) {
    const own = leaves(strings);
    it(`${language}: has every English key and no other`, () => {
      expect([...own.keys()].filter((key) => !PLURAL.test(key)).sort()).toEqual(plainKeys);
      for (const base of pluralBases) {
        const forms = [...own.keys()]
          .filter((key) => key.replace(PLURAL, '') === base && PLURAL.test(key))
          .map((key) => PLURAL.exec(key)?.[1])
          .sort();
        expect(forms, base).toEqual(neededForms(language));
      }
    });
    it(`${language}: keeps the English placeholders`, () => {
      for (const [key, text] of own) {
        const base = key.replace(PLURAL, '');
        const reference = english.get(key) ?? english.get(`${base}_other`) ?? '';
        // A plural form may spell the number out ("رسالتان"): it may drop {{count}}, nothing else.
        const expected = placeholders(reference).filter((p) => !(PLURAL.test(key) && p === 'count'));
        const actual = placeholders(text).filter((p) => !(PLURAL.test(key) && p === 'count'));
        expect(actual, `${language} ${key}`).toEqual(expected);
        expect(text.trim(), `${language} ${key}`).not.toBe('');
      }
    });
  }
});

describe('Finesse locale → language and direction', () => {
  it.each([
    ['en_US', 'en', 'ltr'],
    ['de_DE', 'de', 'ltr'],
    ['fr_CA', 'fr', 'ltr'],
    ['es_ES', 'es', 'ltr'],
    ['ar_SA', 'ar', 'rtl'],
    ['ur_PK', 'ur', 'rtl'],
  ])('%s → %s, %s', (locale, language, dir) => {
    const i18n = createGadgetI18n(languageOf(locale));
    expect(i18n.resolvedLanguage).toBe(language);
    expect(textDirection(i18n)).toBe(dir);
  });

  it('falls back to English, left to right, for a language without translations', () => {
    const i18n = createGadgetI18n(languageOf('he_IL'));
    expect(i18n.t('offer.accept')).toBe('Accept');
    expect(textDirection(i18n)).toBe('ltr');
  });

  it('uses every Arabic plural form for unread counts', () => {
    const i18n = createGadgetI18n('ar');
    const unread = (count: number) => i18n.t('tabs.unread', { count });
    expect([0, 1, 2, 3, 11, 100].map(unread)).toEqual([
      'لا رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      '3 رسائل غير مقروءة',
      '11 رسالة غير مقروءة',
      '100 رسالة غير مقروءة',
    ]);
  });
});
