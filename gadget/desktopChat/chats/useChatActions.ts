/**
 * What the open chat's pane does with the SDK's DesktopChat: send text and files (saying in words
 * why a file was refused), answer a file offer at once on screen, and tell the colleague about
 * typing and focus (XEP-0085). A failure to send shows under the composer.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, DesktopChat, FileAnswer } from '../../../sdk/desktop-chat/index.ts';

/** An error's words for the agent. */
export const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useChatActions(
  chat: DesktopChat,
  current: string | null,
  /** File answers the server has confirmed (the session's snapshot). */
  confirmedAnswers: ReadonlyMap<string, FileAnswer>,
  /** Runs a roster or file action, showing a failure in the panel. */
  run: (action: () => Promise<unknown>) => Promise<void>,
) {
  const { t } = useTranslation('gadget');
  const [sendProblem, setSendProblem] = useState<string | null>(null);
  const [answers, setAnswers] = useState<ReadonlyMap<string, FileAnswer>>(new Map());
  const fileAnswers = useMemo(() => new Map([...confirmedAnswers, ...answers]), [confirmedAnswers, answers]);

  const fileProblem = (error: unknown): string => {
    const { code, limit } = error as { code?: string; limit?: unknown };
    if (code === 'FILE_TOO_LARGE' && typeof limit === 'number')
      return t('desktopChat.file.tooLarge', { limit: `${Math.round(limit / 1000)} kB` });
    if (code === 'FILE_TYPE') return t('desktopChat.file.badType');
    if (code === 'FORBIDDEN') return t('desktopChat.file.off');
    return t('desktopChat.file.failed', { detail: detailOf(error) });
  };

  const onSend = (text: string) => {
    if (!current) return;
    setSendProblem(null);
    chat
      .sendMessage(current, text)
      .catch((error: unknown) =>
        setSendProblem(t('desktopChat.chats.sendFailed', { detail: detailOf(error) })),
      );
  };
  const onFiles = (files: File[]) => {
    if (!current) return;
    setSendProblem(null);
    for (const file of files) {
      chat
        .sendFile(current, { name: file.name, size: file.size, type: file.type, data: file })
        .catch((error: unknown) => setSendProblem(fileProblem(error)));
    }
  };
  const onAnswerFile = (message: ChatMessage, answer: FileAnswer) => {
    setAnswers((old) => new Map(old).set(message.id, answer));
    void run(() => chat.answerFile(message.peer, message.id, answer));
  };
  const onTyping = useCallback(
    (typing: boolean) => {
      if (!current) return;
      if (typing) chat.typing(current);
      else chat.typingCleared(current);
    },
    [chat, current],
  );
  const onFocus = useCallback(() => {
    if (current) chat.chatFocused(current);
  }, [chat, current]);

  return { fileAnswers, sendProblem, onSend, onFiles, onAnswerFile, onTyping, onFocus };
}
