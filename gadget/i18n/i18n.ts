/**
 * One i18next instance per gadget (a desktop may host several copies). The gadget follows the
 * Finesse locale (`finesse.gadget.Config.locale`, e.g. `de_DE`); English fills any gap.
 */
import i18next, { type i18n, type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const GADGET_NS = 'gadget';
export type GadgetKey = ParseKeys<typeof GADGET_NS>;

export const gadgetResources = { en: { [GADGET_NS]: en }, de: { [GADGET_NS]: de } };

export function createGadgetI18n(language: string): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: Object.keys(gadgetResources),
    ns: [GADGET_NS],
    defaultNS: GADGET_NS,
    resources: gadgetResources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` to the agent.
    interpolation: { escapeValue: false },
    // A missing key is loud while developing and quiet (English fallback) in production.
    saveMissing: import.meta.env.DEV,
    missingKeyHandler: (languages, _ns, key) =>
      console.error(`[hybrid-chat gadget] missing translation "${key}" for ${languages.join(', ')}`),
  });
  return instance;
}
