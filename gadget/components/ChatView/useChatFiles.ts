/**
 * The gadget's side of attachments, receipts and reading for the chat on screen: sends dropped,
 * pasted or chosen files (saying why one cannot be sent), resolves the signed links of files in
 * the conversation, and marks the chat read while its tab is shown and the gadget has the focus.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HybridChatError } from '../../../sdk/index.ts';
import { useFileSender } from '../../../ui/hooks/useFileSender.ts';
import { useReadMarker } from '../../../ui/MessageList/useReadMarker.ts';
import type { ChatClientPort } from '../../chat/ports.ts';

export type ChatFilesPort = Pick<ChatClientPort, 'sendFile' | 'fileUrl' | 'markRead'>;

export function useChatFiles(port: ChatFilesPort | undefined, chatId: string, lastSeq: number) {
  const { t, i18n } = useTranslation('gadget');
  const [problem, setProblem] = useState<string | null>(null);

  const { fileError, sendFiles } = useFileSender(port, chatId, { t, language: i18n.language }, setProblem);

  const resolveFileUrl = useCallback(
    (fileId: string) =>
      port ? port.fileUrl(chatId, fileId) : Promise.reject(new HybridChatError('NOT_FOUND', 'no files')),
    [port, chatId],
  );
  const markRead = useCallback(() => port?.markRead(chatId), [port, chatId]);
  useReadMarker({ active: port !== undefined, lastSeq, onRead: markRead });

  return { sendFiles: port ? sendFiles : undefined, resolveFileUrl, fileError, problem, setProblem };
}
