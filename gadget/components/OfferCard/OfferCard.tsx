/**
 * An incoming chat offer: who, which queue, what they told us, and how long is left to answer.
 * The countdown runs on the local clock from when the offer arrived (`receivedAt` + the server's
 * offer window), so a skew between server and desktop clocks does not shorten or stretch it.
 */
import { useTranslation } from 'react-i18next';
import type { PendingOffer } from '../../stores/gadgetStore.ts';
import './OfferCard.css';

export interface OfferCardProps {
  pending: PendingOffer;
  /** Local time now (ms), from `useNow()`. */
  now: number;
  onAccept: (chatId: string) => void;
  onDecline: (chatId: string) => void;
}

/** Below this many seconds the countdown turns red. */
const URGENT_SECONDS = 10;

export function remainingMs({ offer, receivedAt }: PendingOffer, now: number): number {
  const windowMs = Math.max(0, offer.expiresAt - offer.offeredAt);
  return Math.max(0, receivedAt + windowMs - now);
}

export function OfferCard({ pending, now, onAccept, onDecline }: OfferCardProps) {
  const { t } = useTranslation('gadget');
  const { offer, busy } = pending;
  const windowMs = Math.max(1, offer.expiresAt - offer.offeredAt);
  const left = remainingMs(pending, now);
  const seconds = Math.ceil(left / 1000);
  const urgent = seconds <= URGENT_SECONDS;
  const name = offer.customer.name;
  const details = Object.entries(offer.preChat).filter(([key, value]) => key !== 'name' && value);
  const headingId = `hc-offer-${offer.chatId}`;

  return (
    <section
      className={`hc-offer hc-card${urgent ? ' hc-offer--urgent' : ''}`}
      data-testid="gadget.offer"
      data-chat-id={offer.chatId}
      aria-labelledby={headingId}
    >
      <div className="hc-offer__progress" aria-hidden="true">
        <span style={{ transform: `scaleX(${left / windowMs})` }} />
      </div>
      <div className="hc-offer__body">
        <div className="hc-offer__avatar" aria-hidden="true">
          {initials(name)}
        </div>
        <div className="hc-offer__main">
          <p className="hc-offer__eyebrow">{t('offer.title')}</p>
          <h2 id={headingId} className="hc-offer__name" data-testid="gadget.offer.customer">
            {name}
          </h2>
          <p className="hc-offer__queue">
            <span>{t('offer.queue')}:</span> <strong>{offer.queue}</strong>
          </p>
          {details.length > 0 && (
            <dl className="hc-offer__details" aria-label={t('offer.preChat')}>
              {details.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
        <div className="hc-offer__side">
          <p
            className="hc-offer__countdown"
            data-testid="gadget.offer.countdown"
            role="timer"
            aria-label={t('offer.countdownLabel', { seconds })}
          >
            {t('offer.expiresIn', { seconds })}
          </p>
          <div className="hc-offer__actions">
            <button
              type="button"
              className="hc-btn hc-btn--secondary"
              data-testid="gadget.offer.decline"
              aria-label={t('offer.declineLabel', { name })}
              disabled={busy !== null}
              onClick={() => onDecline(offer.chatId)}
            >
              {t('offer.decline')}
            </button>
            <button
              type="button"
              className="hc-btn hc-btn--success"
              data-testid="gadget.offer.accept"
              aria-label={t('offer.acceptLabel', { name })}
              disabled={busy !== null || left === 0}
              onClick={() => onAccept(offer.chatId)}
            >
              {busy === 'accepting' ? t('offer.accepting') : t('offer.accept')}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters
    .map((part) => Array.from(part ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}
