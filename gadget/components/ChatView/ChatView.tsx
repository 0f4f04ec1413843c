/**
 * One chat: its header, the conversation, who is typing, and the reply box, or, once the chat has
 * ended, a closing bar. Ending asks first, in the gadget (never `confirm()`).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView as ChatViewModel } from '../../../sdk/index.ts';
import { Composer } from '../../../ui/Composer/Composer.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog.tsx';
import { useConfirmedAction } from '../../../ui/ConfirmDialog/useConfirmedAction.ts';
import { formatTime } from '../../../ui/format.ts';
import { MessageList, type MessageListLabels } from '../../../ui/MessageList/MessageList.tsx';
import { TypingIndicator } from '../../../ui/TypingIndicator/TypingIndicator.tsx';
import './ChatView.css';

export interface ChatViewProps {
  view: ChatViewModel;
  selfId: string;
  /** Put the cursor in the reply box (right after the agent accepted this chat). */
  autoFocus?: boolean;
  onFocused?: () => void;
  id: string;
  labelledBy: string;
  onSend: (text: string) => void;
  onTyping: () => void;
  /** Keep it stable (useCallback): the message list is memoised. */
  onRetry: (clientId: string) => void;
  onEnd: () => Promise<void>;
  onClose: () => void;
}

const MESSAGE_TEST_IDS = { log: 'gadget.messages', message: 'gadget.message', retry: 'gadget.message.retry' };
const COMPOSER_TEST_IDS = { input: 'gadget.composer', send: 'gadget.send' };
/** Below this many characters left, the hint under the reply box counts them down. */
const COUNTDOWN_FROM = 200;

export function ChatView({
  view,
  selfId,
  autoFocus = false,
  onFocused,
  id,
  labelledBy,
  onSend,
  onTyping,
  onRetry,
  onEnd,
  onClose,
}: ChatViewProps) {
  const { t, i18n } = useTranslation('gadget');
  const ending = useConfirmedAction(onEnd);
  const { chat } = view;
  const name = chat.customer.name;
  const ended = chat.status === 'ended';
  const typists = view.typing.filter((p) => !(p.role === 'agent' && p.id === selfId));
  const labels = useMemo<MessageListLabels>(
    () => ({
      log: t('messages.label', { name }),
      empty: t('messages.empty'),
      you: t('messages.you'),
      pending: t('messages.pending'),
      failed: t('messages.failed'),
      retry: t('messages.retry'),
      sentBy: (author, time) => t('messages.sentBy', { name: author, time }),
      event: (event, who) => t(`event.${event}`, { name: who }),
    }),
    [t, name],
  );

  return (
    <section className="hc-chat" role="tabpanel" id={id} aria-labelledby={labelledBy} data-chat-id={chat.id}>
      <header className="hc-chat__header">
        <div className="hc-chat__who">
          <h2 className="hc-chat__name">{name}</h2>
          <p className="hc-chat__details">
            {t('chat.details', {
              queue: chat.queue,
              time: formatTime(chat.acceptedAt ?? chat.createdAt, i18n.language),
            })}
          </p>
        </div>
        {!ended && (
          <button
            type="button"
            className="hc-btn hc-btn--ghost-danger"
            data-testid="gadget.end"
            disabled={ending.busy}
            onClick={ending.ask}
          >
            {ending.busy ? t('chat.ending') : t('chat.end')}
          </button>
        )}
      </header>

      <MessageList
        messages={view.messages}
        selfRole="agent"
        selfId={selfId}
        language={i18n.language}
        labels={labels}
        testIds={MESSAGE_TEST_IDS}
        authors="other-agents"
        eventTimes
        errorDetails
        onRetry={onRetry}
      />

      <TypingIndicator
        names={ended ? [] : typists.map((p) => p.name)}
        describe={(names) => t('typing', { name: names })}
        testId="gadget.typing"
      />

      {ended ? (
        <div className="hc-chat__ended" data-testid="gadget.chat.ended" role="status">
          <div>
            <strong>{t('chat.ended')}</strong>
            <span>
              {chat.endedBy === 'customer'
                ? t('chat.endedByCustomer', { name })
                : chat.endedBy === 'agent'
                  ? t('chat.endedByAgent')
                  : t('chat.endedBySystem')}
            </span>
          </div>
          <button
            type="button"
            className="hc-btn hc-btn--secondary"
            data-testid="gadget.chat.close"
            onClick={onClose}
          >
            {t('chat.close')}
          </button>
        </div>
      ) : (
        <Composer
          label={t('composer.label', { name })}
          placeholder={t('composer.placeholder')}
          sendLabel={t('composer.send')}
          sendClassName="hc-btn hc-btn--primary hc-chat__send"
          hint={(remaining) =>
            remaining < COUNTDOWN_FROM ? t('composer.remaining', { count: remaining }) : t('composer.hint')
          }
          testIds={COMPOSER_TEST_IDS}
          onSend={onSend}
          onTyping={onTyping}
          autoFocus={autoFocus}
          onFocused={onFocused}
        />
      )}

      {ending.asking && (
        <ConfirmDialog
          title={t('endDialog.title')}
          body={t('endDialog.body', { name })}
          confirmLabel={t('endDialog.confirm')}
          cancelLabel={t('endDialog.cancel')}
          confirmClassName="hc-btn hc-btn--danger"
          cancelClassName="hc-btn hc-btn--secondary"
          confirmTestId="gadget.end.confirm"
          busy={ending.busy}
          onConfirm={() => void ending.confirm()}
          onCancel={ending.cancel}
        />
      )}
    </section>
  );
}
