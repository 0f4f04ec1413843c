/**
 * The open chats as the tab strip shows them (oldest first): unread customer messages per chat and
 * how long the customer has been waiting for a reply. Also keeps the read marks honest: the chat on
 * screen is read, and chats that come back after a reload start out read.
 */
import { useEffect, useMemo } from 'react';
import type { ChatView } from '../../sdk/index.ts';
import type { ChatTabInfo } from '../components/ChatTabs/ChatTabs.tsx';
import type { GadgetStore } from '../stores/gadgetStore.ts';

function unreadCount(view: ChatView, readSeq: number): number {
  return view.messages.filter(
    (m) => m.seq !== null && m.seq > readSeq && m.from.role === 'customer' && m.kind !== 'event',
  ).length;
}

/** When the customer's last message is still unanswered, the time it was sent. */
export function waitingSince(view: ChatView): number | null {
  for (let i = view.messages.length - 1; i >= 0; i--) {
    const message = view.messages[i];
    if (!message || message.kind === 'event') continue;
    return message.from.role === 'customer' ? message.sentAt : null;
  }
  return null;
}

export interface ChatTabsModel {
  views: ChatView[];
  current: ChatView | null;
  tabs: ChatTabInfo[];
  totalUnread: number;
}

export function useChatTabs(
  chats: Record<string, ChatView>,
  selectedId: string | null,
  readSeq: Record<string, number>,
  store: GadgetStore,
): ChatTabsModel {
  const views = useMemo(
    () => Object.values(chats).sort((a, b) => a.chat.createdAt - b.chat.createdAt),
    [chats],
  );
  const current = views.find((v) => v.chat.id === selectedId) ?? views[0] ?? null;
  const currentId = current?.chat.id ?? null;
  const currentLastSeq = current?.lastSeq ?? 0;

  // Chats that appear without an accept (rehydrated after a reload) start out read.
  useEffect(() => {
    const { readSeq: seen, markRead } = store.getState();
    for (const view of views) if (seen[view.chat.id] === undefined) markRead(view.chat.id, view.lastSeq);
  }, [views, store]);

  // Whatever the agent is looking at is read.
  useEffect(() => {
    if (currentId) store.getState().markRead(currentId, currentLastSeq);
  }, [currentId, currentLastSeq, store]);

  const tabs = useMemo(
    () =>
      views.map((view) => ({
        chatId: view.chat.id,
        name: view.chat.customer.name,
        unread: view.chat.id === currentId ? 0 : unreadCount(view, readSeq[view.chat.id] ?? view.lastSeq),
        waitingSince: view.chat.status === 'active' ? waitingSince(view) : null,
        ended: view.chat.status === 'ended',
        customerLeft: view.chat.status === 'ended' && view.chat.endedBy === 'customer',
      })),
    [views, currentId, readSeq],
  );
  const totalUnread = tabs.reduce((sum, tab) => sum + tab.unread, 0);
  return { views, current, tabs, totalUnread };
}
