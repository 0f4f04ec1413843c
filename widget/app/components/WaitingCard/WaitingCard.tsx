/**
 * While the customer waits for an agent: the place in the queue and the expected wait, both live
 * (the server sends a new chat summary as they change). The wait is a rounded range in words —
 * "a few minutes", "5–9 minutes" — never a countdown that could promise too much.
 *
 * Once the chat has waited its queue's maximum (`maxWaitReached`), the card also offers, calmly, to
 * leave a message instead: the words join the card's live region (read out politely, with the rest),
 * the button follows it outside the region. The chat keeps its place until the message is sent.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Dots } from '../../../../ui/Dots/Dots.tsx';
import type { ChatSummary, WaitEstimate } from '../../../../sdk/index.ts';
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

export interface WaitingCardProps {
  chat: ChatSummary | undefined;
  /** Opens the message form; without it (or before the maximum wait) nothing is offered. */
  onLeaveMessage?: () => void;
}

export function WaitingCard({ chat, onLeaveMessage }: WaitingCardProps) {
  const { t } = useTranslation('widget');
  const offerId = useId();
  const estimate = chat?.estimatedWait ? waitWords(chat.estimatedWait) : null;
  const offer = chat?.maxWaitReached === true && onLeaveMessage !== undefined;
  return (
    <div className="w-waiting" data-testid="widget.waiting">
      <div className="w-waiting__status" role="status">
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
        {offer && (
          <p className="w-waiting__offer" id={offerId} data-testid="widget.waiting.offer">
            {t('waiting.maxWait.offer')}
          </p>
        )}
      </div>
      {offer && (
        <button
          type="button"
          className="w-btn w-btn--secondary w-btn--block w-waiting__leave"
          data-testid="widget.waiting.leave"
          aria-describedby={offerId}
          onClick={onLeaveMessage}
        >
          {t('waiting.maxWait.leave')}
        </button>
      )}
    </div>
  );
}
