/**
 * Sending attachments, as the gadget and the widget both do it: each dropped, pasted or chosen file
 * goes to the chat, and a refused one is explained in the app's own words (`files.tooLarge`,
 * `files.wrongType`, `files.failed` in its namespace); a file that gets through clears the message.
 */
import { useCallback } from 'react';
import { formatFileSize, HybridChatError, LIMITS } from '../../sdk/index.ts';

type FileText = (
  key: 'files.tooLarge' | 'files.wrongType' | 'files.failed',
  options?: { max: string },
) => string;

export function useFileSender(
  client: { sendFile(chatId: string, file: File): Promise<unknown> } | undefined,
  chatId: string,
  text: { t: FileText; language: string },
  onProblem: (problem: string | null) => void,
) {
  const { t, language } = text;
  const fileError = useCallback(
    (code: string | undefined): string =>
      code === 'FILE_TOO_LARGE'
        ? t('files.tooLarge', { max: formatFileSize(LIMITS.fileBytes, language) })
        : code === 'FILE_TYPE'
          ? t('files.wrongType')
          : t('files.failed'),
    [t, language],
  );

  const sendFiles = useCallback(
    (files: File[]) => {
      if (!client) return;
      for (const file of files) {
        client.sendFile(chatId, file).then(
          () => onProblem(null),
          (error: unknown) => onProblem(fileError(error instanceof HybridChatError ? error.code : undefined)),
        );
      }
    },
    [client, chatId, onProblem, fileError],
  );
  return { fileError, sendFiles };
}
