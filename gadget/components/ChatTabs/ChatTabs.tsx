/**
 * One tab per open chat (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump).
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
}

export interface ChatTabsProps {
  tabs: readonly ChatTabInfo[];
  selectedId: string | null;
  onSelect: (chatId: string) => void;
  now: number;
  tabId: (chatId: string) => string;
  panelId: (chatId: string) => string;
}

/** After this long without a reply the waiting time turns amber. */
const LONG_WAIT_MS = 60_000;

export function ChatTabs({ tabs, selectedId, onSelect, now, tabId, panelId }: ChatTabsProps) {
  const { t } = useTranslation('gadget');
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = tabs.findIndex((tab) => tab.chatId === selectedId);
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
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
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(next.chatId))}`)?.focus();
  };

  return (
    <div ref={list} className="hc-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const selected = tab.chatId === selectedId;
        const waited = tab.waitingSince === null ? null : now - tab.waitingSince;
        return (
          <button
            key={tab.chatId}
            id={tabId(tab.chatId)}
            type="button"
            role="tab"
            className={`hc-tab${selected ? ' hc-tab--selected' : ''}${tab.ended ? ' hc-tab--ended' : ''}`}
            aria-selected={selected}
            aria-controls={panelId(tab.chatId)}
            tabIndex={selected ? 0 : -1}
            data-testid="gadget.chatTab"
            data-chat-id={tab.chatId}
            onClick={() => onSelect(tab.chatId)}
          >
            <span className="hc-tab__name">{tab.name}</span>
            {tab.ended ? (
              <span className="hc-tab__meta">{t('tabs.ended')}</span>
            ) : waited !== null ? (
              <span
                className={`hc-tab__meta${waited >= LONG_WAIT_MS ? ' hc-tab__meta--late' : ''}`}
                title={t('tabs.waitingLabel', { duration: formatDuration(waited, t) })}
              >
                {t('tabs.waiting', { duration: formatDuration(waited, t) })}
              </span>
            ) : null}
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
