/**
 * The conversation: own messages on the right, the other side on the left, system events centred.
 * Text is rendered as React text nodes only (never as HTML), so a customer cannot inject markup.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../../sdk/index.ts';
import { formatTime } from '../../format.ts';
import './MessageList.css';

export interface MessageListProps {
  messages: readonly LocalMessage[];
  /** The agent viewing the list: their messages are "own". */
  selfId: string;
  /** The other side's name, for the list's accessible label. */
  peerName: string;
  onRetry?: (clientId: string) => void;
}

/** Within this distance of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 80;

/** The server posts events as the system, with the person they are about as the text. */
function eventName(message: LocalMessage): string {
  return message.from.role === 'system' ? message.text : message.from.name;
}

/** Memoised: the workspace re-renders every second for its clocks, the conversation need not. */
export const MessageList = memo(function MessageList({
  messages,
  selfId,
  peerName,
  onRetry,
}: MessageListProps) {
  const { t, i18n } = useTranslation('gadget');
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = messages.at(-1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.delivery]);

  return (
    <div
      ref={scroller}
      className="hc-messages"
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      aria-label={t('messages.label', { name: peerName })}
      data-testid="gadget.messages"
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      {messages.length === 0 ? (
        <p className="hc-messages__empty">{t('messages.empty')}</p>
      ) : (
        <ol className="hc-messages__list">
          {messages.map((message) => {
            const time = formatTime(message.sentAt, i18n.language);
            const common = {
              'data-testid': 'gadget.message',
              'data-seq': message.seq ?? '',
              'data-from-role': message.from.role,
              'data-delivery': message.delivery,
            };
            if (message.kind === 'event' || message.from.role === 'system') {
              return (
                <li key={message.clientId} {...common} className="hc-msg hc-msg--event">
                  <span>
                    {message.event ? t(`event.${message.event}`, { name: eventName(message) }) : message.text}
                  </span>
                  <time dateTime={new Date(message.sentAt).toISOString()}>{time}</time>
                </li>
              );
            }
            const own = message.from.role === 'agent' && message.from.id === selfId;
            const author = own ? t('messages.you') : message.from.name;
            return (
              <li
                key={message.clientId}
                {...common}
                className={`hc-msg ${own ? 'hc-msg--own' : 'hc-msg--peer'} hc-msg--${message.delivery}`}
              >
                {!own && message.from.role === 'agent' && <span className="hc-msg__author">{author}</span>}
                <div className="hc-msg__bubble">{message.text}</div>
                <div className="hc-msg__meta">
                  <span className="hc-sr-only">{t('messages.sentBy', { name: author, time })}</span>
                  {message.delivery === 'pending' ? (
                    <span className="hc-msg__status">{t('messages.pending')}</span>
                  ) : message.delivery === 'failed' ? (
                    <>
                      <span className="hc-msg__status hc-msg__status--failed" title={message.error}>
                        {t('messages.failed')}
                      </span>
                      {onRetry && (
                        <button
                          type="button"
                          className="hc-msg__retry"
                          data-testid="gadget.message.retry"
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
      )}
    </div>
  );
});
