/**
 * A running chat from the customer's side: waiting (with the place in the queue), active (with the
 * agent's name), or ended (with a way to start over). Chat data comes from the SDK chat client.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetStatus } from '../../../bridge.ts';
import { useChatClientState } from '../../hooks/useChatClient.ts';
import type { ChatClientPort } from '../../ports.ts';
import { Composer } from '../Composer/Composer.tsx';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog.tsx';
import { Header } from '../Header/Header.tsx';
import { MessageList } from '../MessageList/MessageList.tsx';
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

export function ChatScreen({
  client,
  chatId,
  selfId,
  autoFocus,
  onStatus,
  onClose,
  onNewChat,
}: ChatScreenProps) {
  const { t } = useTranslation('widget');
  const state = useChatClientState(client);
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
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

  const end = async (): Promise<void> => {
    setEnding(true);
    try {
      await client.end(chatId);
      setProblem(null);
    } catch {
      setProblem(t('ended.endFailed'));
    } finally {
      setEnding(false);
      setConfirming(false);
    }
  };

  const waiting =
    status === 'waiting' ? (
      <div className="w-waiting" data-testid="widget.waiting" role="status">
        <span className="w-waiting__pulse" aria-hidden="true">
          <i />
          <i />
          <i />
        </span>
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
        onEnd={status === 'ended' ? undefined : () => setConfirming(true)}
        onClose={onClose}
      />
      <main className="w-chat">
        {(state.status === 'reconnecting' || state.status === 'offline') && (
          <div className="w-banner" role="alert" data-testid="widget.connection" data-status={state.status}>
            <span className="w-spinner" aria-hidden="true" />
            {state.status === 'offline' ? t('connection.offline') : t('connection.reconnecting')}
          </div>
        )}
        <MessageList
          messages={view?.messages ?? []}
          selfId={selfId}
          onRetry={(clientId) => client.retry(chatId, clientId)}
          footer={waiting}
        />
        <div className="w-typing" aria-live="polite">
          {status !== 'ended' && typists.length > 0 && (
            <span data-testid="widget.typing">
              <span className="w-dots" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              {t('typing', { name: typists.map((p) => p.name).join(', ') })}
            </span>
          )}
        </div>
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
      {confirming && (
        <ConfirmDialog
          title={t('endDialog.title')}
          body={t('endDialog.body')}
          confirmLabel={t('endDialog.confirm')}
          cancelLabel={t('endDialog.cancel')}
          confirmTestId="widget.end.confirm"
          busy={ending}
          onConfirm={() => void end()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}
