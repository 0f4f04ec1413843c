/**
 * Keeps the iframe's document in the app's language: `lang`, `dir` (Arabic and Urdu mirror the
 * whole layout: the CSS uses logical properties) and the title; and follows `setLocale()` from the
 * host page, fetching the language first if it is not loaded yet.
 */
import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostBridge } from '../hostBridge.ts';
import { setWidgetLanguage, textDirection } from '../i18n/i18n.ts';

export function useDocumentLanguage(bridge: HostBridge): void {
  const { t, i18n } = useTranslation('widget');
  const language = i18n.resolvedLanguage ?? i18n.language;

  useLayoutEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = textDirection(language);
    document.title = t('header.title');
  }, [language, t]);

  useEffect(() => bridge.onLocale((locale) => void setWidgetLanguage(i18n, locale)), [bridge, i18n]);
}
