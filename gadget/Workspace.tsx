/**
 * The signed-in gadget: header with availability, settings and shortcuts, connection trouble,
 * notices, incoming offers, and the open chats as tabs. It reads chat data from the SDK chat client
 * and everything else from the gadget's store; it owns no state of its own beyond what React needs
 * to render (which header panel is open, what was last announced).
 */
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatTabs } from './components/ChatTabs/ChatTabs.tsx';
import { ChatView } from './components/ChatView/ChatView.tsx';
import { useChatCollab } from './components/TransferDialog/useChatCollab.ts';
import { WrapUpList } from './components/WrapUpPanel/WrapUpList.tsx';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner.tsx';
import { EmptyState } from './components/EmptyState/EmptyState.tsx';
import { Header } from './components/Header/Header.tsx';
import { HeaderTools, type HeaderPanel as PanelName } from './components/Header/HeaderTools.tsx';
import { HeaderPanel } from './components/HeaderPanel/HeaderPanel.tsx';
import { LeftMessagesButton } from './components/LeftMessages/LeftMessagesButton.tsx';
import { LeftMessagesList } from './components/LeftMessages/LeftMessagesList.tsx';
import { useLeftMessages } from './components/LeftMessages/useLeftMessages.ts';
import { NoticeBar } from './components/NoticeBar/NoticeBar.tsx';
import { OfferCard } from './components/OfferCard/OfferCard.tsx';
import { SettingsPanel } from './components/SettingsPanel/SettingsPanel.tsx';
import { ShortcutHelp } from './components/ShortcutHelp/ShortcutHelp.tsx';
import { ViewSwitch, type WorkspaceView } from './components/Supervisor/ViewSwitch.tsx';
import { StatusControl } from './components/StatusControl/StatusControl.tsx';
import { setTitle } from './container.ts';
import { useDesk } from './desk/useDesk.ts';
import { useGadgetDesktopChat } from './desktopChat/useGadgetDesktopChat.tsx';
import { useAnnouncer } from './hooks/useAnnouncer.ts';
import { useAutoHeight } from './hooks/useAutoHeight.ts';
import { useChatState } from './hooks/useChatClient.ts';
import { useChatTabs } from './hooks/useChatTabs.ts';
import { useNow } from './hooks/useNow.ts';
import { useOfferAlerts } from './hooks/useOfferAlerts.ts';
import { shortcutLabel, useShortcuts, type Shortcut } from './hooks/useShortcuts.ts';
import { useUnreadAnnouncements } from './hooks/useUnreadAnnouncements.ts';
import { textDirection } from './i18n/i18n.ts';
import { useGadget, useGadgetStore } from './stores/gadgetContext.tsx';

/**
 * The Team view, fetched only when a supervisor opens it: agents never download it. A fetch that
 * fails (the chat server out of reach) shows the view's own error instead of the view.
 */
const SupervisorView = lazy(() =>
  import('./components/Supervisor/SupervisorView.tsx').then(
    ({ SupervisorView: View }) => ({ default: View }),
    () => ({ default: SupervisorUnavailable }),
  ),
);

function SupervisorUnavailable() {
  const { t } = useTranslation('gadget');
  return (
    <p className="hc-card" role="alert">
      {t('supervisor.error.generic', { code: 'DISCONNECTED' })}
    </p>
  );
}

/** Without a status yet, shortcuts and help assume the server's default maximum. */
const DEFAULT_MAX_CHATS = 5;

export function Workspace() {
  const { t, i18n } = useTranslation('gadget');
  const { client, agent, store, desk: deskApi } = useGadget();
  const supervisorPort = useGadget().supervisor;
  const [view, setView] = useState<WorkspaceView>('chats');
  const chatState = useChatState();
  // Canned messages (cached per agent), drafts and the customer panel, for every chat.
  const desk = useDesk(deskApi, agent, chatState.status === 'online');
  const status = useGadgetStore((s) => s.status);
  const requestedState = useGadgetStore((s) => s.requestedState);
  const offers = useGadgetStore((s) => s.offers);
  const notice = useGadgetStore((s) => s.notice);
  const selected = useGadgetStore((s) => s.selectedChatId);
  const readSeq = useGadgetStore((s) => s.readSeq);
  const focusChatId = useGadgetStore((s) => s.focusChatId);
  const settings = useGadgetStore((s) => s.settings);
  const now = useNow(1000);
  const root = useRef<HTMLElement>(null);
  const idPrefix = useId();
  const [panel, setPanel] = useState<PanelName | null>(null);
  const panelButtons = {
    settings: useRef<HTMLButtonElement>(null),
    shortcuts: useRef<HTMLButtonElement>(null),
  };
  // Messages customers left: a header button with the open count, and its panel.
  const leftMessages = useLeftMessages(deskApi?.leftMessages, chatState.status === 'online');
  const [messagesOpen, setMessagesOpen] = useState(false);
  const messagesButton = useRef<HTMLButtonElement>(null);
  const { polite, assertive, announce } = useAnnouncer();
  useAutoHeight(root);
  // Chat with colleagues over XMPP: a header button and a panel in the workspace's place while open.
  const desktopChat = useGadgetDesktopChat(useGadget().desktopChat, announce, settings.desktopAlerts);

  const { views, current, tabs, totalUnread } = useChatTabs(chatState.chats, selected, readSeq, store);
  const currentId = current?.chat.id ?? null;
  const maxChats = status?.maxChats ?? DEFAULT_MAX_CHATS;
  const collab = useChatCollab(current?.chat ?? null, agent.id);
  useOfferAlerts(offers, settings, announce);
  useUnreadAnnouncements(tabs, announce);

  const retry = useCallback(
    (clientId: string) => {
      if (currentId) client.retry(currentId, clientId);
    },
    [client, currentId],
  );

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
  const headerPanelId = (name: PanelName): string => `${idPrefix}${name}`;

  /** Shows a chat from the keyboard: the reply box takes the focus, or the tab when the chat has ended. */
  const goTo = (index: number): boolean => {
    const view = views[index];
    if (!view) return false;
    if (view.chat.status === 'ended') {
      actions.selectChat(view.chat.id);
      requestAnimationFrame(() => root.current?.ownerDocument.getElementById(tabId(view.chat.id))?.focus());
    } else {
      actions.selectChat(view.chat.id, { focus: true });
    }
    return true;
  };
  const onShortcut = (shortcut: Shortcut): boolean => {
    const index = views.findIndex((view) => view.chat.id === currentId);
    switch (shortcut.kind) {
      case 'goto':
        return goTo(shortcut.index);
      case 'previous':
        return views.length > 0 && goTo((index - 1 + views.length) % views.length);
      case 'next':
        return views.length > 0 && goTo((index + 1) % views.length);
      case 'accept': {
        const first = offers.find((pending) => pending.busy === null);
        if (!first) return false;
        void actions.acceptOffer(first.offer.chatId);
        return true;
      }
    }
  };
  useShortcuts(root, onShortcut);

  const togglePanel = (name: PanelName): void => {
    setMessagesOpen(false);
    setPanel((open) => (open === name ? null : name));
  };
  const toggleMessages = (): void => {
    setPanel(null);
    if (!messagesOpen) void leftMessages.refresh();
    setMessagesOpen(!messagesOpen);
  };
  const acceptKeys = shortcutLabel(t, ['alt'], 'A');

  return (
    <main
      ref={root}
      className={`hc-gadget hc-stack${desktopChat?.open ? ' hc-stack--dc' : ''}`}
      data-testid="gadget.root"
      aria-labelledby={`${idPrefix}title`}
      dir={textDirection(i18n)}
      lang={i18n.resolvedLanguage ?? i18n.language}
    >
      <Header titleId={`${idPrefix}title`} agentName={agent.name} connection={chatState.status}>
        <StatusControl
          status={status}
          pending={requestedState}
          disabled={chatState.status !== 'online'}
          onChange={(state) => void actions.setAgentState(state)}
        />
        {deskApi?.leftMessages && (
          <LeftMessagesButton
            count={leftMessages.messages?.length ?? 0}
            open={messagesOpen}
            panelId={`${idPrefix}messages`}
            buttonRef={messagesButton}
            onToggle={toggleMessages}
          />
        )}
        {desktopChat?.button}
        <HeaderTools open={panel} onToggle={togglePanel} panelId={headerPanelId} buttonRefs={panelButtons} />
      </Header>

      {panel && (
        <HeaderPanel
          key={panel}
          id={headerPanelId(panel)}
          title={panel === 'settings' ? t('settings.title') : t('shortcuts.title')}
          closeLabel={panel === 'settings' ? t('settings.close') : t('shortcuts.close')}
          testId={`gadget.${panel}`}
          opener={panelButtons[panel]}
          onClose={() => setPanel(null)}
        >
          {panel === 'settings' ? (
            <SettingsPanel settings={settings} onChange={actions.updateSettings} />
          ) : (
            <ShortcutHelp maxChats={maxChats} />
          )}
        </HeaderPanel>
      )}

      {messagesOpen && (
        <HeaderPanel
          id={`${idPrefix}messages`}
          title={t('leftMessages.title')}
          closeLabel={t('leftMessages.close')}
          testId="gadget.messages"
          opener={messagesButton}
          onClose={() => setMessagesOpen(false)}
        >
          <LeftMessagesList
            state={leftMessages}
            locale={i18n.resolvedLanguage ?? i18n.language}
            onHandled={(name) => announce(t('leftMessages.handled', { name }))}
          />
        </HeaderPanel>
      )}

      <ConnectionBanner
        status={chatState.status}
        transport={chatState.transport}
        finesseHalted={status?.finesse === 'halted'}
      />
      {notice && (
        <NoticeBar
          notice={notice}
          onDismiss={() => actions.showNotice(null)}
          actionDisabled={requestedState !== null || chatState.status !== 'online'}
          onAction={(action) => {
            if (action === 'goReady') void actions.setAgentState('READY');
          }}
        />
      )}

      {desktopChat?.panel}

      {supervisorPort && <ViewSwitch view={view} onChange={setView} />}

      <WrapUpList now={now} />

      {offers.length > 0 && (
        <div className="hc-offers">
          {offers.map((pending, index) => (
            <OfferCard
              key={pending.offer.chatId}
              pending={pending}
              now={now}
              acceptKeys={index === 0 ? acceptKeys : undefined}
              onAccept={(chatId) => void actions.acceptOffer(chatId)}
              onDecline={(chatId) => void actions.declineOffer(chatId)}
            />
          ))}
        </div>
      )}

      {supervisorPort && view === 'team' ? (
        <Suspense fallback={<p className="hc-card">{t('supervisor.loading')}</p>}>
          <SupervisorView port={supervisorPort} selfId={agent.id} />
        </Suspense>
      ) : current ? (
        <div className="hc-card hc-workspace">
          <ChatTabs
            tabs={tabs}
            selectedId={current.chat.id}
            onSelect={actions.selectChat}
            now={now}
            tabId={tabId}
            panelId={panelId}
            shortcut={(index) =>
              index < 9
                ? { label: shortcutLabel(t, ['alt'], String(index + 1)), aria: `Alt+${index + 1}` }
                : undefined
            }
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
                actions.showNotice({ tone: 'error', key: 'sendFailed' });
              }
            }}
            onTyping={() => client.setTyping(current.chat.id)}
            onRetry={retry}
            onEnd={async () => {
              try {
                await client.end(current.chat.id);
                // Ending opens its wrap-up (server/features/collaboration), which takes the chat's place.
                if (store.getState().wrapUps[current.chat.id]) actions.closeChat(current.chat.id);
              } catch {
                actions.showNotice({ tone: 'error', key: 'endFailed' });
              }
            }}
            onClose={() => {
              // A chat the customer left: closing it starts its wrap-up timer.
              if (store.getState().wrapUps[current.chat.id]?.state === 'waiting') {
                void actions.startWrapUp(current.chat.id);
              }
              actions.closeChat(current.chat.id);
            }}
            chatFiles={client}
            collab={collab}
            desk={desk}
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

      <div className="ui-sr-only" aria-live="polite" aria-atomic="true" data-testid="gadget.announce.polite">
        {polite}
      </div>
      <div
        className="ui-sr-only"
        aria-live="assertive"
        aria-atomic="true"
        data-testid="gadget.announce.assertive"
      >
        {assertive}
      </div>
    </main>
  );
}
