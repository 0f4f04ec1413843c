/**
 * The widget's side of attachments, receipts and reading: sends chosen, pasted or dropped files
 * (saying in the customer's words why one cannot be sent), resolves the signed links of files in
 * the conversation, and marks the chat read while the panel is open and has the focus.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFileSender } from '../../../../ui/hooks/useFileSender.ts';
import { useReadMarker } from '../../../../ui/MessageList/useReadMarker.ts';
import type { ChatClientPort } from '../../ports.ts';

export function useAttachments(
  client: ChatClientPort,
  chatId: string,
  options: { visible: boolean; lastSeq: number; onProblem: (problem: string | null) => void },
) {
  const { t, i18n } = useTranslation('widget');
  const { onProblem } = options;

  const { fileError, sendFiles } = useFileSender(client, chatId, { t, language: i18n.language }, onProblem);

  const resolveFileUrl = useCallback((fileId: string) => client.fileUrl(chatId, fileId), [client, chatId]);
  const markRead = useCallback(() => client.markRead(chatId), [client, chatId]);
  useReadMarker({ active: options.visible, lastSeq: options.lastSeq, onRead: markRead });

  return { sendFiles, resolveFileUrl, fileError };
}
