/**
 * The gadget's translations: every language has the English keys (plural forms as that language
 * needs them, e.g. six for Arabic), keeps the English placeholders, and the Finesse locale picks the
 * language and the text direction.
 */
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../ui/i18n/appI18n.ts';
import { describeTranslations } from '../../ui/testing/translations.ts';
import { createGadgetI18n, gadgetLocales, textDirection } from './i18n.ts';

describeTranslations('gadget', gadgetLocales);

describe('gadget languages', () => {
  it('has the six languages the issue asks for', () => {
    expect(Object.keys(gadgetLocales).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ur']);
  });
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
