/**
 * The widget app's translations. It follows the host's `data-locale` (passed in the iframe URL),
 * else the browser's language; English fills any gap.
 */
import type { i18n, ParseKeys } from 'i18next';
import { createAppI18n } from '../../../ui/i18n/appI18n.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

export const WIDGET_NS = 'widget';
export type WidgetKey = ParseKeys<typeof WIDGET_NS>;

export const widgetResources = { en: { [WIDGET_NS]: en }, de: { [WIDGET_NS]: de } };

export function createWidgetI18n(language: string): i18n {
  return createAppI18n({ ns: WIDGET_NS, resources: widgetResources, language });
}
