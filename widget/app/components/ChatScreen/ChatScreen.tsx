/**
 * A running chat from the customer's side: waiting (with the place in the queue), active (with the
 * agent's name), or ended (with a way to start over). Chat data comes from the SDK chat client.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Composer } from '../../../../ui/Composer/Composer.tsx';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog/ConfirmDialog.tsx';
import { useConfirmedAction } from '../../../../ui/ConfirmDialog/useConfirmedAction.ts';
import { Dots } from '../../../../ui/Dots/Dots.tsx';
import { useChatClientState } from '../../../../ui/hooks/useChatClientState.ts';
import { MessageList, type MessageListLabels } from '../../../../ui/MessageList/MessageList.tsx';
import { TypingIndicator } from '../../../../ui/TypingIndicator/TypingIndicator.tsx';
import type { WidgetStatus } from '../../../bridge.ts';
import type { ChatClientPort } from '../../ports.ts';
import { Header } from '../Header/Header.tsx';
import './ChatScreen.css';

export interface ChatScreenProps {
  client: ChatClientPort;
  chatId: string;
  selfId: string;
  autoFocus: boolean;
  onStatus: (status: WidgetStatus) => void;
  onClose: () => void;
  onNewChat: () => void;
}

const MESSAGE_TEST_IDS = { log: 'widget.messages', message: 'widget.message' };
const COMPOSER_TEST_IDS = { input: 'widget.composer', send: 'widget.send' };

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
}: ChatScreenProps) {
  const { t, i18n } = useTranslation('widget');
  const state = useChatClientState(client);
  const [problem, setProblem] = useState<string | null>(null);
  const view = state.chats[chatId];
  const chat = view?.chat;
  const status: WidgetStatus =
    chat?.status === 'ended' ? 'ended' : chat?.status === 'active' ? 'active' : 'waiting';
  const agentName = chat?.agent?.name ?? null;
  const typists = view?.typing.filter((p) => p.role !== 'customer') ?? [];

  useEffect(() => onStatus(status), [status, onStatus]);

  const subtitle =
    status === 'ended'
      ? t('header.subtitleEnded')
      : status === 'active' && agentName
        ? t('header.subtitleActive')
        : t('header.subtitleWaiting');

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
    }),
    [t],
  );

  const waiting =
    status === 'waiting' ? (
      <div className="w-waiting" data-testid="widget.waiting" role="status">
        <Dots className="w-waiting__pulse" />
        <p className="w-waiting__title">{t('waiting.title')}</p>
        {chat?.queuePosition != null && (
          <p className="w-waiting__position" data-testid="widget.queuePosition">
            {t('waiting.position', { count: chat.queuePosition })}
          </p>
        )}
        <p className="w-waiting__hint">{t('waiting.hint')}</p>
      </div>
    ) : null;

  return (
    <>
      <Header
        title={status === 'active' && agentName ? agentName : undefined}
        subtitle={subtitle}
        agentName={status === 'active' ? agentName : null}
        status={status}
        onEnd={status === 'ended' ? undefined : ending.ask}
        onClose={onClose}
      />
      <main className="w-chat">
        {(state.status === 'reconnecting' || state.status === 'offline') && (
          <div className="w-banner" role="alert" data-testid="widget.connection" data-status={state.status}>
            <span className="ui-spinner" aria-hidden="true" />
            {state.status === 'offline' ? t('connection.offline') : t('connection.reconnecting')}
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
        />
        <TypingIndicator
          names={status === 'ended' ? [] : typists.map((p) => p.name)}
          describe={(names) => t('typing', { name: names })}
          testId="widget.typing"
        />
        {problem && (
          <p className="w-problem" role="alert">
            {problem}
          </p>
        )}
        {status === 'ended' ? (
          <div className="w-ended" data-testid="widget.ended" role="status">
            <p className="w-ended__title">{t('ended.title')}</p>
            <p className="w-ended__body">{t('ended.body')}</p>
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
