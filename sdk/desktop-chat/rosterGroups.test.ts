import { describe, expect, it } from 'vitest';
import { rosterFrom, type RosterItem } from './roster.ts';
import {
  deleteGroupEdits,
  moveContactsEdits,
  removeFromGroupEdits,
  renameGroupEdits,
} from './rosterGroups.ts';

const item = (jid: string, groups: string[], name?: string): RosterItem => ({
  jid,
  name,
  groups,
  subscription: 'both',
  pendingOut: false,
});

const roster = rosterFrom([
  item('ann@x', ['Sales'], 'Ann'),
  item('bob@x', ['Sales', 'Support']),
  item('cid@x', ['Support']),
  item('dee@x', []),
]);

describe('roster group edits', () => {
  it('renames a group on each of its contacts, keeping names and their other groups', () => {
    expect(renameGroupEdits(roster, 'Sales', 'Retail')).toEqual([
      { jid: 'ann@x', name: 'Ann', groups: ['Retail'] },
      { jid: 'bob@x', name: undefined, groups: ['Retail', 'Support'] },
    ]);
    // Onto an existing group: the two merge, no duplicate group on bob.
    expect(renameGroupEdits(roster, 'Sales', 'Support')).toEqual([
      { jid: 'ann@x', name: 'Ann', groups: ['Support'] },
      { jid: 'bob@x', name: undefined, groups: ['Support'] },
    ]);
    expect(renameGroupEdits(roster, 'Sales', ' Sales ')).toEqual([]);
    expect(renameGroupEdits(roster, 'Nobody', 'X')).toEqual([]);
    expect(() => renameGroupEdits(roster, 'Sales', '  ')).toThrow(/needs a name/);
  });

  it('deletes a group: contacts only in it leave the roster, the others stay in their other groups', () => {
    expect(deleteGroupEdits(roster, 'Sales')).toEqual([
      { jid: 'ann@x', remove: true },
      { jid: 'bob@x', name: undefined, groups: ['Support'] },
    ]);
    expect(deleteGroupEdits(roster, 'Missing')).toEqual([]);
  });

  it('removes one contact from one group, off the roster when it was its last', () => {
    expect(removeFromGroupEdits(roster, 'bob@x', 'Sales')).toEqual([
      { jid: 'bob@x', name: undefined, groups: ['Support'] },
    ]);
    expect(removeFromGroupEdits(roster, 'cid@x', 'Support')).toEqual([{ jid: 'cid@x', remove: true }]);
    expect(removeFromGroupEdits(roster, 'cid@x', 'Sales')).toEqual([]);
    expect(removeFromGroupEdits(roster, 'zed@x', 'Sales')).toEqual([]);
  });

  it('moves several contacts at once from one group, or from all, skipping unknown and unchanged ones', () => {
    expect(moveContactsEdits(roster, ['ann@x', 'bob@x', 'zed@x', 'ann@x'], 'Sales', 'Team')).toEqual([
      { jid: 'ann@x', name: 'Ann', groups: ['Team'] },
      { jid: 'bob@x', name: undefined, groups: ['Support', 'Team'] },
    ]);
    expect(moveContactsEdits(roster, ['bob@x', 'dee@x'], null, 'Team')).toEqual([
      { jid: 'bob@x', name: undefined, groups: ['Team'] },
      { jid: 'dee@x', name: undefined, groups: ['Team'] },
    ]);
    expect(moveContactsEdits(roster, ['cid@x'], 'Support', 'Support')).toEqual([]);
  });
});
