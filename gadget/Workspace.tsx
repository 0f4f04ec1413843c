/**
 * The signed-in gadget: header with availability, connection trouble, notices, incoming offers, and
 * the open chats as tabs. It reads chat data from the SDK chat client and everything else from the
 * gadget's store; it owns no state of its own beyond what React needs to render.
 */
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView as ChatViewModel } from '../sdk/index.ts';
import { ChatTabs, type ChatTabInfo } from './components/ChatTabs/ChatTabs.tsx';
import { ChatView } from './components/ChatView/ChatView.tsx';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner.tsx';
import { EmptyState } from './components/EmptyState/EmptyState.tsx';
import { Header } from './components/Header/Header.tsx';
import { NoticeBar } from './components/NoticeBar/NoticeBar.tsx';
import { OfferCard } from './components/OfferCard/OfferCard.tsx';
import { StatusControl } from './components/StatusControl/StatusControl.tsx';
import { setTitle } from './container.ts';
import { useAutoHeight } from './hooks/useAutoHeight.ts';
import { useChatState } from './hooks/useChatClient.ts';
import { useNow } from './hooks/useNow.ts';
import { useGadget, useGadgetStore } from './stores/gadgetContext.tsx';

function unreadCount(view: ChatViewModel, readSeq: number): number {
  return view.messages.filter(
    (m) => m.seq !== null && m.seq > readSeq && m.from.role === 'customer' && m.kind === 'text',
  ).length;
}

/** When the customer's last message is still unanswered, the time it was sent. */
function waitingSince(view: ChatViewModel): number | null {
  for (let i = view.messages.length - 1; i >= 0; i--) {
    const message = view.messages[i];
    if (!message || message.kind !== 'text') continue;
    return message.from.role === 'customer' ? message.sentAt : null;
  }
  return null;
}

export function Workspace() {
  const { t } = useTranslation('gadget');
  const { client, agent, store } = useGadget();
  const chatState = useChatState();
  const status = useGadgetStore((s) => s.status);
  const requestedState = useGadgetStore((s) => s.requestedState);
  const offers = useGadgetStore((s) => s.offers);
  const notice = useGadgetStore((s) => s.notice);
  const selected = useGadgetStore((s) => s.selectedChatId);
  const readSeq = useGadgetStore((s) => s.readSeq);
  const focusChatId = useGadgetStore((s) => s.focusChatId);
  const now = useNow(1000);
  const root = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  useAutoHeight(root);

  const views = useMemo(
    () => Object.values(chatState.chats).sort((a, b) => a.chat.createdAt - b.chat.createdAt),
    [chatState.chats],
  );
  const current = views.find((v) => v.chat.id === selected) ?? views[0] ?? null;
  const currentId = current?.chat.id ?? null;
  const currentLastSeq = current?.lastSeq ?? 0;
  const retry = useCallback(
    (clientId: string) => {
      if (currentId) client.retry(currentId, clientId);
    },
    [client, currentId],
  );

  // Chats that appear without an accept (rehydrated after a reload) start out read.
  useEffect(() => {
    const { readSeq: seen, markRead } = store.getState();
    for (const view of views) if (seen[view.chat.id] === undefined) markRead(view.chat.id, view.lastSeq);
  }, [views, store]);

  // Whatever the agent is looking at is read.
  useEffect(() => {
    if (currentId) store.getState().markRead(currentId, currentLastSeq);
  }, [currentId, currentLastSeq, store]);

  const tabs: ChatTabInfo[] = views.map((view) => ({
    chatId: view.chat.id,
    name: view.chat.customer.name,
    unread: view.chat.id === currentId ? 0 : unreadCount(view, readSeq[view.chat.id] ?? view.lastSeq),
    waitingSince: view.chat.status === 'active' ? waitingSince(view) : null,
    ended: view.chat.status === 'ended',
  }));
  const totalUnread = tabs.reduce((sum, tab) => sum + tab.unread, 0);

  // The tab title tells an agent on another desktop tab that something is waiting for them.
  const hasOffer = offers.length > 0;
  useEffect(() => {
    setTitle(
      hasOffer
        ? t('app.titleOffer')
        : totalUnread > 0
          ? t('app.titleUnread', { count: totalUnread })
          : t('app.title'),
    );
  }, [hasOffer, totalUnread, t]);

  const actions = store.getState();
  const tabId = (chatId: string): string => `${idPrefix}tab-${chatId}`;
  const panelId = (chatId: string): string => `${idPrefix}panel-${chatId}`;

  return (
    <div ref={root} className="hc-gadget hc-stack" data-testid="gadget.root">
      <Header agentName={agent.name} connection={chatState.status}>
        <StatusControl
          status={status}
          pending={requestedState}
          disabled={chatState.status !== 'online'}
          onChange={(state) => void actions.setAgentState(state)}
        />
      </Header>

      <ConnectionBanner status={chatState.status} finesseHalted={status?.finesse === 'halted'} />
      {notice && <NoticeBar notice={notice} onDismiss={() => actions.showNotice(null)} />}

      {offers.map((pending) => (
        <OfferCard
          key={pending.offer.chatId}
          pending={pending}
          now={now}
          onAccept={(chatId) => void actions.acceptOffer(chatId)}
          onDecline={(chatId) => void actions.declineOffer(chatId)}
        />
      ))}

      {current ? (
        <div className="hc-card hc-workspace">
          <ChatTabs
            tabs={tabs}
            selectedId={current.chat.id}
            onSelect={actions.selectChat}
            now={now}
            tabId={tabId}
            panelId={panelId}
          />
          <ChatView
            key={current.chat.id}
            view={current}
            selfId={agent.id}
            autoFocus={focusChatId === current.chat.id}
            onFocused={actions.focusDone}
            id={panelId(current.chat.id)}
            labelledBy={tabId(current.chat.id)}
            onSend={(text) => {
              try {
                client.send(current.chat.id, text);
              } catch {
                // The client refuses at once only what can never be sent (too long, chat gone).
                actions.showNotice({ tone: 'error', key: 'notice.sendFailed' });
              }
            }}
            onTyping={() => client.setTyping(current.chat.id)}
            onRetry={retry}
            onEnd={async () => {
              try {
                await client.end(current.chat.id);
              } catch {
                actions.showNotice({ tone: 'error', key: 'notice.endFailed' });
              }
            }}
            onClose={() => actions.closeChat(current.chat.id)}
          />
        </div>
      ) : offers.length > 0 ? null : status === null ? (
        <EmptyState tone="idle" title={t('empty.loadingTitle')} />
      ) : status.state === 'NOT_READY' ? (
        <EmptyState tone="idle" title={t('empty.notReadyTitle')} body={t('empty.notReadyBody')} />
      ) : status.state === 'INTERRUPTED' ? (
        <EmptyState tone="paused" title={t('empty.interruptedTitle')} body={t('empty.interruptedBody')} />
      ) : (
        <EmptyState tone="ready" title={t('empty.readyTitle')} body={t('empty.readyBody')} />
      )}
    </div>
  );
}
