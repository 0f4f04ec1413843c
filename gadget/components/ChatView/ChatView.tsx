/**
 * One chat: its header, the conversation, who is typing, and the reply box, or, once the chat has
 * ended, a closing bar. Ending asks first, in the gadget (never `confirm()`). Files can be dropped
 * on the chat, pasted into the box or chosen; the agent's messages show the customer's receipts.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FILE_ACCEPT, type ChatView as ChatViewModel, type Whisper } from '../../../sdk/index.ts';
import { useFileDrop } from '../../../ui/Attachment/useFileDrop.ts';
import { Composer } from '../../../ui/Composer/Composer.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog.tsx';
import { useConfirmedAction } from '../../../ui/ConfirmDialog/useConfirmedAction.ts';
import { formatTime } from '../../../ui/format.ts';
import { MessageList, type MessageListLabels } from '../../../ui/MessageList/MessageList.tsx';
import { TypingIndicator } from '../../../ui/TypingIndicator/TypingIndicator.tsx';
import { CustomerPanel } from '../CustomerPanel/CustomerPanel.tsx';
import { CustomerPresence } from './CustomerPresence.tsx';
import { useChatDesk, type ChatDesk } from '../../desk/useChatDesk.tsx';
import './ChatView.css';
import { ChatCollabTools, type ChatCollabPort } from '../TransferDialog/ChatCollabTools.tsx';
import { WhisperList, WhisperToggle } from '../WhisperToggle/WhisperToggle.tsx';
import { useChatFiles, type ChatFilesPort } from './useChatFiles.ts';
import { EmojiIcon } from '../../../ui/EmojiPicker/EmojiIcon.tsx';
import { canShowColourEmoji } from '../../../ui/EmojiPicker/emojiSupport.ts';
import { queueLabel } from '../../queueLabel.ts';

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
  /** The chat client's files and read receipts (bound to this chat here); without it, neither. */
  chatFiles?: ChatFilesPort;
  /** Canned messages, drafts and the customer panel (gadget/desk); without it, none of them. */
  desk?: ChatDesk;
  /** Transfer, conference and whispers (sdk/agent/collab.ts); without it, none of them. */
  collab?: ChatCollabPort & { whispers: Whisper[]; onWhisper: (text: string) => void };
}

const MESSAGE_TEST_IDS = {
  log: 'gadget.messages',
  message: 'gadget.message',
  retry: 'gadget.message.retry',
  file: 'gadget.file',
};
const ATTACH_TEST_IDS = { button: 'gadget.attach', input: 'gadget.attach.input' };
const EMOJI_TEST_IDS = { button: 'gadget.emoji', panel: 'gadget.emoji.panel' };

const EMOJI_ICON = <EmojiIcon testId="gadget.emoji.icon" />;
const COMPOSER_TEST_IDS = {
  input: 'gadget.composer',
  send: 'gadget.send',
  preview: 'gadget.composer.preview',
};
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
  chatFiles,
  desk,
  collab,
}: ChatViewProps) {
  const { t, i18n } = useTranslation('gadget');
  const ending = useConfirmedAction(onEnd);
  const { chat } = view;
  const name = chat.customer.name;
  const ended = chat.status === 'ended';
  const typists = view.typing.filter((p) => !(p.role === 'agent' && p.id === selfId));
  const files = useChatFiles(chatFiles, chat.id, view.lastSeq);
  const drop = useFileDrop(ended ? undefined : files.sendFiles);
  const [whispering, setWhispering] = useState(false);
  const deskParts = useChatDesk(desk, chat, selfId);
  const [showCustomer, setShowCustomer] = useState(false);
  const customerId = `${useId()}customer`;
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
      receipts: { sent: t('receipts.sent'), delivered: t('receipts.delivered'), read: t('receipts.read') },
      file: {
        download: t('files.download'),
        open: (file) => t('files.open', { name: file }),
        uploading: (percent) => t('files.uploading', { percent }),
        unavailable: t('files.unavailable'),
      },
      fileError: files.fileError,
    }),
    [t, name, files.fileError],
  );

  return (
    <section
      className={whispering && !ended ? 'hc-chat hc-chat--whisper' : 'hc-chat'}
      role="tabpanel"
      id={id}
      aria-labelledby={labelledBy}
      data-chat-id={chat.id}
      data-dragging={drop.dragging || undefined}
      {...drop.handlers}
    >
      {drop.dragging && (
        <div className="hc-chat__drop" aria-hidden="true">
          {t('files.drop')}
        </div>
      )}
      <header className="hc-chat__header">
        <div className="hc-chat__who">
          <h2 className="hc-chat__name">{name}</h2>
          <p className="hc-chat__details">
            {t('chat.details', {
              queue: queueLabel(chat.queue, chat.queueLabel, i18n.language),
              time: formatTime(chat.acceptedAt ?? chat.createdAt, i18n.language),
            })}
          </p>
          <CustomerPresence chat={chat} />
        </div>
        {desk && (
          <button
            type="button"
            className="hc-btn hc-btn--secondary hc-chat__customer"
            aria-expanded={showCustomer}
            aria-controls={customerId}
            data-testid="gadget.customer.toggle"
            onClick={() => setShowCustomer(!showCustomer)}
          >
            {t('customer.toggle')}
          </button>
        )}
        {!ended && collab && <ChatCollabTools port={collab} customerName={name} />}
        {!ended && (collab?.isOwner ?? true) && (
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
      {desk && showCustomer && <CustomerPanel chat={chat} desk={desk.api} id={customerId} />}

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
        receipts={view.receipts.customer}
        resolveFileUrl={files.resolveFileUrl}
      />

      {collab && <WhisperList whispers={collab.whispers} selfId={selfId} />}

      <TypingIndicator
        names={ended ? [] : typists.map((p) => p.name)}
        describe={(names) => t('typing', { name: names })}
        testId="gadget.typing"
      />

      {files.problem && (
        <p className="hc-chat__problem" role="alert" data-testid="gadget.file.problem">
          {files.problem}
        </p>
      )}

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
          placeholder={whispering ? t('whisper.placeholder') : t('composer.placeholder')}
          sendLabel={t('composer.send')}
          sendClassName="hc-btn hc-btn--primary hc-chat__send"
          hint={(remaining, parts) =>
            parts > 1
              ? t('composer.parts', { count: parts })
              : remaining < COUNTDOWN_FROM
                ? t('composer.remaining', { count: remaining })
                : t('composer.hint')
          }
          testIds={COMPOSER_TEST_IDS}
          onSend={(text) => {
            if (whispering && collab) return collab.onWhisper(text);
            deskParts.sent();
            onSend(text);
          }}
          onTyping={onTyping}
          {...deskParts.composer}
          autoFocus={autoFocus}
          onFocused={onFocused}
          emojiLabel={t('emoji.button')}
          emojiTestIds={EMOJI_TEST_IDS}
          emojiIcon={EMOJI_ICON}
          emojiTextFallback={!canShowColourEmoji()}
          emojiPreviewLabel={t('composer.emojiPreview')}
          attach={
            files.sendFiles && {
              label: t('files.attach'),
              accept: FILE_ACCEPT,
              onFiles: files.sendFiles,
              testIds: ATTACH_TEST_IDS,
            }
          }
        />
      )}

      {!ended && collab && <WhisperToggle on={whispering} onChange={setWhispering} />}

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
