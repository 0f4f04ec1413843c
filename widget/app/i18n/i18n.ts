/**
 * The widget app's translations. It follows the host's `data-locale` (passed in the iframe URL),
 * else the browser's language; English fills any gap.
 */
import i18next, { type i18n, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const WIDGET_NS = 'widget';
export type WidgetKey = ParseKeys<typeof WIDGET_NS>;

export const widgetResources = { en: { [WIDGET_NS]: en }, de: { [WIDGET_NS]: de } };

/** `de-CH` → `de`; an unknown language falls back to English. */
export function languageOf(locale: string | null | undefined): string {
  return (locale ?? 'en').split(/[_-]/)[0]?.toLowerCase() || 'en';
}

export function createWidgetI18n(language: string): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: Object.keys(widgetResources),
    ns: [WIDGET_NS],
    defaultNS: WIDGET_NS,
    resources: widgetResources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` to the customer.
    interpolation: { escapeValue: false },
    saveMissing: import.meta.env.DEV,
    missingKeyHandler: (languages, _ns, key) =>
      console.error(`[hybrid-chat widget] missing translation "${key}" for ${languages.join(', ')}`),
  });
  return instance;
}
