/** Duration formatting for the gadget's clocks (clock times: `ui/format.ts`). */
import type { TFunction } from 'i18next';

/** "45 s", "3 min", "2 h" — coarse on purpose: agents glance at it. */
export function formatDuration(ms: number, t: TFunction<'gadget'>): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('duration.seconds', { count: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  return t('duration.hours', { count: Math.floor(minutes / 60) });
}
