/**
 * The "•••" menus of the contact list: a contact's (chat, add, edit, move, delete) and a group's
 * (add a contact, rename, delete). Recent Chats offers only what makes sense for a recent chat.
 */
import type { TFunction } from 'i18next';
import type { RosterItem } from '../../../sdk/desktop-chat/index.ts';
import type { MenuItem } from '../Menu.tsx';
import type { ContactForm } from './ContactDialog.tsx';
import { RECENT_GROUP, type ContactRow, type GroupRow } from './rosterRows.ts';

/** What deleting asks to confirm first. */
export type Deleting =
  | { kind: 'contacts'; targets: { jid: string; group: string }[] }
  | { kind: 'group'; group: string; count: number };

export interface RosterMenuDeps {
  t: TFunction<'gadget'>;
  byJid: ReadonlyMap<string, RosterItem>;
  openChat(jid: string): void;
  /** Opens the contact dialog. */
  edit(form: ContactForm): void;
  /** Asks to confirm a deletion. */
  remove(deleting: Deleting): void;
}

export function rosterMenus({ t, byJid, openChat, edit, remove }: RosterMenuDeps) {
  const contactMenu = (row: ContactRow): MenuItem[] => {
    const chatItem = { id: 'chat', label: t('desktopChat.menu.chat'), onSelect: () => openChat(row.jid) };
    if (row.group === RECENT_GROUP) {
      return row.inRoster
        ? [chatItem]
        : [
            chatItem,
            {
              id: 'add',
              label: t('desktopChat.menu.add'),
              onSelect: () => edit({ kind: 'add', jid: row.jid, name: '', group: null }),
            },
          ];
    }
    const item = byJid.get(row.jid);
    return [
      chatItem,
      {
        id: 'edit',
        label: t('desktopChat.menu.edit'),
        onSelect: () =>
          edit({ kind: 'edit', jid: row.jid, name: item?.name ?? '', groups: item?.groups ?? [] }),
      },
      {
        id: 'move',
        label: t('desktopChat.menu.move'),
        onSelect: () => edit({ kind: 'move', targets: [{ jid: row.jid, group: row.group }] }),
      },
      {
        id: 'delete',
        label: t('desktopChat.menu.delete'),
        danger: true,
        onSelect: () => remove({ kind: 'contacts', targets: [{ jid: row.jid, group: row.group }] }),
      },
    ];
  };
  const groupMenu = (row: GroupRow): MenuItem[] =>
    row.group === RECENT_GROUP
      ? []
      : [
          {
            id: 'add',
            label: t('desktopChat.menu.addContact'),
            onSelect: () => edit({ kind: 'add', jid: '', name: '', group: row.group }),
          },
          {
            id: 'edit',
            label: t('desktopChat.menu.edit'),
            onSelect: () => edit({ kind: 'group', group: row.group }),
          },
          {
            id: 'delete',
            label: t('desktopChat.menu.delete'),
            danger: true,
            onSelect: () => remove({ kind: 'group', group: row.group, count: row.count }),
          },
        ];

  return { contactMenu, groupMenu };
}
