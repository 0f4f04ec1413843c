/**
 * The widget's translations: six languages with exactly the English keys (plural forms as each
 * language needs them, six for Arabic), the English placeholders kept; languages arrive on demand,
 * an unknown one falls back to English, Arabic and Urdu run right to left.
 */
import { describe, expect, it } from 'vitest';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ur from './locales/ur.json' with { type: 'json' };
import {
  WIDGET_LANGUAGES,
  createWidgetI18n,
  languageLoaded,
  setWidgetLanguage,
  textDirection,
  widgetLanguage,
} from './i18n.ts';

const locales: Record<string, unknown> = { en, de, fr, es, ar, ur };
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

/** The plural forms a count from 0 to 100 takes in this language (queue places, unread counts). */
function neededForms(language: string): string[] {
  const rules = new Intl.PluralRules(language);
  return [...new Set(Array.from({ length: 101 }, (_, n) => rules.select(n)))].sort();
}

const english = leaves(en);
const plainKeys = [...english.keys()].filter((key) => !PLURAL.test(key)).sort();
const pluralBases = [
  ...new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''))),
];

describe('widget translations', () => {
  it('has the six languages the issue asks for, and the app offers exactly those', () => {
    expect(Object.keys(locales).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ur']);
    expect([...WIDGET_LANGUAGES].sort()).toEqual(Object.keys(locales).sort());
  });

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

describe('widget languages', () => {
  it.each([
    ['de-CH', 'de', 'ltr'],
    ['fr_CA', 'fr', 'ltr'],
    ['es', 'es', 'ltr'],
    ['ar-EG', 'ar', 'rtl'],
    ['ur-PK', 'ur', 'rtl'],
    ['he-IL', 'en', 'ltr'],
    ['', 'en', 'ltr'],
  ])('%s → %s, %s', (locale, language, dir) => {
    expect(widgetLanguage(locale)).toBe(language);
    expect(textDirection(widgetLanguage(locale))).toBe(dir);
  });

  it('starts in English and has the chosen language once it has arrived', async () => {
    const i18n = createWidgetI18n('fr-FR');
    await languageLoaded();
    expect(i18n.language).toBe('fr');
    expect(i18n.t('prechat.start')).toBe('Démarrer la discussion');
  });

  it('switches live, and falls back to English for a language it does not have', async () => {
    const i18n = createWidgetI18n('en');
    await setWidgetLanguage(i18n, 'ar');
    expect(i18n.t('composer.send')).toBe('إرسال');
    expect([0, 1, 2, 3, 11].map((count) => i18n.t('notify.unread', { count }))).toEqual([
      'لا رسائل جديدة',
      'رسالة جديدة واحدة',
      'رسالتان جديدتان',
      '3 رسائل جديدة',
      '11 رسالة جديدة',
    ]);
    await setWidgetLanguage(i18n, 'ko');
    expect(i18n.language).toBe('en');
    expect(i18n.t('composer.send')).toBe('Send');
  });
});
