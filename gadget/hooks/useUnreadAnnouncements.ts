/**
 * Announces (politely) a new customer message in a chat the agent is not looking at; the open
 * chat's messages are already read out by its conversation log.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface UnreadInfo {
  chatId: string;
  name: string;
  unread: number;
}

export function useUnreadAnnouncements(
  tabs: readonly UnreadInfo[],
  announce: (text: string, politeness: 'polite') => void,
): void {
  const { t } = useTranslation('gadget');
  const seen = useRef(new Map<string, number>());
  useEffect(() => {
    const previous = seen.current;
    const next = new Map<string, number>();
    for (const tab of tabs) {
      next.set(tab.chatId, tab.unread);
      if (tab.unread > (previous.get(tab.chatId) ?? 0)) {
        announce(t('announce.newMessage', { name: tab.name }), 'polite');
      }
    }
    seen.current = next;
  }, [tabs, announce, t]);
}
