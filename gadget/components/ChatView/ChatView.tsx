/**
 * One chat: its header, the conversation, who is typing, and the reply box, or, once the chat has
 * ended, a closing bar. Ending asks first, in the gadget (never `confirm()`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView as ChatViewModel } from '../../../sdk/index.ts';
import { formatTime } from '../../format.ts';
import { Composer } from '../Composer/Composer.tsx';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog.tsx';
import { MessageList } from '../MessageList/MessageList.tsx';
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
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const { chat } = view;
  const name = chat.customer.name;
  const ended = chat.status === 'ended';
  const typists = view.typing.filter((p) => !(p.role === 'agent' && p.id === selfId));

  const confirmEnd = async (): Promise<void> => {
    setEnding(true);
    try {
      await onEnd();
    } finally {
      setEnding(false);
      setConfirming(false);
    }
  };

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
            disabled={ending}
            onClick={() => setConfirming(true)}
          >
            {ending ? t('chat.ending') : t('chat.end')}
          </button>
        )}
      </header>

      <MessageList messages={view.messages} selfId={selfId} peerName={name} onRetry={onRetry} />

      <div className="hc-chat__typing" aria-live="polite">
        {!ended && typists.length > 0 && (
          <span data-testid="gadget.typing">
            <span className="hc-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('typing', { name: typists.map((p) => p.name).join(', ') })}
          </span>
        )}
      </div>

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
          peerName={name}
          onSend={onSend}
          onTyping={onTyping}
          autoFocus={autoFocus}
          onFocused={onFocused}
        />
      )}

      {confirming && (
        <ConfirmDialog
          title={t('endDialog.title')}
          body={t('endDialog.body', { name })}
          confirmLabel={t('endDialog.confirm')}
          cancelLabel={t('endDialog.cancel')}
          confirmTestId="gadget.end.confirm"
          busy={ending}
          onConfirm={() => void confirmEnd()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
