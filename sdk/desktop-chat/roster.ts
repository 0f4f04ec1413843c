/**
 * The roster (RFC 6121 section 2) as plain data: items keyed by bare JID, changed by the full
 * roster of a fetch or by one pushed item, and listed by group for display. No network here.
 */

/** RFC 6121 section 2.1.2.5. */
export type Subscription = 'none' | 'to' | 'from' | 'both';

export interface RosterItem {
  /** Bare JID, lower-cased domain and local part as the server stores it. */
  readonly jid: string;
  readonly name?: string | undefined;
  readonly groups: readonly string[];
  readonly subscription: Subscription;
  /** A subscription request of ours awaits the contact's approval (RFC 6121 section 2.1.2.2). */
  readonly pendingOut: boolean;
}

/** A roster push removing the item has subscription 'remove' (RFC 6121 section 2.5). */
export type RosterChange = RosterItem | { readonly jid: string; readonly subscription: 'remove' };

export type Roster = ReadonlyMap<string, RosterItem>;

export const emptyRoster: Roster = new Map();

/** The roster after a full fetch (RFC 6121 section 2.2). */
export function rosterFrom(items: readonly RosterItem[]): Roster {
  return new Map(items.map((item) => [item.jid, normalized(item)]));
}

/** The roster after one roster push; the same object when nothing changed. */
export function applyRosterChange(roster: Roster, change: RosterChange): Roster {
  if (change.subscription === 'remove') {
    if (!roster.has(change.jid)) return roster;
    const next = new Map(roster);
    next.delete(change.jid);
    return next;
  }
  const item = normalized(change);
  if (sameItem(roster.get(item.jid), item)) return roster;
  return new Map(roster).set(item.jid, item);
}

/**
 * Groups without duplicates or blanks (RFC 6121 section 2.1.2.3 allows neither), sorted: they are a
 * set, and servers return them in any order.
 */
function normalized(item: RosterItem): RosterItem {
  const groups = [...new Set(item.groups.map((group) => group.trim()).filter(Boolean))].sort();
  const name = item.name?.trim() || undefined;
  return { ...item, name, groups };
}

function sameItem(a: RosterItem | undefined, b: RosterItem): boolean {
  return (
    a !== undefined &&
    a.name === b.name &&
    a.subscription === b.subscription &&
    a.pendingOut === b.pendingOut &&
    a.groups.length === b.groups.length &&
    a.groups.every((group, index) => group === b.groups[index])
  );
}

/** What a contact is shown as: the roster name, else the JID's local part. */
export function displayName(item: Pick<RosterItem, 'jid' | 'name'>): string {
  return item.name ?? item.jid.split('@')[0] ?? item.jid;
}

export interface RosterGroup {
  readonly name: string;
  readonly items: readonly RosterItem[];
}

/**
 * The roster by group, groups and contacts sorted by name (locale-aware); a contact in several
 * groups appears in each, contacts in none are listed under `ungrouped` last.
 */
export function groupRoster(roster: Roster, ungrouped: string, locale?: string): RosterGroup[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const byGroup = new Map<string, RosterItem[]>();
  for (const item of roster.values()) {
    for (const group of item.groups.length > 0 ? item.groups : [ungrouped]) {
      byGroup.set(group, [...(byGroup.get(group) ?? []), item]);
    }
  }
  const names = [...byGroup.keys()].sort((a, b) =>
    a === ungrouped ? 1 : b === ungrouped ? -1 : collator.compare(a, b),
  );
  return names.map((name) => ({
    name,
    items: (byGroup.get(name) ?? []).sort((a, b) => collator.compare(displayName(a), displayName(b))),
  }));
}
