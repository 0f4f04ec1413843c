/**
 * One tab per open chat (WAI-ARIA tabs pattern with a roving tabindex: only the selected tab is in
 * the Tab order; arrow keys move between tabs, mirrored in right-to-left languages; Home/End jump).
 * Each tab shows the customer, unread messages, and how long the customer has waited for a reply.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../format.ts';
import './ChatTabs.css';

export interface ChatTabInfo {
  chatId: string;
  name: string;
  unread: number;
  /** When the customer's unanswered message arrived, or null when nobody is waiting. */
  waitingSince: number | null;
  ended: boolean;
  /** Ended by the customer leaving: marked, its wrap-up starts when the agent closes it. */
  customerLeft?: boolean;
}

export interface ChatTabsProps {
  tabs: readonly ChatTabInfo[];
  selectedId: string | null;
  onSelect: (chatId: string) => void;
  now: number;
  tabId: (chatId: string) => string;
  panelId: (chatId: string) => string;
  /** The shortcut that opens the tab at this index ("Alt+1"), if it has one. */
  shortcut?: (index: number) => { label: string; aria: string } | undefined;
}

/** After this long without a reply the waiting time turns amber. */
export const LONG_WAIT_MS = 60_000;

export function ChatTabs({ tabs, selectedId, onSelect, now, tabId, panelId, shortcut }: ChatTabsProps) {
  const { t, i18n } = useTranslation('gadget');
  const list = useRef<HTMLDivElement>(null);
  const rtl = i18n.dir(i18n.resolvedLanguage ?? i18n.language) === 'rtl';

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = tabs.findIndex((tab) => tab.chatId === selectedId);
    // The arrow points where the agent wants to go on screen: in Arabic or Urdu the next tab is on the left.
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    const target =
      event.key === forward
        ? (index + 1) % tabs.length
        : event.key === back
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    const next = target === null ? undefined : tabs[target];
    if (!next) return;
    event.preventDefault();
    onSelect(next.chatId);
    list.current?.ownerDocument.getElementById(tabId(next.chatId))?.focus();
  };

  return (
    <div ref={list} className="hc-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {tabs.map((tab, index) => {
        const selected = tab.chatId === selectedId;
        const waited = tab.waitingSince === null ? null : Math.max(0, now - tab.waitingSince);
        const keys = shortcut?.(index);
        return (
          <button
            key={tab.chatId}
            id={tabId(tab.chatId)}
            type="button"
            role="tab"
            className={`hc-tab${selected ? ' hc-tab--selected' : ''}${tab.ended ? ' hc-tab--ended' : ''}${tab.unread > 0 ? ' hc-tab--unread' : ''}`}
            aria-selected={selected}
            // Only the selected chat's panel is rendered; pointing at the others would point at nothing.
            aria-controls={selected ? panelId(tab.chatId) : undefined}
            aria-keyshortcuts={keys?.aria}
            title={keys ? t('tabs.shortcut', { keys: keys.label }) : undefined}
            tabIndex={selected ? 0 : -1}
            data-testid="gadget.chatTab"
            data-chat-id={tab.chatId}
            data-selected={selected}
            onClick={() => onSelect(tab.chatId)}
          >
            <span className="hc-tab__text">
              <span className="hc-tab__name" data-testid="gadget.chatTab.name">
                {tab.name}
              </span>
              {tab.ended ? (
                <span className="hc-tab__meta" data-testid="gadget.chatTab.ended">
                  {tab.customerLeft ? t('tabs.customerLeft') : t('tabs.ended')}
                </span>
              ) : waited !== null ? (
                <span
                  className={`hc-tab__meta${waited >= LONG_WAIT_MS ? ' hc-tab__meta--late' : ''}`}
                  data-testid="gadget.chatTab.waiting"
                >
                  <span aria-hidden="true">{t('tabs.waiting', { duration: formatDuration(waited, t) })}</span>
                  <span className="ui-sr-only">
                    {t('tabs.waitingLabel', { duration: formatDuration(waited, t) })}
                  </span>
                </span>
              ) : null}
            </span>
            {tab.unread > 0 && (
              <span className="hc-tab__badge" data-testid="gadget.chatTab.unread">
                <span aria-hidden="true">{tab.unread}</span>
                <span className="ui-sr-only">{t('tabs.unread', { count: tab.unread })}</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
