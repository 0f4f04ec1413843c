import { describe, expect, it } from 'vitest';
import {
  applyRosterChange,
  displayName,
  emptyRoster,
  groupRoster,
  rosterFrom,
  type RosterItem,
} from './roster.ts';

const item = (jid: string, extra: Partial<RosterItem> = {}): RosterItem => ({
  jid,
  groups: [],
  subscription: 'both',
  pendingOut: false,
  ...extra,
});

describe('roster model', () => {
  it('adds, edits and removes items from roster pushes, keeping the object when nothing changed', () => {
    const one = applyRosterChange(emptyRoster, item('bob@x', { name: 'Bob', groups: ['Sales'] }));
    expect(one.get('bob@x')?.groups).toEqual(['Sales']);
    expect(applyRosterChange(one, item('bob@x', { name: 'Bob', groups: ['Sales'] }))).toBe(one);
    const renamed = applyRosterChange(one, item('bob@x', { name: 'Robert', groups: ['Sales', 'Team'] }));
    expect(renamed.get('bob@x')).toMatchObject({ name: 'Robert', groups: ['Sales', 'Team'] });
    expect(one.get('bob@x')?.name).toBe('Bob');
    const removed = applyRosterChange(renamed, { jid: 'bob@x', subscription: 'remove' });
    expect(removed.has('bob@x')).toBe(false);
    expect(applyRosterChange(removed, { jid: 'bob@x', subscription: 'remove' })).toBe(removed);
  });

  it('drops blank and repeated groups and blank names', () => {
    const roster = rosterFrom([item('a@x', { name: '  ', groups: ['Sales', ' Sales ', ''] })]);
    expect(roster.get('a@x')).toMatchObject({ name: undefined, groups: ['Sales'] });
    expect(displayName(roster.get('a@x')!)).toBe('a');
  });

  it('lists contacts by group, sorted by name, ungrouped last and contacts in several groups in each', () => {
    const roster = rosterFrom([
      item('zoe@x', { name: 'Zoë', groups: ['Support'] }),
      item('adam@x', { groups: ['Support', 'Billing'] }),
      item('eve@x', { name: 'Eve' }),
      item('bea@x', { name: 'Béa', groups: ['billing'] }),
    ]);
    const groups = groupRoster(roster, 'Other', 'en');
    expect(groups.map((group) => group.name)).toEqual(['Billing', 'billing', 'Support', 'Other']);
    expect(groups[2]!.items.map(displayName)).toEqual(['adam', 'Zoë']);
    expect(groups[3]!.items.map((i) => i.jid)).toEqual(['eve@x']);
  });
});
