/**
 * The contact list as flat rows for a virtualized list: a Recent Chats group first (colleagues of
 * this session's chats, in or out of the roster), then the roster's groups (a contact in several
 * groups is listed in each), each header followed by its contacts unless collapsed. A filter keeps
 * the contacts whose name or address contains it, in groups shown open. No DOM here.
 */
import type { CombinedPresence, RosterItem } from '../../../sdk/desktop-chat/index.ts';
import { displayName, groupRoster, OFFLINE } from '../../../sdk/index.ts';
import { colleagueName } from '../colleagueNames.ts';

export const RECENT_GROUP = '\u0000recent';

export interface GroupRow {
  readonly kind: 'group';
  readonly key: string;
  /** The group's name; RECENT_GROUP for Recent Chats. */
  readonly group: string;
  readonly count: number;
  /** Contacts in it who are signed in. */
  readonly online: number;
  readonly collapsed: boolean;
}

export interface ContactRow {
  readonly kind: 'contact';
  readonly key: string;
  readonly jid: string;
  readonly name: string;
  /** The group it is listed under (RECENT_GROUP under Recent Chats). */
  readonly group: string;
  readonly presence: CombinedPresence;
  readonly inRoster: boolean;
}

export type RosterRow = GroupRow | ContactRow;

export interface RosterRowsInput {
  readonly roster: readonly RosterItem[];
  /** Names of colleagues outside the roster (for Recent Chats). */
  readonly names?: ReadonlyMap<string, string>;
  readonly presences: ReadonlyMap<string, CombinedPresence>;
  /** Peers of this session's chats, most recent first. */
  readonly recent: readonly string[];
  readonly collapsed: ReadonlySet<string>;
  readonly filter: string;
  /** The name of contacts in no group ("Contacts"). */
  readonly ungrouped: string;
  readonly locale?: string;
}

export function rowKey(group: string, jid: string): string {
  return `${group}\u0001${jid}`;
}

export function rosterRows(input: RosterRowsInput): RosterRow[] {
  const { roster, presences, collapsed, ungrouped, locale } = input;
  const needle = input.filter.trim().toLowerCase();
  const byJid = new Map(roster.map((item) => [item.jid, item]));
  const matches = (jid: string, name: string): boolean =>
    needle === '' || name.toLowerCase().includes(needle) || jid.includes(needle);
  const rows: RosterRow[] = [];

  const section = (group: string, members: readonly { jid: string; name: string; inRoster: boolean }[]) => {
    const shown = members.filter((member) => matches(member.jid, member.name));
    if (shown.length === 0 && (needle !== '' || group === RECENT_GROUP)) return;
    const presenceOf = (jid: string) => presences.get(jid) ?? OFFLINE;
    const isCollapsed = needle === '' && collapsed.has(group);
    rows.push({
      kind: 'group',
      key: `g\u0001${group}`,
      group,
      count: shown.length,
      online: shown.filter((member) => presenceOf(member.jid).availability !== 'offline').length,
      collapsed: isCollapsed,
    });
    if (isCollapsed) return;
    for (const member of shown) {
      rows.push({
        kind: 'contact',
        key: rowKey(group, member.jid),
        jid: member.jid,
        name: member.name,
        group,
        presence: presenceOf(member.jid),
        inRoster: member.inRoster,
      });
    }
  };

  section(
    RECENT_GROUP,
    input.recent.map((jid) => {
      const item = byJid.get(jid);
      return { jid, name: colleagueName(jid, item, input.names), inRoster: item !== undefined };
    }),
  );
  const grouped = groupRoster(new Map(byJid), ungrouped, locale);
  for (const { name, items } of grouped) {
    section(
      name,
      items.map((item) => ({ jid: item.jid, name: displayName(item), inRoster: true })),
    );
  }
  return rows;
}

/** The roster's group names, sorted as the list shows them. */
export function groupNames(roster: readonly RosterItem[], locale?: string): string[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...new Set(roster.flatMap((item) => item.groups))].sort(collator.compare);
}
