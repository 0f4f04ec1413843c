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

export type HostKind = 'chat' | 'finesse';

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

/**
 * `chat` lists chat servers by their internal host:port (a left-hand side) or by the external
 * host:port they share (a right-hand side, meaning all of its servers). Every one must be in the
 * map, and a group must not mix chat servers with other hosts: they need different proxy rules.
 */
export function planProxyHosts(map: ProxyMap, chat: readonly string[]): ProxyHostGroup[] {
  const internals = new Set(map.entries.map((entry) => formatHostPort(entry.internal)));
  const externals = new Set(map.entries.map((entry) => formatHostPort(entry.external)));
  const chatInternal = new Set<string>();
  for (const value of chat) {
    const key = normalised(value, '--chat');
    if (internals.has(key)) chatInternal.add(key);
    else if (externals.has(key)) {
      for (const entry of map.entries) {
        if (formatHostPort(entry.external) === key) chatInternal.add(formatHostPort(entry.internal));
      }
    } else throw usageError(`--chat ${value}: neither side of any line in the map`);
  }

  return groupByExternal(map).map((members) => {
    const chats = members.filter((entry) => chatInternal.has(formatHostPort(entry.internal)));
    if (chats.length > 0 && chats.length < members.length) {
      const others = members.filter((entry) => !chats.includes(entry));
      throw usageError(
        `${formatHostPort(members[0].external)} mixes chat servers (${chats.map(lineOf).join(', ')}) ` +
          `with other hosts (${others.map(lineOf).join(', ')}); give all of them to --chat or none`,
      );
    }
    return { kind: chats.length > 0 ? 'chat' : 'finesse', external: members[0].external, members };
  });
}

function lineOf(entry: ProxyMapEntry): string {
  return `${formatHostPort(entry.internal)} line ${entry.line}`;
}
