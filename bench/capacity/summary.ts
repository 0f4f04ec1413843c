/**
 * One target's figures from its processes' reports: the generators' shares added up, latency
 * samples merged before taking percentiles (a percentile of percentiles would mean nothing), and
 * what went wrong in words — the only things that fail the run.
 */
import { summarize, type LatencySummary } from '../stats.ts';
import type { MemorySnapshot, PhaseUsage, TargetKind } from './protocol.ts';
import type { TargetRun } from './runTarget.ts';

export interface TrafficSummary {
  sent: number;
  delivered: number;
  missing: number;
  duplicates: number;
  /** Delivered in another chat, or a clientId its generator never sent. */
  misrouted: number;
  echoes: number;
  ackFailures: number;
  firstAckError: string | null;
  delivery: LatencySummary;
  ack: LatencySummary;
}

export interface TargetSummary {
  kind: TargetKind;
  name: string;
  chats: number;
  ready: number;
  failed: number;
  timedOut: boolean;
  /** Why setups failed, each kind with its count, the most frequent first. */
  errors: Array<{ error: string; count: number }>;
  connections: number;
  sockets: number;
  sameConnection: number;
  setupMs: number;
  chatSetup: LatencySummary;
  disconnects: number;
  firstDisconnect: string | null;
  traffic: TrafficSummary | null;
  server: { idle: MemorySnapshot; afterSetup: MemorySnapshot; setup: PhaseUsage; traffic: PhaseUsage | null };
  generators: { setup: PhaseUsage[]; traffic: PhaseUsage[] };
  problems: string[];
}

export const TARGET_NAMES: Record<TargetKind, string> = { baseline: 'bare relay', hybrid: 'hybrid chat' };

const sum = <T>(items: readonly T[], pick: (item: T) => number) =>
  items.reduce((total, item) => total + pick(item), 0);
const merged = (arrays: readonly Float64Array[]) => arrays.flatMap((array) => Array.from(array));

export function summarizeRun(run: TargetRun, chats: number): TargetSummary {
  const name = TARGET_NAMES[run.kind];
  const { setups, traffic } = run;
  const firstOf = (values: Array<string | null>) => values.find((value) => value !== null) ?? null;
  const trafficSummary: TrafficSummary | null =
    traffic.length === 0
      ? null
      : {
          sent: sum(traffic, (t) => t.sent),
          delivered: sum(traffic, (t) => t.delivered),
          missing: sum(traffic, (t) => t.missing),
          duplicates: sum(traffic, (t) => t.duplicates),
          misrouted: sum(traffic, (t) => t.misrouted + t.unexpected),
          echoes: sum(traffic, (t) => t.echoes),
          ackFailures: sum(traffic, (t) => t.ackFailures),
          firstAckError: firstOf(traffic.map((t) => t.firstAckError)),
          delivery: summarize(merged(traffic.map((t) => t.deliveryMs))),
          ack: summarize(merged(traffic.map((t) => t.ackMs))),
        };
  // The traffic report counts from the start of setup; without traffic, setup's own count.
  const disconnects =
    traffic.length > 0 ? sum(traffic, (t) => t.disconnects) : sum(setups, (s) => s.disconnects);
  const summary: TargetSummary = {
    kind: run.kind,
    name,
    chats,
    ready: sum(setups, (s) => s.ready),
    failed: sum(setups, (s) => s.failed),
    timedOut: setups.some((s) => s.timedOut),
    errors: mergeErrors(setups.map((s) => s.errors)),
    connections: sum(setups, (s) => s.connections),
    sockets: sum(setups, (s) => s.sockets),
    sameConnection: sum(setups, (s) => s.sameConnection),
    setupMs: run.setupMs,
    chatSetup: summarize(merged(setups.map((s) => s.chatSetupMs))),
    disconnects,
    firstDisconnect: firstOf(traffic.map((t) => t.firstDisconnect)),
    traffic: trafficSummary,
    server: run.server,
    generators: { setup: setups.map((s) => s.usage), traffic: traffic.map((t) => t.usage) },
    problems: [],
  };
  summary.problems = problemsOf(summary);
  return summary;
}

function mergeErrors(perGenerator: ReadonlyArray<Record<string, number>>): TargetSummary['errors'] {
  const counts = new Map<string, number>();
  for (const errors of perGenerator) {
    for (const [error, count] of Object.entries(errors)) counts.set(error, (counts.get(error) ?? 0) + count);
  }
  return [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count);
}

function problemsOf(summary: TargetSummary): string[] {
  const problems: string[] = [];
  const add = (count: number, what: string) => {
    if (count > 0) problems.push(`${summary.name}: ${count} ${what}`);
  };
  if (summary.ready < summary.chats) {
    // The most frequent kinds; the JSON has them all.
    const why = summary.errors
      .slice(0, 5)
      .map(({ error, count }) => `${count} × ${error}`)
      .join('; ');
    problems.push(
      `${summary.name}: ${summary.chats - summary.ready} of ${summary.chats} chats not set up` +
        `${summary.timedOut ? ' (setup timed out)' : ''}: ${why || 'unknown'}`,
    );
  }
  add(summary.sameConnection, 'chats with both sides on one connection');
  add(summary.disconnects, `socket disconnects (first: ${summary.firstDisconnect ?? 'during setup'})`);
  const traffic = summary.traffic;
  if (traffic) {
    add(traffic.missing, `of ${traffic.sent} messages never reached the peer`);
    add(traffic.duplicates, 'duplicate deliveries');
    add(traffic.misrouted, 'messages delivered in the wrong chat');
  }
  return problems;
}
