/**
 * Presence (RFC 6121 sections 4.7.2.1 `show`, 4.7.2.2 `status`, 4.7.2.3 `priority`) per resource,
 * and the one state a contact is shown with, combined over their signed-in resources (a user may
 * be signed in on the desktop and on a phone at once). No network here.
 */

/** What the desktop shows and lets an agent choose. */
export type Availability = 'available' | 'away' | 'dnd' | 'offline';

/** RFC 6121 `show` values; absent `show` is plain available. */
export type Show = 'chat' | 'away' | 'xa' | 'dnd';

export interface ResourcePresence {
  readonly resource: string;
  readonly show?: Show | undefined;
  readonly status?: string | undefined;
  /** -128…127; a negative priority still shows the resource as present. */
  readonly priority: number;
}

export interface CombinedPresence {
  readonly availability: Availability;
  /** The status text of the resource the availability came from. */
  readonly status?: string | undefined;
  /** That resource, when any is signed in. */
  readonly resource?: string | undefined;
}

export const OFFLINE: CombinedPresence = { availability: 'offline' };

export function availabilityOf(show: Show | undefined): Exclude<Availability, 'offline'> {
  if (show === 'dnd') return 'dnd';
  if (show === 'away' || show === 'xa') return 'away';
  return 'available';
}

/** The `show` to send for a chosen availability (none for plain available). */
export function showFor(availability: Exclude<Availability, 'offline'>): Show | undefined {
  return availability === 'available' ? undefined : availability;
}

/**
 * Do Not Disturb set on any resource wins (the user asked not to be disturbed, wherever); otherwise
 * the most available resource counts (available before away), then the higher priority, then
 * the resource name, so that the result does not depend on arrival order.
 */
const RANK: Readonly<Record<Exclude<Availability, 'offline'>, number>> = { dnd: 3, available: 2, away: 1 };

export function combinePresence(resources: Iterable<ResourcePresence>): CombinedPresence {
  let best: ResourcePresence | undefined;
  for (const candidate of resources) {
    if (!best || better(candidate, best)) best = candidate;
  }
  if (!best) return OFFLINE;
  return { availability: availabilityOf(best.show), status: best.status, resource: best.resource };
}

function better(a: ResourcePresence, b: ResourcePresence): boolean {
  const rank = RANK[availabilityOf(a.show)] - RANK[availabilityOf(b.show)];
  if (rank !== 0) return rank > 0;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.resource < b.resource;
}

/** Per bare JID, the resources currently signed in. */
export type PresenceTable = ReadonlyMap<string, ReadonlyMap<string, ResourcePresence>>;

/** The table after an available presence of `jid`/`presence.resource`. */
export function resourceAvailable(
  table: PresenceTable,
  jid: string,
  presence: ResourcePresence,
): PresenceTable {
  const resources = new Map(table.get(jid)).set(presence.resource, presence);
  return new Map(table).set(jid, resources);
}

/** The table after an unavailable presence; a bare-JID unavailable (no resource) clears them all. */
export function resourceUnavailable(
  table: PresenceTable,
  jid: string,
  resource: string | undefined,
): PresenceTable {
  const current = table.get(jid);
  if (!current) return table;
  const next = new Map(table);
  if (resource === undefined) {
    next.delete(jid);
    return next;
  }
  if (!current.has(resource)) return table;
  const resources = new Map(current);
  resources.delete(resource);
  if (resources.size === 0) next.delete(jid);
  else next.set(jid, resources);
  return next;
}

export function presenceOf(table: PresenceTable, jid: string): CombinedPresence {
  return combinePresence(table.get(jid)?.values() ?? []);
}
