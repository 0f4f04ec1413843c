/**
 * The checks every app's translations must pass, called from the app's i18n test: each language has
 * exactly the English keys (plural forms as that language needs them, e.g. six for Arabic), and every
 * string keeps the English placeholders (`{{name}}`) and says something.
 */
import { describe, expect, it } from 'vitest';

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

/** The plural forms a count from 0 to 100 can take in this language (chat counts, queue places). */
function neededForms(language: string): string[] {
  const rules = new Intl.PluralRules(language);
  return [...new Set(Array.from({ length: 101 }, (_, n) => rules.select(n)))].sort();
}

/** Registers `<app> translations` with a key and a placeholder test per language in `locales`. */
export function describeTranslations(
  app: string,
  locales: { en: unknown; [language: string]: unknown },
): void {
  const english = leaves(locales.en);
  const plainKeys = [...english.keys()].filter((key) => !PLURAL.test(key)).sort();
  const pluralBases = [
    ...new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''))),
  ];

  describe(`${app} translations`, () => {
    for (const [language, strings] of Object.entries(locales)) {
      const own = leaves(strings);
      it(`${language}: has every English key and no other`, () => {
        expect([...own.keys()].filter((key) => !PLURAL.test(key)).sort()).toEqual(plainKeys);
        for (const base of pluralBases) {
          const forms = [...own.keys()]
            .filter((key) => PLURAL.test(key) && key.replace(PLURAL, '') === base)
            .map((key) => PLURAL.exec(key)?.[1])
            .sort();
          expect(forms, base).toEqual(neededForms(language));
        }
      });
      it(`${language}: keeps the English placeholders, and says something`, () => {
        for (const [key, text] of own) {
          const base = key.replace(PLURAL, '');
          const reference = english.get(key) ?? english.get(`${base}_other`) ?? '';
          // A plural form may spell the number out ("رسالتان"): it may drop {{count}}, nothing else.
          const drop = (list: string[]) => list.filter((p) => !(PLURAL.test(key) && p === 'count'));
          expect(drop(placeholders(text)), `${language} ${key}`).toEqual(drop(placeholders(reference)));
          expect(text.trim(), `${language} ${key}`).not.toBe('');
        }
      });
    }
  });
}
