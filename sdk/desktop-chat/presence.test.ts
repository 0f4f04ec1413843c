import { describe, expect, it } from 'vitest';
import {
  combinePresence,
  OFFLINE,
  presenceOf,
  resourceAvailable,
  resourceUnavailable,
  showFor,
  type PresenceTable,
} from './presence.ts';

describe('combinePresence', () => {
  it('is offline without resources', () => {
    expect(combinePresence([])).toEqual(OFFLINE);
  });

  it('shows the most available resource, whatever the priorities', () => {
    const combined = combinePresence([
      { resource: 'phone', show: 'away', status: 'On the road', priority: 10 },
      { resource: 'desk', status: 'At my desk', priority: 0 },
    ]);
    expect(combined).toEqual({ availability: 'available', status: 'At my desk', resource: 'desk' });
  });

  it('lets DND on any resource win, and maps xa to away and chat to available', () => {
    expect(
      combinePresence([
        { resource: 'desk', show: 'chat', priority: 5 },
        { resource: 'phone', show: 'dnd', status: 'Meeting', priority: -1 },
      ]),
    ).toMatchObject({ availability: 'dnd', status: 'Meeting' });
    expect(combinePresence([{ resource: 'r', show: 'xa', priority: 0 }]).availability).toBe('away');
  });

  it('breaks ties by priority, then by resource name, not by arrival order', () => {
    const a = { resource: 'a', status: 'A', priority: 1 };
    const b = { resource: 'b', status: 'B', priority: 1 };
    const c = { resource: 'c', status: 'C', priority: 2 };
    expect(combinePresence([a, b]).status).toBe('A');
    expect(combinePresence([b, a]).status).toBe('A');
    expect(combinePresence([a, b, c]).status).toBe('C');
  });

  it('sends no show for plain available', () => {
    expect(showFor('available')).toBeUndefined();
    expect(showFor('dnd')).toBe('dnd');
  });
});

describe('presence table', () => {
  it('tracks resources signing in and out; a bare unavailable clears them all', () => {
    let table: PresenceTable = new Map();
    table = resourceAvailable(table, 'bob@x', { resource: 'desk', priority: 0 });
    table = resourceAvailable(table, 'bob@x', { resource: 'phone', show: 'away', priority: 0 });
    expect(presenceOf(table, 'bob@x').availability).toBe('available');
    table = resourceUnavailable(table, 'bob@x', 'desk');
    expect(presenceOf(table, 'bob@x').availability).toBe('away');
    const same = resourceUnavailable(table, 'bob@x', 'tablet');
    expect(same).toBe(table);
    table = resourceAvailable(table, 'bob@x', { resource: 'desk', priority: 0 });
    table = resourceUnavailable(table, 'bob@x', undefined);
    expect(presenceOf(table, 'bob@x')).toEqual(OFFLINE);
    expect(table.has('bob@x')).toBe(false);
  });
});
