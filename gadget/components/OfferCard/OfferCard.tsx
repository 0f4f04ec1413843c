/**
 * An incoming chat offer: who, which queue, what they told us, and how long is left to answer.
 * The countdown runs on the local clock from when the offer arrived (`receivedAt` + the server's
 * offer window, `expiresAt - offeredAt`), so a skew between server and desktop clocks does not
 * shorten or stretch it. Pre-chat fields the widget knows get translated labels; any other field
 * shows its own name. The queue shows its label for people in the gadget's language (the server's
 * `queueLabel`), its name when it has none. Everything the customer typed is rendered as text.
 */
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../queueLabel.ts';
import type { PendingOffer } from '../../stores/gadgetStore.ts';
import './OfferCard.css';

export interface OfferCardProps {
  pending: PendingOffer;
  /** Local time now (ms), from `useNow()`. */
  now: number;
  onAccept: (chatId: string) => void;
  onDecline: (chatId: string) => void;
  /** The keys that accept this offer ("Alt+A"), shown beside the buttons; only for the first offer. */
  acceptKeys?: string;
}

/** Pre-chat fields with a label of their own (sdk `PrechatFieldName`, minus the name shown above). */
const KNOWN_FIELDS = ['email', 'phone', 'topic'] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];
const isKnown = (key: string): key is KnownField => (KNOWN_FIELDS as readonly string[]).includes(key);

/** The countdown turns red for the last 10 s, or the last third of a shorter window. */
const URGENT_MS = 10_000;

export function remainingMs({ offer, receivedAt }: PendingOffer, now: number): number {
  const windowMs = Math.max(0, offer.expiresAt - offer.offeredAt);
  // `now` ticks once a second and may be older than the offer: never show more than the window.
  return Math.min(windowMs, Math.max(0, receivedAt + windowMs - now));
}

export function OfferCard({ pending, now, onAccept, onDecline, acceptKeys }: OfferCardProps) {
  const { t, i18n } = useTranslation('gadget');
  const { offer, busy } = pending;
  const windowMs = Math.max(1, offer.expiresAt - offer.offeredAt);
  const left = remainingMs(pending, now);
  const seconds = Math.ceil(left / 1000);
  const urgent = left <= Math.min(URGENT_MS, windowMs / 3);
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
            <span>{t('offer.queue')}:</span>{' '}
            <strong dir="auto" data-testid="gadget.offer.queue" data-queue={offer.queue}>
              {queueLabel(offer.queue, offer.queueLabel, i18n.language)}
            </strong>
          </p>
          {offer.invite && (
            <div className="hc-offer__invite" data-testid="gadget.offer.invite">
              <p className="hc-offer__invite-from">
                {offer.invite.kind === 'transfer'
                  ? t('offer.transferFrom', { name: offer.invite.from.name })
                  : t('offer.consultFrom', { name: offer.invite.from.name })}
              </p>
              {offer.invite.note && (
                <p className="hc-offer__note" data-testid="gadget.offer.note">
                  <span>{t('offer.note')}:</span> {offer.invite.note}
                </p>
              )}
            </div>
          )}
          {details.length > 0 && (
            <dl className="hc-offer__details" aria-label={t('offer.preChat')}>
              {details.map(([key, value]) => (
                <div key={key}>
                  <dt>{isKnown(key) ? t(`offer.field.${key}`) : key}</dt>
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
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <circle cx="8" cy="9" r="5.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <path
                d="M8 6.2V9l1.8 1.2M6.4 1.8h3.2"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinecap="round"
              />
            </svg>
            <span data-testid="gadget.offer.seconds">{t('offer.expiresIn', { seconds })}</span>
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
          {acceptKeys && (
            <p className="hc-offer__hint" aria-hidden="true">
              {renderShortcutHint(t('offer.shortcut', { keys: '\u0000' }), acceptKeys)}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

/** "{{keys}} accepts" with the keys in a `<kbd>`, wherever the language puts them. */
function renderShortcutHint(template: string, keys: string) {
  const [before = '', after = ''] = template.split('\u0000');
  return (
    <>
      {before}
      <kbd>{keys}</kbd>
      {after}
    </>
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
