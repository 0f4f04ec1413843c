/** Names of colleagues outside the roster (colleagueNames.ts): asked once, exact address only. */
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry, RosterItem } from '../../sdk/desktop-chat/index.ts';
import { createColleagueNames } from './colleagueNames.ts';

function setUp(answer: (query: string) => Promise<readonly DirectoryEntry[]>, roster: RosterItem[] = []) {
  const queries: string[] = [];
  const seen: ReadonlyMap<string, string>[] = [];
  const names = createColleagueNames(
    {
      roster: () => roster,
      searchContacts: (query) => {
        queries.push(query);
        return answer(query);
      },
    },
    (known) => seen.push(known),
  );
  return { names, queries, seen };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('colleague names', () => {
  it('asks once per colleague, by local part, and takes only the exact address', async () => {
    const { names, queries, seen } = setUp(async () => [
      { jid: 'grace2@x', name: 'Not Her' },
      { jid: 'Grace@x', name: 'Grace Hopper' },
    ]);
    names.learn('grace@x');
    names.learn('GRACE@x');
    await flush();
    expect(queries).toEqual(['grace']);
    expect(seen.at(-1)?.get('grace@x')).toBe('Grace Hopper');
  });

  it('does not ask for roster contacts, and keeps no name that is only the address', async () => {
    const roster = [{ jid: 'ada@x', groups: [], subscription: 'both', pendingOut: false } as RosterItem];
    const { names, queries, seen } = setUp(async () => [{ jid: 'bob@x', name: 'bob' }], roster);
    names.learn('ada@x');
    names.learn('bob@x');
    await flush();
    expect(queries).toEqual(['bob']);
    expect(seen).toEqual([]);
  });

  it('asks again after a failed lookup, and drops answers after dispose', async () => {
    let fail = true;
    const { names, queries, seen } = setUp(async () => {
      if (fail) throw new Error('not signed in');
      return [{ jid: 'grace@x', name: 'Grace Hopper' }];
    });
    names.learn('grace@x');
    await flush();
    fail = false;
    names.learn('grace@x');
    names.dispose();
    await flush();
    expect(queries).toEqual(['grace', 'grace']);
    expect(seen).toEqual([]);
  });
});
