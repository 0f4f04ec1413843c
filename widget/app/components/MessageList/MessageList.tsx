/**
 * The conversation as the customer sees it: their messages on the right in the theme colour, the
 * agent's on the left, events centred. Text is rendered as React text only, never as HTML.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../../../sdk/index.ts';
import './MessageList.css';

export interface MessageListProps {
  messages: readonly LocalMessage[];
  selfId: string;
  onRetry?: (clientId: string) => void;
  /** Shown after the messages (the waiting notice). */
  footer?: ReactNode;
}

const STICK_PX = 80;

/** The server posts events as the system, with the person they are about as the text. */
function eventName(message: LocalMessage): string {
  return message.from.role === 'system' ? message.text : message.from.name;
}

export function MessageList({ messages, selfId, onRetry, footer }: MessageListProps) {
  const { t, i18n } = useTranslation('widget');
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = messages.at(-1);
  const timeFormat = new Intl.DateTimeFormat(i18n.language, { hour: 'numeric', minute: '2-digit' });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.delivery, footer]);

  return (
    <div
      ref={scroller}
      className="w-messages"
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      aria-label={t('messages.label')}
      data-testid="widget.messages"
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      <ol className="w-messages__list">
        {messages.map((message, index) => {
          const time = timeFormat.format(message.sentAt);
          const common = {
            'data-testid': 'widget.message',
            'data-seq': message.seq ?? '',
            'data-from-role': message.from.role,
            'data-delivery': message.delivery,
          };
          if (message.kind === 'event' || message.from.role === 'system') {
            return (
              <li key={message.clientId} {...common} className="w-msg w-msg--event">
                {message.event ? t(`event.${message.event}`, { name: eventName(message) }) : message.text}
              </li>
            );
          }
          const own = message.from.role === 'customer' && message.from.id === selfId;
          const previous = messages[index - 1];
          const firstOfRun = !previous || previous.from.id !== message.from.id || previous.kind === 'event';
          const author = own ? t('messages.you') : message.from.name;
          return (
            <li
              key={message.clientId}
              {...common}
              className={`w-msg ${own ? 'w-msg--own' : 'w-msg--peer'} w-msg--${message.delivery}${firstOfRun ? ' w-msg--first' : ''}`}
            >
              {!own && firstOfRun && <span className="w-msg__author">{author}</span>}
              <div className="w-msg__bubble">{message.text}</div>
              <div className="w-msg__meta">
                <span className="w-sr-only">{t('messages.sentBy', { name: author, time })}</span>
                {message.delivery === 'pending' ? (
                  t('messages.pending')
                ) : message.delivery === 'failed' ? (
                  <>
                    <span className="w-msg__failed">{t('messages.failed')}</span>
                    {onRetry && (
                      <button
                        type="button"
                        className="w-msg__retry"
                        onClick={() => onRetry(message.clientId)}
                      >
                        {t('messages.retry')}
                      </button>
                    )}
                  </>
                ) : (
                  <time aria-hidden="true" dateTime={new Date(message.sentAt).toISOString()}>
                    {time}
                  </time>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {footer}
    </div>
  );
}
