/**
 * One i18next instance per gadget (a desktop may host several copies). The gadget follows the
 * Finesse locale (`finesse.gadget.Config.locale`, e.g. `de_DE`); English fills any gap.
 */
import type { i18n, ParseKeys } from 'i18next';
import { createAppI18n } from '../../ui/i18n/appI18n.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const GADGET_NS = 'gadget';
export type GadgetKey = ParseKeys<typeof GADGET_NS>;

export const gadgetResources = { en: { [GADGET_NS]: en }, de: { [GADGET_NS]: de } };

export function createGadgetI18n(language: string): i18n {
  return createAppI18n({ ns: GADGET_NS, resources: gadgetResources, language });
}
