/**
 * The Finesse cluster as the chat server sees it: the publisher (primary) and, when configured,
 * the subscriber (secondary), polled through SystemInfo. The failover table of docs/requirements.md: publisher
 * down → work through the subscriber and keep polling the publisher; publisher back → return to
 * it; both down → halt login and blending until one answers again.
 */
import { createFailoverMonitor, type FailoverMonitor } from '../../sdk/core/failoverMonitor.ts';
import type { FinesseNode } from '../../sdk/core/failover.ts';
import { parseFinesseXml } from '../../sdk/core/finesseXml.ts';

export interface FinesseClusterOptions {
  primaryUrl: string;
  secondaryUrl: string | undefined;
  pollMs: number;
  timeoutMs: number;
  onAvailability(available: boolean): void;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  fetch?: typeof fetch;
}

export interface FinesseCluster {
  /** The node to use now, or null while both are down. */
  activeUrl(): string | null;
  /** Which node that is (`primary`: the publisher), or null while both are down. */
  activeNode(): FinesseNode | null;
  start(): void;
  stop(): void;
}

export function createFinesseCluster(options: FinesseClusterOptions): FinesseCluster {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const urlOf = (node: FinesseNode) => (node === 'primary' ? options.primaryUrl : options.secondaryUrl);

  async function probe(node: FinesseNode, signal: AbortSignal): Promise<boolean> {
    const url = urlOf(node);
    if (!url) return false;
    const response = await fetchImpl(`${url}/finesse/api/SystemInfo`, {
      headers: { Accept: 'application/xml' },
      signal,
    });
    if (!response.ok) return false;
    const info = parseFinesseXml(await response.text())['SystemInfo'] as { status?: unknown } | undefined;
    return info?.status === 'IN_SERVICE';
  }

  const monitor: FailoverMonitor = createFailoverMonitor({
    probe,
    intervalMs: options.pollMs,
    probeTimeoutMs: Math.min(options.pollMs, options.timeoutMs),
  });
  monitor.on('change', ({ state, previous }) => {
    if (state.active !== previous.active) {
      options.log.info(
        { active: state.active, url: state.active ? urlOf(state.active) : null },
        'Finesse node',
      );
    }
    if ((state.active === null) !== (previous.active === null)) options.onAvailability(state.active !== null);
  });
  monitor.on('halt', () => options.log.warn({}, 'no Finesse node answers: agent login and blending halted'));

  return {
    activeUrl() {
      const active = monitor.getState().active;
      return active ? (urlOf(active) ?? null) : null;
    },
    activeNode: () => monitor.getState().active,
    start: () => monitor.start(),
    stop: () => monitor.stop(),
  };
}
