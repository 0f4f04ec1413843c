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
import { describeTranslations } from '../../../ui/testing/translations.ts';

const locales = { en, de, fr, es, ar, ur };
describeTranslations('widget', locales);

describe('widget languages', () => {
  it('has the six languages the issue asks for, and the app offers exactly those', () => {
    expect(Object.keys(locales).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ur']);
    expect([...WIDGET_LANGUAGES].sort()).toEqual(Object.keys(locales).sort());
  });

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
