/**
 * The machine's limits that decide whether N chats fit at all, checked before anything starts so
 * that a run too big for the machine says so instead of failing somewhere in the middle:
 * - open files (`ulimit -n`, the same for every child): the target holds one per connection, a
 *   generator one per connection of its share, each plus its own files;
 * - ephemeral ports: every connection to the target's one port takes one local port from
 *   ip_local_port_range (Linux reuses a port for another destination, so the two targets,
 *   on different ports, do not add up).
 */
import { readFileSync } from 'node:fs';

/** Files a Node process has open besides its connections (runtime, SQLite, pipes, the listener). */
const OWN_FILES = 200;

export interface MachineLimits {
  openFiles: number | null;
  ephemeralPorts: { first: number; last: number } | null;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // not Linux: nothing to check against
  }
}

export function machineLimits(): MachineLimits {
  const limits = read('/proc/self/limits');
  const files = limits ? /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1] : undefined;
  const range = read('/proc/sys/net/ipv4/ip_local_port_range')?.trim().split(/\s+/).map(Number);
  return {
    openFiles: files === undefined ? null : files === 'unlimited' ? Infinity : Number(files),
    ephemeralPorts:
      range && range.length === 2 && range.every(Number.isInteger)
        ? { first: range[0] ?? 0, last: range[1] ?? 0 }
        : null,
  };
}

/** Why `connections` connections (the largest share: `perGenerator`) do not fit, or null when they do. */
export function doesNotFit(limits: MachineLimits, connections: number, perGenerator: number): string | null {
  if (limits.openFiles !== null && connections + OWN_FILES > limits.openFiles) {
    return (
      `${connections} connections need about ${connections + OWN_FILES} open files in the server process; ` +
      `the limit (ulimit -n) is ${limits.openFiles}`
    );
  }
  if (limits.openFiles !== null && perGenerator + OWN_FILES > limits.openFiles) {
    return `a generator's ${perGenerator} connections exceed the open-file limit ${limits.openFiles}: add --generators`;
  }
  const ports = limits.ephemeralPorts;
  if (ports && connections > ports.last - ports.first + 1 - OWN_FILES) {
    return (
      `${connections} connections need as many local ports; ip_local_port_range ` +
      `${ports.first}-${ports.last} has ${ports.last - ports.first + 1}`
    );
  }
  return null;
}
