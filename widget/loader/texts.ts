/**
 * The loader's few words (the launcher and the panel, before the chat app has loaded), in the
 * languages the chat app speaks. Kept here, not in the app's locale files: the loader is on every page
 * of the host site and must stay tiny.
 */
export interface LoaderTexts {
  open: string;
  close: string;
  /** The panel's and the iframe's accessible name. */
  frame: string;
  /** The launcher's name when the chat server could not be reached. */
  failed: string;
}

const TEXTS: Record<string, string> = {
  en: 'Open chat|Close chat|Customer chat|Chat unavailable, try again',
  de: 'Chat öffnen|Chat schließen|Kundenchat|Chat nicht erreichbar, erneut versuchen',
  fr: 'Ouvrir le chat|Fermer le chat|Chat client|Chat indisponible, réessayer',
  es: 'Abrir el chat|Cerrar el chat|Chat de atención al cliente|Chat no disponible, reintentar',
  ar: 'فتح المحادثة|إغلاق المحادثة|محادثة العملاء|المحادثة غير متاحة، أعد المحاولة',
  ur: 'چیٹ کھولیں|چیٹ بند کریں|کسٹمر چیٹ|چیٹ دستیاب نہیں، دوبارہ کوشش کریں',
};

/** `de-CH`, `de_DE` → `de`; a language without texts → `en` (as the chat app falls back). */
export function languageOf(locale: string): string {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return language in TEXTS ? language : 'en';
}

export function textsFor(language: string): LoaderTexts {
  const [open = '', close = '', frame = '', failed = ''] = (TEXTS[language] ?? TEXTS.en ?? '').split('|');
  return { open, close, frame, failed };
}

/** Right-to-left languages among ours: the launcher and the panel mirror. */
export function isRtl(language: string): boolean {
  return language === 'ar' || language === 'ur';
}
