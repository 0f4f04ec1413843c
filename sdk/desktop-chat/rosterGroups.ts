/**
 * Group operations on the roster as plain data. XMPP has no group object: a group is a name that
 * roster items carry (RFC 6121 section 2.1.2.3), so renaming, deleting or moving means changing
 * each item concerned, one roster set per item (section 2.3.3 allows one item per set). These
 * functions say which items change and how; rosterApi.ts sends the sets. No network here.
 */
import { HybridChatError } from '../core/errors.ts';
import type { Roster, RosterItem } from './roster.ts';

/** One item to change: new groups, or `remove` to take the contact off the roster. */
export type GroupEdit =
  | { readonly jid: string; readonly name: string | undefined; readonly groups: readonly string[] }
  | { readonly jid: string; readonly remove: true };

const clean = (group: string): string => group.trim();

function edit(item: RosterItem, groups: readonly string[]): GroupEdit | null {
  const next = [...new Set(groups)].sort();
  const same = next.length === item.groups.length && next.every((group, i) => group === item.groups[i]);
  return same ? null : { jid: item.jid, name: item.name, groups: next };
}

const present = (edits: Array<GroupEdit | null>): GroupEdit[] =>
  edits.filter((found): found is GroupEdit => found !== null);

function requireGroup(name: string, what: string): string {
  const group = clean(name);
  if (!group) throw new HybridChatError('BAD_REQUEST', `${what}: a group needs a name`);
  return group;
}

/** Every contact in `from` goes to `to` instead; renaming onto an existing group merges them. */
export function renameGroupEdits(roster: Roster, from: string, to: string): GroupEdit[] {
  const source = requireGroup(from, 'renameGroup');
  const target = requireGroup(to, 'renameGroup');
  if (source === target) return [];
  return present(
    [...roster.values()]
      .filter((item) => item.groups.includes(source))
      .map((item) => edit(item, [...item.groups.filter((g) => g !== source), target])),
  );
}

/** Out of `group`; a contact left in no group is removed from the roster (as Cisco's Desktop Chat does). */
function leaveGroup(item: RosterItem, group: string): GroupEdit | null {
  if (!item.groups.includes(group)) return null;
  const rest = item.groups.filter((g) => g !== group);
  return rest.length === 0 ? { jid: item.jid, remove: true } : edit(item, rest);
}

/** The group with its contacts: those only in it leave the roster, the others keep their other groups. */
export function deleteGroupEdits(roster: Roster, name: string): GroupEdit[] {
  const group = requireGroup(name, 'deleteGroup');
  return present([...roster.values()].map((item) => leaveGroup(item, group)));
}

export function removeFromGroupEdits(roster: Roster, jid: string, group: string): GroupEdit[] {
  const item = roster.get(jid);
  return item ? present([leaveGroup(item, requireGroup(group, 'removeFromGroup'))]) : [];
}

/**
 * Contacts from `from` to `to`; `from` null moves them out of all their groups. A contact not in
 * `from` is added to `to` (it was shown elsewhere, e.g. ungrouped); one not on the roster is skipped.
 */
export function moveContactsEdits(
  roster: Roster,
  jids: readonly string[],
  from: string | null,
  to: string,
): GroupEdit[] {
  const target = requireGroup(to, 'moveContacts');
  const source = from === null ? null : clean(from);
  return present(
    [...new Set(jids)].map((jid) => {
      const item = roster.get(jid);
      if (!item) return null;
      const kept = source === null ? [] : item.groups.filter((g) => g !== source);
      return edit(item, [...kept, target]);
    }),
  );
}
