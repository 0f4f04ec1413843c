/**
 * The open messages customers left when no chat was possible: who, how to reach them, which queue,
 * when, and what they wrote (as text, never HTML), each with a "Mark handled" button. Oldest first,
 * because the longest wait should be answered first.
 */
import { useTranslation } from 'react-i18next';
import type { LeftMessagesState } from './useLeftMessages.ts';
import './LeftMessages.css';

export interface LeftMessagesListProps {
  state: LeftMessagesState;
  locale: string;
  /** Told the customer's name once a message is marked handled (for the live region). */
  onHandled?: (name: string) => void;
}

export function LeftMessagesList({ state, locale, onHandled }: LeftMessagesListProps) {
  const { t } = useTranslation('gadget');
  const { messages, failed, busyId } = state;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="hc-leftmsg">
      {failed && (
        <p className="hc-leftmsg__error" role="alert" data-testid="gadget.messages.error">
          {t('leftMessages.failed')}
        </p>
      )}
      {messages === null ? (
        <p className="hc-leftmsg__empty">{t('leftMessages.loading')}</p>
      ) : messages.length === 0 ? (
        <p className="hc-leftmsg__empty" data-testid="gadget.messages.empty">
          {t('leftMessages.empty')}
        </p>
      ) : (
        <ul className="hc-leftmsg__list" aria-label={t('leftMessages.listLabel')}>
          {messages.map((message) => (
            <li key={message.id} className="hc-leftmsg__item" data-testid="gadget.messages.item">
              <div className="hc-leftmsg__head">
                <span className="hc-leftmsg__name" data-testid="gadget.messages.name">
                  {message.name}
                </span>
                <time className="hc-leftmsg__time" dateTime={new Date(message.createdAt).toISOString()}>
                  {when.format(message.createdAt)}
                </time>
              </div>
              <dl className="hc-leftmsg__meta">
                <dt>{t('leftMessages.email')}</dt>
                <dd>{message.email}</dd>
                {message.phone && (
                  <>
                    <dt>{t('leftMessages.phone')}</dt>
                    <dd>{message.phone}</dd>
                  </>
                )}
                <dt>{t('leftMessages.queue')}</dt>
                <dd>{message.queue}</dd>
              </dl>
              <p className="hc-leftmsg__text" data-testid="gadget.messages.text">
                {message.message}
              </p>
              <button
                type="button"
                className="hc-btn hc-btn--secondary hc-leftmsg__handled"
                data-testid="gadget.messages.handled"
                aria-label={t('leftMessages.markHandledFor', { name: message.name })}
                disabled={busyId === message.id}
                onClick={() =>
                  void state.markHandled(message.id).then((done) => {
                    if (done) onHandled?.(message.name);
                  })
                }
              >
                {t('leftMessages.markHandled')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
