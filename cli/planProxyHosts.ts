/**
 * Turns a proxy-config map into what a reverse proxy serves: one group per external host:port.
 * Map lines whose right-hand sides repeat are one group with several internal servers (a sticky
 * group: the proxy must keep each client on one of them). Which groups are the chat server and which
 * are Finesse (or the other Cisco hosts in the map: IdS, CUIC, IdP) comes from the command line.
 */
import {
  formatHostPort,
  parseHostPort,
  type HostPort,
  type ProxyMap,
  type ProxyMapEntry,
} from '../sdk/core/proxyMap.ts';
import { usageError } from './cliError.ts';

export type HostKind = 'chat' | 'xmpp' | 'finesse';

/** Map lines that share one external host:port, in map order; never empty. */
export type ExternalGroup = readonly [ProxyMapEntry, ...ProxyMapEntry[]];

export interface ProxyHostGroup {
  readonly kind: HostKind;
  readonly external: HostPort;
  /** The map lines behind this external host:port, in map order. */
  readonly members: ExternalGroup;
}

/** Groups by right-hand side, in the order each external host:port first appears in the map. */
export function groupByExternal(map: ProxyMap): ExternalGroup[] {
  const groups = new Map<string, [ProxyMapEntry, ...ProxyMapEntry[]]>();
  for (const entry of map.entries) {
    const key = formatHostPort(entry.external);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
}

function normalised(hostPort: string, option: string): string {
  const parsed = parseHostPort(hostPort.trim());
  if (!parsed.ok) throw usageError(`${option} ${hostPort}: ${parsed.message}`);
  return formatHostPort(parsed.value);
}

const LABELS: Record<HostKind, string> = { chat: 'chat servers', xmpp: 'IM servers', finesse: 'other hosts' };

/** The internal host:ports `values` name (a left-hand side, or a right-hand side meaning all of its lines). */
function internalsNamed(map: ProxyMap, values: readonly string[], option: string): Set<string> {
  const internals = new Set(map.entries.map((entry) => formatHostPort(entry.internal)));
  const externals = new Set(map.entries.map((entry) => formatHostPort(entry.external)));
  const named = new Set<string>();
  for (const value of values) {
    const key = normalised(value, option);
    if (internals.has(key)) named.add(key);
    else if (externals.has(key)) {
      for (const entry of map.entries) {
        if (formatHostPort(entry.external) === key) named.add(formatHostPort(entry.internal));
      }
    } else throw usageError(`${option} ${value}: neither side of any line in the map`);
  }
  return named;
}

/**
 * `chat` lists chat servers and `xmpp` IM servers by their internal host:port (a left-hand side) or
 * by the external host:port they share (a right-hand side, meaning all of its servers). Every one must
 * be in the map, and a group must not mix kinds of host: they need different proxy rules.
 */
export function planProxyHosts(
  map: ProxyMap,
  chat: readonly string[],
  xmpp: readonly string[] = [],
): ProxyHostGroup[] {
  const chats = internalsNamed(map, chat, '--chat');
  const ims = internalsNamed(map, xmpp, '--xmpp');
  const named: ReadonlyArray<readonly [HostKind, Set<string>]> = [
    ['chat', chats],
    ['xmpp', ims],
  ];
  const both = [...chats].find((key) => ims.has(key));
  if (both) throw usageError(`${both} is given to both --chat and --xmpp`);
  const kindOf = (entry: ProxyMapEntry): HostKind =>
    named.find(([, set]) => set.has(formatHostPort(entry.internal)))?.[0] ?? 'finesse';

  return groupByExternal(map).map((members) => {
    const kind = kindOf(members[0]);
    const others = members.filter((entry) => kindOf(entry) !== kind);
    const other = others[0];
    if (other) {
      const same = members.filter((entry) => kindOf(entry) === kind);
      throw usageError(
        `${formatHostPort(members[0].external)} mixes ${LABELS[kind]} (${same.map(lineOf).join(', ')}) ` +
          `with ${LABELS[kindOf(other)]} (${others.map(lineOf).join(', ')}); ` +
          'give all of them to the same option (--chat, --xmpp) or none',
      );
    }
    return { kind, external: members[0].external, members };
  });
}

function lineOf(entry: ProxyMapEntry): string {
  return `${formatHostPort(entry.internal)} line ${entry.line}`;
}
