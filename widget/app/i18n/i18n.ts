/**
 * The widget app's translations. It follows the host's `data-locale` (passed in the iframe URL) or
 * `setLocale()`, else the browser's language; English fills any gap and stands in for a language
 * we do not have. Arabic and Urdu are written right to left.
 *
 * Only English is in the app's bundle: every other language is a chunk of its own, fetched when it
 * is chosen, so the six languages do not weigh on what every customer loads (a budget of 60 KB gzipped).
 * Until it has arrived English shows; the app says `ready` to the loader (which keeps the iframe
 * hidden until then) only once the first language is in (`languageLoaded`).
 */
import type { i18n, ParseKeys } from 'i18next';
import { createAppI18n, languageOf } from '../../../ui/i18n/appI18n.ts';
import en from './locales/en.json' with { type: 'json' };

export const WIDGET_NS = 'widget';
export type WidgetKey = ParseKeys<typeof WIDGET_NS>;
type Strings = typeof en;

const loaders: Record<string, () => Promise<{ default: unknown }>> = {
  de: () => import('./locales/de.json', { with: { type: 'json' } }),
  fr: () => import('./locales/fr.json', { with: { type: 'json' } }),
  es: () => import('./locales/es.json', { with: { type: 'json' } }),
  ar: () => import('./locales/ar.json', { with: { type: 'json' } }),
  ur: () => import('./locales/ur.json', { with: { type: 'json' } }),
};

export const WIDGET_LANGUAGES = ['en', ...Object.keys(loaders)];

/** `de-CH`, `de_DE` → `de`; a language we have no translations for → `en`. */
export function widgetLanguage(locale: string | null | undefined): string {
  const language = languageOf(locale);
  return WIDGET_LANGUAGES.includes(language) ? language : 'en';
}

const RTL = new Set(['ar', 'ur']);

export function textDirection(language: string): 'ltr' | 'rtl' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

let firstLanguage: Promise<void> = Promise.resolve();

/** Settles once the language the app started in has arrived (or failed to: English then). */
export function languageLoaded(): Promise<void> {
  return firstLanguage;
}

/** Fetches the language's strings if needed, then switches to it (React re-renders). */
export async function setWidgetLanguage(instance: i18n, locale: string): Promise<void> {
  const language = widgetLanguage(locale);
  const load = loaders[language];
  const bundle = instance.getResourceBundle(language, WIDGET_NS) as Partial<Strings> | undefined;
  if (load && !bundle?.header) {
    try {
      const strings = (await load()).default as Strings;
      instance.addResourceBundle(language, WIDGET_NS, strings, true, true);
    } catch (error) {
      // Offline or a stale deployment: English is better than nothing.
      console.warn(`[hybrid-chat widget] could not load the ${language} translations`, error);
      await instance.changeLanguage('en');
      return;
    }
  }
  await instance.changeLanguage(language);
}

export function createWidgetI18n(locale: string): i18n {
  const language = widgetLanguage(locale);
  // Every language is declared (so i18next accepts it), only English is filled in.
  const resources = Object.fromEntries(
    WIDGET_LANGUAGES.map((lng) => [lng, { [WIDGET_NS]: lng === 'en' ? en : {} }]),
  );
  const instance = createAppI18n({ ns: WIDGET_NS, resources, language });
  firstLanguage = setWidgetLanguage(instance, language);
  return instance;
}
