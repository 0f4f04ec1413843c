/**
 * The chat's news for the customer who is not looking, and for the host page:
 *
 * - every new message from someone else goes to the loader (`on('message')` on the host page), the
 *   end of the chat too (`on('chat:end')`);
 * - messages from the agent while the panel is closed or the tab hidden are counted as unread (the
 *   launcher's badge, the blinking title), and the count clears once the customer looks again;
 * - they chime (one tab only, after a gesture) unless the customer is in the chat right now;
 * - while the customer looks, they and the chat's events ("María joined the chat") are read out by a
 *   polite live region (the returned text); the conversation's log itself stays quiet, so the
 *   customer does not hear their own messages or a restored history read back.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../sdk/index.ts';
import type { WidgetMessage } from '../../bridge.ts';
import type { HostBridge } from '../hostBridge.ts';
import { createChime, type Chime } from '../notify/chime.ts';
import type { ChatClientPort } from '../ports.ts';

export interface ChatEventsOptions {
  bridge: HostBridge;
  client: ChatClientPort | null;
  chatId: string | null;
  /** The loader's panel is open. */
  visible: boolean;
  doc?: Document;
  chime?: Chime;
}

function forHost(message: ChatMessage): WidgetMessage {
  const { chatId, seq, from, kind, text, sentAt } = message;
  return { chatId, seq, from: { role: from.role, name: from.name }, kind, text, sentAt };
}

export function useChatEvents({ bridge, client, chatId, visible, doc = document, chime }: ChatEventsOptions) {
  const { t } = useTranslation('widget');
  const [announcement, setAnnouncement] = useState('');
  const sound = useRef<Chime | null>(null);
  const unread = useRef(0);
  const watching = useRef(false);

  useEffect(() => {
    const created = chime ?? createChime(doc);
    sound.current = created;
    return () => created.dispose();
  }, [chime, doc]);

  // Looking again (panel open, tab visible) clears the count.
  useEffect(() => {
    const sync = (): void => {
      watching.current = visible && !doc.hidden;
      if (!watching.current || unread.current === 0) return;
      unread.current = 0;
      bridge.post({ type: 'unread', count: 0, label: '' });
    };
    sync();
    doc.addEventListener('visibilitychange', sync);
    return () => doc.removeEventListener('visibilitychange', sync);
  }, [visible, bridge, doc]);

  useEffect(() => {
    if (!client || !chatId) return;
    let status = client.getState().chats[chatId]?.chat.status;
    // The same sentence twice is still news: a trailing invisible space makes it a change.
    const announce = (text: string): void =>
      setAnnouncement((current) => (current === text ? `${text}\u200b` : text));
    const offMessage = client.on('message', (message) => {
      if (message.chatId !== chatId) return;
      bridge.post({ type: 'message', message: forHost(message) });
      if (message.kind === 'event') {
        // "María joined the chat": the server names the person in the text of its events.
        const name = message.from.role === 'system' ? message.text : message.from.name;
        if (watching.current && message.event) announce(t(`event.${message.event}`, { name }));
        return;
      }
      if (message.from.role !== 'agent') return;
      if (!watching.current) {
        unread.current += 1;
        const count = unread.current;
        bridge.post({ type: 'unread', count, label: t('notify.unread', { count }) });
      }
      if (!watching.current || !doc.hasFocus()) sound.current?.play(`${chatId}:${message.seq}`);
      if (watching.current) {
        const name = message.from.name;
        announce(
          message.kind === 'file'
            ? t('notify.file', { name, file: message.text })
            : t('notify.message', { name, text: message.text }),
        );
      }
    });
    const offUpdate = client.on('chatUpdate', (chat) => {
      if (chat.id !== chatId) return;
      if (chat.status === 'ended' && status !== 'ended') bridge.post({ type: 'chat:end', chatId });
      status = chat.status;
    });
    return () => {
      offMessage();
      offUpdate();
    };
  }, [client, chatId, bridge, doc, t]);

  return announcement;
}
