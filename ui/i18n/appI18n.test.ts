import { describe, expect, it } from 'vitest';
import { createAppI18n, languageOf } from './appI18n.ts';

describe('languageOf', () => {
  it('maps a Finesse or browser locale to a language', () => {
    expect(languageOf('de_DE')).toBe('de');
    expect(languageOf('de-CH')).toBe('de');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf(null)).toBe('en');
    expect(languageOf('')).toBe('en');
  });
});

describe('createAppI18n', () => {
  const resources = {
    en: { demo: { hello: 'Hello {{name}}', bye: 'Bye' } },
    de: { demo: { hello: 'Hallo {{name}}' } },
  };

  it('translates in the given language, falls back to English and escapes nothing', () => {
    const i18n = createAppI18n({ ns: 'demo', resources, language: 'de' });
    expect(i18n.t('hello', { name: '<Ada & Co>' })).toBe('Hallo <Ada & Co>');
    expect(i18n.t('bye')).toBe('Bye');
  });

  it('gives each caller an instance of its own', () => {
    const de = createAppI18n({ ns: 'demo', resources, language: 'de' });
    const en = createAppI18n({ ns: 'demo', resources, language: 'en' });
    expect(de.language).toBe('de');
    expect(en.language).toBe('en');
  });
});
