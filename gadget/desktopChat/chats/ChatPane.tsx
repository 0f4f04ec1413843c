/**
 * One chat: its messages (a polite log: new ones are read out while the chat is open), who is
 * typing, file offers with Accept and Decline, and the message box with Send a file. Text is shown as
 * React text only, never as HTML; a file is downloaded only from an http(s) address.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Composer } from '../../../ui/Composer/Composer.tsx';
import { ReceiptMark } from '../../../ui/MessageList/ReceiptMark.tsx';
import { TypingIndicator } from '../../../ui/TypingIndicator/TypingIndicator.tsx';
import { timeFormat } from '../../../ui/format.ts';
import type { ChatMessage, Conversation, FileAnswer } from '../../../sdk/desktop-chat/index.ts';

export interface ChatPaneProps {
  conversation: Conversation;
  name: string;
  peerOffline: boolean;
  /** Our answers and the colleague's answers to files, by message id. */
  fileAnswers: ReadonlyMap<string, FileAnswer>;
  /** Why the last send failed, if it did. */
  problem: string | null;
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  onFiles: (files: File[]) => void;
  onAnswerFile: (message: ChatMessage, answer: FileAnswer) => void;
  onFocus: () => void;
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function ChatPane({
  conversation,
  name,
  peerOffline,
  fileAnswers,
  problem,
  onSend,
  onTyping,
  onFiles,
  onAnswerFile,
  onFocus,
}: ChatPaneProps) {
  const { t, i18n } = useTranslation('gadget');
  const language = i18n.resolvedLanguage ?? i18n.language;
  const times = useMemo(() => timeFormat(language), [language]);
  const log = useRef<HTMLDivElement>(null);
  const count = conversation.messages.length;

  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count, conversation.peer]);
  useEffect(() => onFocus(), [conversation.peer, onFocus]);

  const typing = conversation.state === 'composing';
  const receipts = {
    sent: t('receipts.sent'),
    delivered: t('desktopChat.chats.delivered'),
    read: t('receipts.read'),
  };

  return (
    <div className="dc-pane" data-testid="dc.pane" data-peer={conversation.peer}>
      <div
        ref={log}
        className="dc-log"
        role="log"
        aria-live="polite"
        aria-label={t('desktopChat.chats.log', { name })}
        tabIndex={0}
        data-testid="dc.log"
      >
        <ol className="dc-log__list">
          {count === 0 && <li className="dc-log__empty">{t('desktopChat.chats.empty')}</li>}
          {conversation.messages.map((message) => {
            const own = message.direction === 'out';
            const time = times.format(message.at);
            return (
              <li
                key={message.id}
                className={`dc-msg${own ? ' dc-msg--own' : ''}`}
                data-testid="dc.message"
                data-id={message.id}
                data-direction={message.direction}
              >
                <span className="ui-sr-only">
                  {t('desktopChat.chats.sentBy', { name: own ? t('desktopChat.chats.you') : name, time })}
                </span>
                {message.file ? (
                  <FileCard
                    message={message}
                    name={name}
                    answer={fileAnswers.get(message.id) ?? null}
                    onAnswer={onAnswerFile}
                  />
                ) : (
                  <span className="dc-msg__body" data-testid="dc.message.body">
                    {message.body}
                  </span>
                )}
                <span className="dc-msg__meta" aria-hidden={!own}>
                  <time dateTime={new Date(message.at).toISOString()}>{time}</time>
                  {own && !message.file && (
                    <ReceiptMark status={message.delivered ? 'delivered' : 'sent'} labels={receipts} />
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <TypingIndicator
        names={typing ? [name] : []}
        describe={(names) => t('desktopChat.chats.typing', { name: names })}
        testId="dc.typing"
      />
      {peerOffline && (
        <p className="dc-pane__note" data-testid="dc.peerOffline">
          {t('desktopChat.chats.peerOffline', { name })}
        </p>
      )}
      {problem && (
        <p className="dc-pane__problem" role="alert" data-testid="dc.sendProblem">
          {problem}
        </p>
      )}
      <Composer
        label={t('desktopChat.chats.composer', { name })}
        placeholder={t('desktopChat.chats.placeholder')}
        sendLabel={t('desktopChat.chats.send')}
        sendClassName="hc-btn hc-btn--primary"
        testIds={{ input: 'dc.composer', send: 'dc.send' }}
        onSend={onSend}
        onTyping={onTyping}
        autoFocus
        attach={{
          label: t('desktopChat.chats.sendFile'),
          onFiles,
          testIds: { button: 'dc.attach', input: 'dc.attach.input' },
        }}
      />
    </div>
  );
}

interface FileCardProps {
  message: ChatMessage;
  name: string;
  answer: FileAnswer | null;
  onAnswer: (message: ChatMessage, answer: FileAnswer) => void;
}

function FileCard({ message, name, answer, onAnswer }: FileCardProps) {
  const { t, i18n } = useTranslation('gadget');
  const file = message.file;
  if (!file) return null;
  const size = formatBytes(file.size, i18n.resolvedLanguage ?? i18n.language);
  const state = answer ?? file.state;
  const own = message.direction === 'out';
  const url = safeUrl(file.url);
  return (
    <span className="dc-file" data-testid="dc.file" data-state={state}>
      <span className="dc-file__head">
        {own ? t('desktopChat.file.offerOut') : t('desktopChat.file.offerIn', { name })}
      </span>
      <span className="dc-file__name" data-testid="dc.file.name">
        {t('desktopChat.file.size', { name: file.name, size })}
      </span>
      {own ? (
        <span className="dc-file__state" data-testid="dc.file.state">
          {state === 'declined'
            ? t('desktopChat.file.theyDeclined', { name })
            : state === 'accepted'
              ? t('desktopChat.file.theyAccepted', { name })
              : t('desktopChat.file.waiting')}
        </span>
      ) : state === 'offered' ? (
        <span className="dc-file__actions">
          <button
            type="button"
            className="hc-btn hc-btn--primary"
            data-testid="dc.file.accept"
            disabled={!url}
            onClick={() => {
              onAnswer(message, 'accepted');
              if (url) download(url, file.name);
            }}
          >
            {t('desktopChat.file.accept')}
          </button>
          <button
            type="button"
            className="hc-btn hc-btn--secondary"
            data-testid="dc.file.decline"
            onClick={() => onAnswer(message, 'declined')}
          >
            {t('desktopChat.file.decline')}
          </button>
        </span>
      ) : (
        <span className="dc-file__state" data-testid="dc.file.state">
          {state === 'accepted' ? t('desktopChat.file.accepted') : t('desktopChat.file.declined')}
        </span>
      )}
    </span>
  );
}

/** Saves the file into the browser's downloads (it is never opened in the desktop). */
function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener noreferrer';
  link.target = '_blank';
  document.body.append(link);
  link.click();
  link.remove();
}
