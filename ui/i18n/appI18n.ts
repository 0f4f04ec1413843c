/**
 * The one way both apps set up i18next: an instance of their own (a Finesse desktop may host several
 * gadgets, a page several widgets), one namespace, English for any gap, nothing escaped twice.
 */
import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export interface AppI18nOptions {
  /** The app's namespace (`gadget`, `widget`); it also names the app in missing-key errors. */
  ns: string;
  /** `{ en: { [ns]: en }, de: { [ns]: de } }`; English fills any gap. */
  resources: Resource;
  language: string;
}

export function createAppI18n({ ns, resources, language }: AppI18nOptions): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: Object.keys(resources),
    ns: [ns],
    defaultNS: ns,
    resources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` to the reader.
    interpolation: { escapeValue: false },
    // A missing key is loud while developing and quiet (English fallback) in production.
    saveMissing: import.meta.env.DEV,
    missingKeyHandler: (languages, _ns, key) =>
      console.error(`[hybrid-chat ${ns}] missing translation "${key}" for ${languages.join(', ')}`),
  });
  return instance;
}

/** `de_DE` (Finesse), `de-CH` (browsers) → `de`; a language without translations falls back to English. */
export function languageOf(locale: string | null | undefined): string {
  return (locale ?? 'en').split(/[_-]/)[0]?.toLowerCase() || 'en';
}
