/**
 * While the customer waits for an agent: the place in the queue and the expected wait, both live
 * (the server sends a new chat summary as they change). The wait is a rounded range in words —
 * "a few minutes", "5–9 minutes" — never a countdown that could promise too much.
 */
import { useTranslation } from 'react-i18next';
import { Dots } from '../../../../ui/Dots/Dots.tsx';
import type { ChatSummary, WaitEstimate } from '../../../../sdk/core/protocol.ts';
import type { WidgetKey } from '../../i18n/i18n.ts';
import './WaitingCard.css';

export type WaitWords =
  | { key: Extract<WidgetKey, `waiting.wait.${string}`>; min?: undefined; max?: undefined }
  | { key: 'waiting.wait.range'; min: number; max: number };

/** The words for a range (whole minutes from the server; anything odd still reads sensibly). */
export function waitWords({ minS, maxS }: WaitEstimate): WaitWords {
  const low = Math.max(0, Math.min(minS, maxS));
  const high = Math.max(0, minS, maxS);
  if (high <= 60) return { key: 'waiting.wait.underMinute' };
  if (high <= 180) return { key: 'waiting.wait.fewMinutes' };
  if (low >= 3600) return { key: 'waiting.wait.overHour' };
  const min = Math.max(1, Math.round(low / 60));
  const max = Math.max(min + 1, Math.round(high / 60));
  return { key: 'waiting.wait.range', min, max };
}

export function WaitingCard({ chat }: { chat: ChatSummary | undefined }) {
  const { t } = useTranslation('widget');
  const estimate = chat?.estimatedWait ? waitWords(chat.estimatedWait) : null;
  return (
    <div className="w-waiting" data-testid="widget.waiting" role="status">
      <Dots className="w-waiting__pulse" />
      <p className="w-waiting__title">{t('waiting.title')}</p>
      {chat?.queuePosition != null && (
        <p className="w-waiting__position" data-testid="widget.queuePosition">
          {t('waiting.position', { count: chat.queuePosition })}
        </p>
      )}
      {estimate && (
        <p className="w-waiting__estimate" data-testid="widget.estimatedWait">
          {t('waiting.estimate', {
            wait:
              estimate.min === undefined
                ? t(estimate.key)
                : t(estimate.key, { min: estimate.min, max: estimate.max }),
          })}
        </p>
      )}
      <p className="w-waiting__hint">{t('waiting.hint')}</p>
    </div>
  );
}
