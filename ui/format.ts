/** Locale-aware formatting both apps show the same way. */

/** Clock times as the language writes them: `9:41 AM`, `09:41`. Make one per render, not per item. */
export function timeFormat(language: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
}

export function formatTime(ms: number, language: string): string {
  return timeFormat(language).format(ms);
}
