/**
 * A label given in one language or in several (`"Billing"` or `{ "en": "Billing", "de": "Rechnung" }`),
 * as the server's configuration gives queue names and topic options, and how to read it in a locale.
 */

/** One text, or one per language tag. */
export type LocalizedLabel = string | Readonly<Record<string, string>>;

/** `de-CH` → its own label, else `de`, else English, else the first one given; `fallback` if none. */
export function labelIn(label: LocalizedLabel | undefined, locale: string, fallback = ''): string {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label;
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  return label[locale] ?? label[language] ?? label['en'] ?? Object.values(label)[0] ?? fallback;
}
