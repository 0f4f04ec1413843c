/**
 * The conversation: the viewer's messages on the right in the accent colour, the other side's on
 * the left, events centred. Text is rendered as React text nodes only (never as HTML), so nobody can
 * inject markup; http(s) addresses become safe links (./linkify.tsx), files show as attachments
 * (ui/Attachment), and the viewer's own messages carry ✓ / ✓✓ receipts. New messages keep the log
 * scrolled to the end unless the reader scrolled up.
 */
import { memo, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import {
  receiptStatus,
  type ChatEventKind,
  type LocalMessage,
  type ParticipantRole,
  type ReceiptWatermarks,
} from '../../sdk/index.ts';
import { Attachment, type AttachmentLabels, type FileLinkResolver } from '../Attachment/Attachment.tsx';
import { timeFormat } from '../format.ts';
import { linkify } from './linkify.tsx';
import { ReceiptMark, type ReceiptLabels } from './ReceiptMark.tsx';
import '../ui.css';
import './MessageList.css';

export interface MessageListLabels {
  /** The log's accessible name. */
  log: string;
  /** Shown instead of an empty list; without it the list is simply empty. */
  empty?: string;
  you: string;
  pending: string;
  failed: string;
  retry: string;
  /** Read out after each message: `Ada at 9:41`. */
  sentBy: (name: string, time: string) => string;
  /** An event as a sentence about `name`: `Grace joined the chat`. */
  event: (event: ChatEventKind, name: string) => string;
  /** The names of ✓ / ✓✓ / read (with `receipts`). */
  receipts?: ReceiptLabels;
  /** Words of file messages; without them a file shows as its name only. */
  file?: AttachmentLabels;
  /** Why a file of ours was refused (`FILE_TOO_LARGE`, `FILE_TYPE`, …), shown under it. */
  fileError?: (code: string | undefined) => string;
}

export interface MessageListProps {
  messages: readonly LocalMessage[];
  /** The viewer: their messages are "own". */
  selfRole: ParticipantRole;
  selfId: string;
  /** For the times shown. */
  language: string;
  /** Keep it stable (useMemo): the list is memoised. */
  labels: MessageListLabels;
  testIds: { log: string; message: string; retry?: string; file?: string };
  /**
   * Whose name stands above a message. `each-run`: the other side's, at the start of each run of
   * their messages. `other-agents`: only agents other than the viewer (an agent's view, where the
   * chat's tab already names the customer).
   */
  authors: 'each-run' | 'other-agents';
  /** Show the time beside events too. */
  eventTimes?: boolean;
  /** Show why a message failed as the tooltip of its "not sent" mark. */
  errorDetails?: boolean;
  onRetry?: (clientId: string) => void;
  /** Shown after the messages, inside the log (e.g. the waiting notice). */
  footer?: ReactNode;
  /** The other side's delivered/read watermarks: the viewer's own messages show how far they got. */
  receipts?: ReceiptWatermarks;
  /** Signed links of files (the chat client's `fileUrl`, bound to the chat); keep it stable. */
  resolveFileUrl?: FileLinkResolver;
  /**
   * Whether the log reads new entries out itself (a polite live region, the default). false: the app
   * announces what matters with a live region of its own (the widget: the agent's messages only).
   */
  live?: boolean;
}

/** Within this distance of the bottom, new messages keep the list scrolled to the end. */
const STICK_PX = 80;

/** The server posts events as the system, with the person they are about as the text. */
function eventName(message: LocalMessage): string {
  return message.from.role === 'system' ? message.text : message.from.name;
}

function startsRun(message: LocalMessage, previous: LocalMessage | undefined): boolean {
  return !previous || previous.from.id !== message.from.id || previous.kind === 'event';
}

/** Memoised: the gadget's workspace re-renders every second for its clocks, the conversation need not. */
export const MessageList = memo(function MessageList({
  messages,
  selfRole,
  selfId,
  language,
  labels,
  testIds,
  authors,
  eventTimes = false,
  errorDetails = false,
  onRetry,
  footer,
  receipts,
  resolveFileUrl,
  live = true,
}: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = messages.at(-1);
  const clock = timeFormat(language);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.delivery, footer]);

  // A picture that finishes loading makes the log taller: stay at the end if we were there.
  // (`load` does not bubble, but every event passes its ancestors while capturing.)
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onLoad = (): void => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener('load', onLoad, true);
    return () => el.removeEventListener('load', onLoad, true);
  }, []);

  return (
    <div
      ref={scroller}
      className="ui-messages"
      role="log"
      aria-live={live ? 'polite' : 'off'}
      aria-relevant="additions"
      aria-label={labels.log}
      data-testid={testIds.log}
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      {messages.length === 0 && labels.empty ? (
        <p className="ui-messages__empty">{labels.empty}</p>
      ) : (
        <ol className="ui-messages__list">
          {messages.map((message, index) => {
            const time = clock.format(message.sentAt);
            const common = {
              'data-testid': testIds.message,
              'data-seq': message.seq ?? '',
              'data-from-role': message.from.role,
              'data-delivery': message.delivery,
            };
            if (message.kind === 'event' || message.from.role === 'system') {
              return (
                <li key={message.clientId} {...common} className="ui-msg ui-msg--event">
                  <span>
                    {message.event ? labels.event(message.event, eventName(message)) : message.text}
                  </span>
                  {eventTimes && <time dateTime={new Date(message.sentAt).toISOString()}>{time}</time>}
                </li>
              );
            }
            const own = message.from.role === selfRole && message.from.id === selfId;
            const first = startsRun(message, messages[index - 1]);
            const named = !own && (authors === 'each-run' ? first : message.from.role === 'agent');
            const author = own ? labels.you : message.from.name;
            const file = message.kind === 'file' ? message.file : undefined;
            return (
              <li
                key={message.clientId}
                {...common}
                className={`ui-msg ${own ? 'ui-msg--own' : 'ui-msg--peer'} ui-msg--${message.delivery}${first ? ' ui-msg--first' : ''}`}
              >
                {named && <span className="ui-msg__author">{author}</span>}
                <div className={`ui-msg__bubble${file ? ' ui-msg__bubble--file' : ''}`}>
                  {file && labels.file ? (
                    <Attachment
                      file={file}
                      pending={message.delivery === 'pending'}
                      uploaded={message.uploaded}
                      resolveUrl={resolveFileUrl}
                      labels={labels.file}
                      language={language}
                      testId={testIds.file}
                    />
                  ) : (
                    linkify(message.text)
                  )}
                </div>
                {file && message.delivery === 'failed' && labels.fileError && (
                  <p className="ui-msg__reason" data-error-code={message.errorCode}>
                    {labels.fileError(message.errorCode)}
                  </p>
                )}
                <div className="ui-msg__meta">
                  <span className="ui-sr-only">{labels.sentBy(author, time)}</span>
                  {message.delivery === 'pending' ? (
                    <span className="ui-msg__status">{labels.pending}</span>
                  ) : message.delivery === 'failed' ? (
                    <>
                      <span
                        className="ui-msg__status ui-msg__status--failed"
                        title={errorDetails ? message.error : undefined}
                      >
                        {labels.failed}
                      </span>
                      {onRetry && (
                        <button
                          type="button"
                          className="ui-msg__retry"
                          data-testid={testIds.retry}
                          onClick={() => onRetry(message.clientId)}
                        >
                          {labels.retry}
                        </button>
                      )}
                    </>
                  ) : (
                    <>
                      <time aria-hidden="true" dateTime={new Date(message.sentAt).toISOString()}>
                        {time}
                      </time>
                      {own && receipts && labels.receipts && message.seq !== null && (
                        <ReceiptMark status={receiptStatus(message.seq, receipts)} labels={labels.receipts} />
                      )}
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {footer}
    </div>
  );
});
