/**
 * The chat window: a header (click it to minimize or restore; when minimized it says how many chats
 * have unread messages), larger/smaller, close all (with an in-page confirmation), then the open chats
 * as tabs — three visible, the rest behind an overflow menu — and the current chat.
 * A tab shows the colleague's presence and unread count (not on the active tab); its hover button or
 * the Delete key closes it.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog/ConfirmDialog.tsx';
import type { CombinedPresence, Conversation } from '../../../sdk/desktop-chat/index.ts';
import { Menu } from '../Menu.tsx';
import { PresenceDot } from '../presenceText.tsx';
import { splitTabs } from './visibleTabs.ts';
import type { ReactNode } from 'react';

export interface ChatWindowProps {
  chats: readonly Conversation[];
  current: string | null;
  nameOf: (jid: string) => string;
  presenceOf: (jid: string) => CombinedPresence;
  minimized: boolean;
  chatsWithUnread: number;
  large: boolean;
  onSelect: (peer: string) => void;
  onClose: (peer: string) => void;
  onCloseAll: () => void;
  onMinimize: (minimized: boolean) => void;
  onLarge: (large: boolean) => void;
  /** The current chat's pane (messages, typing, composer). */
  children: ReactNode;
}

export function ChatWindow({
  chats,
  current,
  nameOf,
  presenceOf,
  minimized,
  chatsWithUnread,
  large,
  onSelect,
  onClose,
  onCloseAll,
  onMinimize,
  onLarge,
  children,
}: ChatWindowProps) {
  const { t, i18n } = useTranslation('gadget');
  const prefix = useId();
  const [confirming, setConfirming] = useState(false);
  const tablist = useRef<HTMLDivElement>(null);
  const { tabs, overflow } = splitTabs(chats, current);
  const tabId = (peer: string) => `${prefix}tab-${peer}`;
  const panelId = `${prefix}panel`;

  const focusTab = (peer: string) =>
    requestAnimationFrame(() => document.getElementById(tabId(peer))?.focus());

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((chat) => chat.peer === current);
    const rtl = i18n.dir(i18n.resolvedLanguage ?? i18n.language) === 'rtl';
    const step =
      event.key === (rtl ? 'ArrowLeft' : 'ArrowRight')
        ? 1
        : event.key === (rtl ? 'ArrowRight' : 'ArrowLeft')
          ? -1
          : 0;
    if (step !== 0) {
      const next = tabs[(index + step + tabs.length) % tabs.length];
      if (!next) return;
      event.preventDefault();
      onSelect(next.peer);
      focusTab(next.peer);
    } else if (event.key === 'Delete' && current) {
      event.preventDefault();
      const remaining = chats.filter((chat) => chat.peer !== current);
      onClose(current);
      const next = remaining[Math.min(index, remaining.length - 1)];
      if (next) {
        onSelect(next.peer);
        focusTab(next.peer);
      }
    }
  };

  const headerLabel = minimized ? t('desktopChat.chats.restore') : t('desktopChat.chats.minimize');
  return (
    <section
      className={`dc-window${minimized ? ' dc-window--min' : ''}${large ? ' dc-window--large' : ''}`}
      aria-label={t('desktopChat.chats.label')}
      data-testid="dc.window"
      data-minimized={minimized}
      data-large={large}
    >
      <div className="dc-window__head">
        <button
          type="button"
          className="dc-window__toggle"
          aria-expanded={!minimized}
          data-testid="dc.window.toggle"
          title={headerLabel}
          onClick={() => onMinimize(!minimized)}
        >
          <span className="dc-window__title">{t('desktopChat.chats.label')}</span>
          <span className="ui-sr-only">{headerLabel}</span>
          {minimized && chatsWithUnread > 0 && (
            <span className="dc-badge" data-testid="dc.window.unreadChats">
              <span aria-hidden="true">{chatsWithUnread}</span>
              <span className="ui-sr-only">
                {t('desktopChat.chats.minimizedUnread', { count: chatsWithUnread })}
              </span>
            </span>
          )}
        </button>
        <button
          type="button"
          className="hc-iconbtn dc-window__tool"
          aria-pressed={large}
          aria-label={large ? t('desktopChat.chats.shrink') : t('desktopChat.chats.enlarge')}
          title={large ? t('desktopChat.chats.shrink') : t('desktopChat.chats.enlarge')}
          data-testid="dc.window.large"
          onClick={() => onLarge(!large)}
        >
          <span aria-hidden="true">{large ? '⤡' : '⤢'}</span>
        </button>
        <button
          type="button"
          className="hc-iconbtn dc-window__tool"
          aria-label={t('desktopChat.chats.closeAll')}
          title={t('desktopChat.chats.closeAll')}
          data-testid="dc.window.closeAll"
          onClick={() => setConfirming(true)}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {!minimized && (
        <>
          <div className="dc-tabs">
            <div
              ref={tablist}
              role="tablist"
              aria-label={t('desktopChat.chats.label')}
              className="dc-tabs__list"
              onKeyDown={onTabKey}
            >
              {tabs.map((chat) => {
                const active = chat.peer === current;
                const name = nameOf(chat.peer);
                return (
                  <button
                    key={chat.peer}
                    id={tabId(chat.peer)}
                    type="button"
                    role="tab"
                    className={`dc-tab${active ? ' dc-tab--active' : ''}`}
                    aria-selected={active}
                    aria-controls={active ? panelId : undefined}
                    aria-keyshortcuts="Delete"
                    tabIndex={active ? 0 : -1}
                    title={t('desktopChat.chats.closeKey')}
                    data-testid="dc.tab"
                    data-peer={chat.peer}
                    onClick={() => onSelect(chat.peer)}
                  >
                    <PresenceDot availability={presenceOf(chat.peer).availability} />
                    <span className="dc-tab__name">{name}</span>
                    {!active && chat.unread > 0 && (
                      <span className="dc-badge" data-testid="dc.tab.unread">
                        <span aria-hidden="true">{chat.unread}</span>
                        <span className="ui-sr-only">
                          {t('desktopChat.chats.unread', { count: chat.unread })}
                        </span>
                      </span>
                    )}
                    {/* The mouse's close button; the keyboard's is Delete (a button may not sit in a tab). */}
                    <span
                      className="dc-tab__close"
                      aria-hidden="true"
                      title={t('desktopChat.chats.closeTab', { name })}
                      data-testid="dc.tab.close"
                      onClick={(event) => {
                        event.stopPropagation();
                        onClose(chat.peer);
                      }}
                    >
                      ×
                    </span>
                  </button>
                );
              })}
            </div>
            {overflow.length > 0 && (
              <Menu
                label={t('desktopChat.chats.more', { count: overflow.length })}
                testId="dc.tabs.more"
                className="dc-tabs__more"
                items={overflow.map((chat) => ({
                  id: chat.peer,
                  label:
                    chat.unread > 0
                      ? `${nameOf(chat.peer)} (${t('desktopChat.chats.unread', { count: chat.unread })})`
                      : nameOf(chat.peer),
                  onSelect: () => {
                    onSelect(chat.peer);
                    focusTab(chat.peer);
                  },
                }))}
              >
                <span aria-hidden="true">+{overflow.length}</span>
                {overflow.some((chat) => chat.unread > 0) && (
                  <span className="dc-tabs__moreDot" aria-hidden="true" />
                )}
              </Menu>
            )}
          </div>
          <div
            id={panelId}
            role="tabpanel"
            aria-labelledby={current ? tabId(current) : undefined}
            className="dc-window__pane"
          >
            {children}
          </div>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('desktopChat.chats.closeAllTitle')}
          body={t('desktopChat.chats.closeAllBody')}
          confirmLabel={t('desktopChat.chats.closeAllConfirm')}
          cancelLabel={t('desktopChat.dialog.cancel')}
          confirmClassName="hc-btn hc-btn--danger"
          cancelClassName="hc-btn hc-btn--secondary"
          confirmTestId="dc.window.closeAll.confirm"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onCloseAll();
          }}
        />
      )}
    </section>
  );
}
