/**
 * One i18next instance per gadget (a desktop may host several copies). The gadget follows the
 * Finesse locale (`finesse.gadget.Config.locale`, e.g. `de_DE`, `ar_SA`); English fills any gap.
 * Arabic and Urdu are written right to left: `textDirection` says so for the gadget's root.
 */
import type { i18n, ParseKeys } from 'i18next';
import { createAppI18n } from '../../ui/i18n/appI18n.ts';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ur from './locales/ur.json' with { type: 'json' };

export const GADGET_NS = 'gadget';
export type GadgetKey = ParseKeys<typeof GADGET_NS>;

export const gadgetLocales = { en, de, fr, es, ar, ur };

export const gadgetResources = Object.fromEntries(
  Object.entries(gadgetLocales).map(([language, strings]) => [language, { [GADGET_NS]: strings }]),
);

export function createGadgetI18n(language: string): i18n {
  return createAppI18n({ ns: GADGET_NS, resources: gadgetResources, language });
}

/** `rtl` for Arabic and Urdu (and any other right-to-left language i18next knows), else `ltr`. */
export function textDirection(instance: i18n): 'ltr' | 'rtl' {
  return instance.dir(instance.resolvedLanguage ?? instance.language);
}
