/**
 * A running chat from the customer's side: waiting (with the place in the queue), active (with the
 * agent's name), or ended (with a way to start over). Chat data comes from the SDK chat client.
 *
 * A chat that has waited its queue's maximum may be swapped for a message (`renderLeaveMessage`):
 * the form takes the conversation's place while the chat stays in the queue underneath (hidden, with
 * whatever is typed in the message box), so Back returns to it as it was. Should an agent answer
 * meanwhile, the conversation comes back by itself and says who joined.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFileDrop } from '../../../../ui/Attachment/useFileDrop.ts';
import { Composer } from '../../../../ui/Composer/Composer.tsx';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog/ConfirmDialog.tsx';
import { EmojiIcon } from '../../../../ui/EmojiPicker/EmojiIcon.tsx';
import { canShowColourEmoji } from '../../../../ui/EmojiPicker/emojiSupport.ts';
import { useConfirmedAction } from '../../../../ui/ConfirmDialog/useConfirmedAction.ts';
import { MessageList, type MessageListLabels } from '../../../../ui/MessageList/MessageList.tsx';
import { TypingIndicator } from '../../../../ui/TypingIndicator/TypingIndicator.tsx';
import type { WidgetStatus } from '../../../bridge.ts';
import { FILE_ACCEPT, LIMITS, type ChatSummary } from '../../../../sdk/index.ts';
import { useChatClient } from '../../../../sdk/react/index.ts';
import type { ChatClientPort } from '../../ports.ts';
import { Header } from '../Header/Header.tsx';
import { HEADER_LINE_KEYS, headerLine } from '../Header/headerLine.ts';
import { WaitingCard } from '../WaitingCard/WaitingCard.tsx';
import './ChatScreen.css';
import { useAttachments } from './useAttachments.ts';

export interface ChatScreenProps {
  client: ChatClientPort;
  chatId: string;
  selfId: string;
  autoFocus: boolean;
  onStatus: (status: WidgetStatus) => void;
  onClose: () => void;
  onNewChat: () => void;
  /** More for the ended chat, above "Start a new chat": the rating and the transcript (EndOfChat). */
  renderEnded?: (chat: ChatSummary) => ReactNode;
  /**
   * The message form offered once the waiting chat has reached its queue's maximum wait (WaitingCard);
   * without it nothing is offered.
   */
  renderLeaveMessage?: (leave: LeaveInstead) => ReactNode;
}

/** What the message form gets from the waiting chat it replaces. */
export interface LeaveInstead {
  chat: ChatSummary;
  /** What the customer wrote in the chat so far, oldest first: the message's first draft. */
  written: string;
  /** Ends the chat unless it has ended already: the customer leaves the queue. */
  end: () => Promise<void>;
  /** Back to the waiting chat; absent once the chat no longer waits. */
  back?: () => void;
}

/** The customer's own text messages, one paragraph each, cut to what a left message may hold. */
export function writtenSoFar(
  messages: readonly { from: { role: string }; kind: string; text: string }[],
): string {
  const text = messages
    .filter((message) => message.from.role === 'customer' && message.kind === 'text' && message.text.trim())
    .map((message) => message.text.trim())
    .join('\n\n');
  return Array.from(text).slice(0, LIMITS.messageText).join('');
}

const MESSAGE_TEST_IDS = { log: 'widget.messages', message: 'widget.message', file: 'widget.file' };
const ATTACH_TEST_IDS = { button: 'widget.attach', input: 'widget.attach.input' };
const EMOJI_TEST_IDS = { button: 'widget.emoji', panel: 'widget.emoji.panel' };
const COMPOSER_TEST_IDS = {
  input: 'widget.composer',
  send: 'widget.send',
  preview: 'widget.composer.preview',
};

const EMOJI_ICON = <EmojiIcon testId="widget.emoji.icon" />;
const sendIcon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
    <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6l-.01 6.53L15 12 3.39 13.87z" />
  </svg>
);

export function ChatScreen({
  client,
  chatId,
  selfId,
  autoFocus,
  onStatus,
  onClose,
  onNewChat,
  renderEnded,
  renderLeaveMessage,
}: ChatScreenProps) {
  const { t, i18n } = useTranslation('widget');
  // This chat and the connection only: another chat's change does not re-render the screen.
  const view = useChatClient(client, (state) => state.chats[chatId]);
  const connection = useChatClient(client, (state) => state.status);
  const [problem, setProblem] = useState<string | null>(null);
  const chat = view?.chat;
  const status: WidgetStatus =
    chat?.status === 'ended' ? 'ended' : chat?.status === 'active' ? 'active' : 'waiting';
  const agentName = chat?.agent?.name ?? null;
  const typists = view?.typing.filter((p) => p.role !== 'customer') ?? [];
  // Files, their links, and read receipts while the panel is open (`autoFocus` is "visible").
  const files = useAttachments(client, chatId, {
    visible: autoFocus && view !== undefined,
    lastSeq: view?.lastSeq ?? 0,
    onProblem: setProblem,
  });
  // The server takes files only into an active chat: no attaching while the customer waits.
  const drop = useFileDrop(status === 'active' ? files.sendFiles : undefined);
  /**
   * The message form in the chat's place, opened while the chat was answered at `acceptedAt` (never,
   * or before a transfer back to the queue). An agent answering since closes it: `answered`.
   */
  const [leave, setLeave] = useState<{ acceptedAt: number | null } | null>(null);
  const answered =
    leave !== null && chat !== undefined && (status === 'active' || chat.acceptedAt !== leave.acceptedAt);
  const leaving = leave !== null && chat !== undefined && !answered;
  const conversation = useRef<HTMLElement>(null);
  const wasLeaving = useRef(false);

  useEffect(() => onStatus(status), [status, onStatus]);

  // The chat ended: the list shows its last message, also after the end-of-chat panel (loaded on
  // demand) has made the list shorter, until the customer scrolls up to read.
  useEffect(() => {
    if (status !== 'ended') return;
    const log = conversation.current?.querySelector<HTMLElement>('.ui-messages');
    if (!log) return;
    let follow = true;
    const toEnd = (): void => {
      if (!follow) return;
      // Instantly: a smooth scroll's own scroll events would read as the customer scrolling away.
      if (typeof log.scrollTo === 'function') log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
      else log.scrollTop = log.scrollHeight;
    };
    const onScroll = (): void => {
      follow = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    };
    toEnd();
    log.addEventListener('scroll', onScroll);
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(toEnd);
    resized?.observe(log);
    return () => {
      log.removeEventListener('scroll', onScroll);
      resized?.disconnect();
    };
  }, [status]);

  const dismissProblem = (): void => {
    setProblem(null);
    // The button goes away with the message: the cursor goes back to where the customer types.
    conversation.current?.querySelector<HTMLElement>('textarea')?.focus();
  };

  // Back from the form (or an agent answered): the focus returns to the offer, or into the message box.
  useEffect(() => {
    if (wasLeaving.current && !leaving) {
      conversation.current?.querySelector<HTMLElement>('.w-waiting__leave, textarea')?.focus();
    }
    wasLeaving.current = leaving;
  }, [leaving]);

  const line = headerLine(status, connection, chat);
  const subtitle = t(HEADER_LINE_KEYS[line]);

  const ending = useConfirmedAction(async () => {
    try {
      await client.end(chatId);
      setProblem(null);
    } catch {
      setProblem(t('ended.endFailed'));
    }
  });

  const labels = useMemo<MessageListLabels>(
    () => ({
      log: t('messages.label'),
      you: t('messages.you'),
      pending: t('messages.pending'),
      failed: t('messages.failed'),
      retry: t('messages.retry'),
      sentBy: (author, time) => t('messages.sentBy', { name: author, time }),
      event: (event, who) => t(`event.${event}`, { name: who }),
      receipts: { sent: t('receipts.sent'), delivered: t('receipts.delivered'), read: t('receipts.read') },
      file: {
        download: t('files.download'),
        open: (name) => t('files.open', { name }),
        uploading: (percent) => t('files.uploading', { percent }),
        unavailable: t('files.unavailable'),
      },
      fileError: files.fileError,
    }),
    [t, files.fileError],
  );

  const waiting =
    status === 'waiting' ? (
      <WaitingCard
        chat={chat}
        onLeaveMessage={
          renderLeaveMessage ? () => setLeave({ acceptedAt: chat?.acceptedAt ?? null }) : undefined
        }
      />
    ) : null;

  return (
    <>
      <Header
        title={status === 'active' && agentName ? agentName : undefined}
        subtitle={subtitle}
        agentName={status === 'active' ? agentName : null}
        status={status}
        line={line}
        onEnd={status === 'ended' || leaving ? undefined : ending.ask}
        onClose={onClose}
      />
      {leaving && chat && renderLeaveMessage && (
        <main className="w-body" data-testid="widget.leaveInstead">
          {renderLeaveMessage({
            chat,
            written: writtenSoFar(view?.messages ?? []),
            end: async () => {
              if (client.getState().chats[chatId]?.chat.status !== 'ended') await client.end(chatId);
            },
            back: status === 'waiting' ? () => setLeave(null) : undefined,
          })}
        </main>
      )}
      {leave && (
        <p className="ui-sr-only" role="status">
          {answered && agentName ? t('event.agent-joined', { name: agentName }) : ''}
        </p>
      )}
      <main
        ref={conversation}
        className="w-chat"
        hidden={leaving}
        data-dragging={drop.dragging || undefined}
        {...drop.handlers}
      >
        {drop.dragging && (
          <div className="w-drop" aria-hidden="true">
            {t('files.drop')}
          </div>
        )}
        {(connection === 'reconnecting' || connection === 'offline') && (
          <div className="w-banner" role="alert" data-testid="widget.connection" data-status={connection}>
            <span className="ui-spinner" aria-hidden="true" />
            {connection === 'offline' ? t('connection.offline') : t('connection.reconnecting')}
          </div>
        )}
        <MessageList
          messages={view?.messages ?? []}
          selfRole="customer"
          selfId={selfId}
          language={i18n.language}
          labels={labels}
          testIds={MESSAGE_TEST_IDS}
          authors="each-run"
          onRetry={(clientId) => client.retry(chatId, clientId)}
          footer={waiting}
          receipts={view?.receipts.agent}
          resolveFileUrl={files.resolveFileUrl}
          live={false}
        />
        <TypingIndicator
          names={status === 'ended' ? [] : typists.map((p) => p.name)}
          describe={(names) => t('typing', { name: names })}
          testId="widget.typing"
        />
        {problem && (
          <div className="w-problem" data-testid="widget.problem">
            <p className="w-problem__text" role="alert">
              {problem}
            </p>
            <button
              type="button"
              className="w-problem__dismiss"
              data-testid="widget.problem.dismiss"
              aria-label={t('problem.dismiss')}
              title={t('problem.dismiss')}
              onClick={dismissProblem}
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path
                  d="M6 6l12 12M18 6 6 18"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2.2"
                  strokeLinecap="round"
                />
              </svg>
            </button>
          </div>
        )}
        {status === 'ended' ? (
          <div className="w-ended" data-testid="widget.ended">
            <div role="status">
              <p className="w-ended__title">{t('ended.title')}</p>
              <p className="w-ended__body">{t('ended.body')}</p>
            </div>
            {chat && renderEnded?.(chat)}
            <button
              type="button"
              className="w-btn w-btn--primary w-btn--block"
              data-testid="widget.newChat"
              onClick={onNewChat}
            >
              {t('ended.newChat')}
            </button>
          </div>
        ) : (
          <Composer
            label={t('composer.label')}
            placeholder={t('composer.placeholder')}
            sendLabel={t('composer.send')}
            sendClassName="w-chat__send"
            sendIcon={sendIcon}
            testIds={COMPOSER_TEST_IDS}
            // A long paste is sent whole, as several messages (ui/Composer): say so before Send.
            hint={(_remaining, parts) => (parts > 1 ? t('composer.parts', { count: parts }) : '')}
            emojiLabel={t('emoji.button')}
            emojiTestIds={EMOJI_TEST_IDS}
            emojiIcon={EMOJI_ICON}
            emojiTextFallback={!canShowColourEmoji()}
            emojiPreviewLabel={t('composer.emojiPreview')}
            attach={
              status === 'active'
                ? {
                    label: t('files.attach'),
                    accept: FILE_ACCEPT,
                    onFiles: files.sendFiles,
                    testIds: ATTACH_TEST_IDS,
                  }
                : undefined
            }
            autoFocus={autoFocus}
            onTyping={(typing) => client.setTyping(chatId, typing)}
            onSend={(text) => {
              try {
                client.send(chatId, text);
                setProblem(null);
              } catch {
                setProblem(t('composer.sendFailed'));
              }
            }}
          />
        )}
      </main>
      {ending.asking && (
        <ConfirmDialog
          title={t('endDialog.title')}
          body={t('endDialog.body')}
          confirmLabel={t('endDialog.confirm')}
          cancelLabel={t('endDialog.cancel')}
          confirmClassName="w-btn w-btn--danger w-btn--block"
          cancelClassName="w-btn w-btn--secondary w-btn--block"
          confirmFirst
          confirmTestId="widget.end.confirm"
          busy={ending.busy}
          onConfirm={() => void ending.confirm()}
          onCancel={ending.cancel}
        />
      )}
    </>
  );
}
