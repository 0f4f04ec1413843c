/**
 * The contact list: a tree (WAI-ARIA tree view, flattened with `aria-level`) of groups and their
 * contacts, windowed so that thousands of contacts stay smooth. One row is in the Tab order; arrow
 * keys move, Right/Left open and close a group, Enter opens a chat (or a group), Space selects,
 * Shift+arrows extend the selection. With the mouse: a click opens a chat, Ctrl (⌘) adds a contact to
 * the selection, Shift selects a range. Each row has its "•••" menu.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Menu, type MenuItem } from '../Menu.tsx';
import { PresenceDot, usePresenceText } from '../presenceText.tsx';
import type { ContactRow, GroupRow, RosterRow } from './rosterRows.ts';
import { VirtualList, type VirtualListHandle } from './VirtualList.tsx';

export const ROW_HEIGHT = 40;

export interface ContactListProps {
  rows: readonly RosterRow[];
  /** Keys of the selected contact rows. */
  selected: ReadonlySet<string>;
  onSelect: (keys: ReadonlySet<string>) => void;
  onOpen: (jid: string) => void;
  onToggleGroup: (group: string) => void;
  groupLabel: (group: string) => string;
  contactMenu: (row: ContactRow) => MenuItem[];
  groupMenu: (row: GroupRow) => MenuItem[];
}

export function ContactList({
  rows,
  selected,
  onSelect,
  onOpen,
  onToggleGroup,
  groupLabel,
  contactMenu,
  groupMenu,
}: ContactListProps) {
  const { t } = useTranslation('gadget');
  const presenceText = usePresenceText();
  const prefix = useId();
  const list = useRef<VirtualListHandle>(null);
  const [active, setActive] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);
  const focusWanted = useRef(false);
  const current = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    document.getElementById(`${prefix}row${current}`)?.focus();
  }, [current, prefix]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    list.current?.scrollToIndex(next);
    focusWanted.current = true;
    setActive(next);
    // The same row again: still focus it (the effect does not run for an unchanged index).
    if (next === current)
      requestAnimationFrame(() => document.getElementById(`${prefix}row${next}`)?.focus());
    return next;
  };

  const range = (from: number, to: number): Set<string> => {
    const keys = new Set<string>();
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
      const row = rows[index];
      if (row?.kind === 'contact') keys.add(row.key);
    }
    return keys;
  };
  const toggle = (row: ContactRow) => {
    const next = new Set(selected);
    if (next.has(row.key)) next.delete(row.key);
    else next.add(row.key);
    onSelect(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[current];
    // Keys on a row's own "•••" menu stay the menu's.
    if (!row || (event.target as HTMLElement).id !== `${prefix}row${current}`) return;
    const step = (delta: number) => {
      event.preventDefault();
      const next = moveTo(current + delta);
      if (event.shiftKey) {
        const from = anchor ?? current;
        setAnchor(from);
        onSelect(range(from, next));
      }
    };
    switch (event.key) {
      case 'ArrowDown':
        return step(1);
      case 'ArrowUp':
        return step(-1);
      case 'Home':
        event.preventDefault();
        moveTo(0);
        return;
      case 'End':
        event.preventDefault();
        moveTo(rows.length - 1);
        return;
      case 'ArrowRight':
      case 'ArrowLeft': {
        if (row.kind !== 'group') return;
        const rtl = document.documentElement.dir === 'rtl';
        const opening = (event.key === 'ArrowRight') !== rtl;
        if (opening === row.collapsed) {
          event.preventDefault();
          onToggleGroup(row.group);
        }
        return;
      }
      case 'Enter':
        event.preventDefault();
        if (row.kind === 'group') onToggleGroup(row.group);
        else onOpen(row.jid);
        return;
      case ' ':
        event.preventDefault();
        if (row.kind === 'contact') {
          setAnchor(current);
          toggle(row);
        }
        return;
      case 'Escape':
        if (selected.size > 0) {
          event.preventDefault();
          event.stopPropagation();
          onSelect(new Set());
        }
        return;
    }
  };

  const onRowClick = (event: MouseEvent, row: RosterRow, index: number) => {
    setActive(index);
    if (row.kind === 'group') return onToggleGroup(row.group);
    if (event.shiftKey) {
      onSelect(range(anchor ?? index, index));
      return;
    }
    setAnchor(index);
    if (event.ctrlKey || event.metaKey) return toggle(row);
    if (selected.size > 0) onSelect(new Set());
    onOpen(row.jid);
  };

  return (
    <VirtualList
      className="dc-contacts"
      items={rows}
      rowHeight={ROW_HEIGHT}
      handle={list}
      innerProps={{
        role: 'tree',
        'aria-label': t('desktopChat.contacts.label'),
        'aria-multiselectable': true,
        onKeyDown,
        'data-testid': 'dc.contacts',
      }}
      renderRow={(row, index, style) => {
        const focusable = index === current;
        const common = {
          id: `${prefix}row${index}`,
          role: 'treeitem',
          tabIndex: focusable ? 0 : -1,
          style: { ...style, position: 'absolute' as const, insetInline: 0, top: 0 },
          'aria-posinset': index + 1,
          'aria-setsize': rows.length,
          onClick: (event: MouseEvent) => onRowClick(event, row, index),
          onFocus: () => setActive(index),
        };
        if (row.kind === 'group') {
          const label = groupLabel(row.group);
          return (
            <div
              key={row.key}
              {...common}
              className="dc-row dc-row--group"
              aria-level={1}
              aria-expanded={!row.collapsed}
              data-testid="dc.group"
              data-group={label}
            >
              <span
                className={`dc-row__chevron${row.collapsed ? '' : ' dc-row__chevron--open'}`}
                aria-hidden="true"
              />
              <span className="dc-row__name">{label}</span>
              <span className="dc-row__count">
                {t('desktopChat.contacts.groupCount', { online: row.online, count: row.count })}
              </span>
              {groupMenu(row).length > 0 && (
                <Menu
                  label={t('desktopChat.menu.groupActions', { group: label })}
                  items={groupMenu(row)}
                  testId="dc.group.menu"
                  tabIndex={focusable ? 0 : -1}
                />
              )}
            </div>
          );
        }
        const isSelected = selected.has(row.key);
        const status = presenceText(row.presence);
        return (
          <div
            key={row.key}
            {...common}
            className={`dc-row dc-row--contact${isSelected ? ' dc-row--selected' : ''}`}
            aria-level={2}
            aria-selected={isSelected}
            data-testid="dc.contact"
            data-jid={row.jid}
            data-group={groupLabel(row.group)}
            data-availability={row.presence.availability}
          >
            <PresenceDot availability={row.presence.availability} />
            <span className="dc-row__text">
              <span className="dc-row__name" data-testid="dc.contact.name">
                {row.name}
              </span>
              <span className="dc-row__status" data-testid="dc.contact.status">
                {status}
              </span>
            </span>
            <Menu
              label={t('desktopChat.menu.contactActions', { name: row.name })}
              items={contactMenu(row)}
              testId="dc.contact.menu"
              tabIndex={focusable ? 0 : -1}
            />
          </div>
        );
      }}
    />
  );
}
