/**
 * The widget's side of attachments, receipts and reading: sends chosen, pasted or dropped files
 * (saying in the customer's words why one cannot be sent), resolves the signed links of files in
 * the conversation, and marks the chat read while the panel is open and has the focus.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize, HybridChatError, LIMITS } from '../../../../sdk/index.ts';
import { useReadMarker } from '../../../../ui/MessageList/useReadMarker.ts';
import type { ChatClientPort } from '../../ports.ts';

export function useAttachments(
  client: ChatClientPort,
  chatId: string,
  options: { visible: boolean; lastSeq: number; onProblem: (problem: string | null) => void },
) {
  const { t, i18n } = useTranslation('widget');
  const { onProblem } = options;

  const fileError = useCallback(
    (code: string | undefined): string =>
      code === 'FILE_TOO_LARGE'
        ? t('files.tooLarge', { max: formatFileSize(LIMITS.fileBytes, i18n.language) })
        : code === 'FILE_TYPE'
          ? t('files.wrongType')
          : t('files.failed'),
    [t, i18n.language],
  );

  const sendFiles = useCallback(
    (files: File[]) => {
      for (const file of files) {
        client.sendFile(chatId, file).then(
          () => onProblem(null),
          (error: unknown) => onProblem(fileError(error instanceof HybridChatError ? error.code : undefined)),
        );
      }
    },
    [client, chatId, onProblem, fileError],
  );

  const resolveFileUrl = useCallback((fileId: string) => client.fileUrl(chatId, fileId), [client, chatId]);
  const markRead = useCallback(() => client.markRead(chatId), [client, chatId]);
  useReadMarker({ active: options.visible, lastSeq: options.lastSeq, onRead: markRead });

  return { sendFiles, resolveFileUrl, fileError };
}
