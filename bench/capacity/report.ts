/**
 * The capacity table — bare relay and chat server side by side, the ratio where the two measure
 * the same thing, and the chat server's targets (met or not: a figure, never a failure) — and
 * the JSON written to bench/results/capacity.json.
 */
import { round3, type LatencySummary } from '../stats.ts';
import { formatTable } from '../table.ts';
import type { MemorySnapshot, PhaseUsage } from './protocol.ts';
import type { TargetSummary } from './summary.ts';

/** The chat server's goals at N chats on one node. */
export const TARGETS = { deliveryP99Ms: 150, setupS: 30 };

const MB = 1e6;
const fixed = (digits: number) => (value: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ms = fixed(2);
const one = fixed(1);
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-');
const ratio = (hybrid: number, baseline: number) =>
  Number.isFinite(hybrid / baseline) && baseline > 0 ? `${(hybrid / baseline).toFixed(2)}x` : '';
const met = (ok: boolean) => (ok ? 'target met' : 'target NOT met');

const cpuMs = (usage: PhaseUsage) => usage.cpu.userMs + usage.cpu.systemMs;
/** CPU time as a share of one core over the phase's wall time. */
const corePercent = (usage: PhaseUsage | null | undefined) =>
  usage && usage.wallMs > 0 ? (cpuMs(usage) / usage.wallMs) * 100 : Number.NaN;
const setupRate = (summary: TargetSummary) => (summary.ready / summary.setupMs) * 1000;
const perSocket = (summary: TargetSummary, pick: (snapshot: MemorySnapshot) => number) =>
  (pick(summary.server.afterSetup) - pick(summary.server.idle)) / summary.server.afterSetup.sockets;

export function capacityTable(baseline: TargetSummary, hybrid: TargetSummary): string {
  type Pick = (summary: TargetSummary) => number;
  const compared = (label: string, pick: Pick, format = ms, target = '') => [
    label,
    format(pick(baseline)),
    format(pick(hybrid)),
    ratio(pick(hybrid), pick(baseline)),
    target,
  ];
  const text = (label: string, pick: (summary: TargetSummary) => string) => [
    label,
    pick(baseline),
    pick(hybrid),
  ];
  const latency =
    (pick: (summary: TargetSummary) => LatencySummary | undefined, key: keyof LatencySummary) =>
    (summary: TargetSummary) =>
      pick(summary)?.[key] ?? Number.NaN;
  const delivery = (key: keyof LatencySummary) => latency((s) => s.traffic?.delivery, key);
  const ack = (key: keyof LatencySummary) => latency((s) => s.traffic?.ack, key);
  const generatorCpu = (phase: 'setup' | 'traffic') => (summary: TargetSummary) =>
    summary.generators[phase].map((usage) => `${whole(corePercent(usage))}%`).join(' + ') || '-';
  const generatorDelay = (summary: TargetSummary) =>
    Math.max(...summary.generators.traffic.map((usage) => usage.loopDelay.p99));
  const loop = (phase: 'setup' | 'traffic', key: 'p50' | 'p99' | 'max') => (summary: TargetSummary) =>
    summary.server[phase]?.loopDelay[key] ?? Number.NaN;
  const count = (pick: (summary: TargetSummary) => number | undefined) => (summary: TargetSummary) =>
    whole(pick(summary) ?? Number.NaN);
  const traffic = (summary: TargetSummary) => summary.traffic;
  const p99 = hybrid.traffic?.delivery.p99 ?? Number.NaN;

  return formatTable(
    ['', baseline.name, hybrid.name, `${hybrid.name}/${baseline.name}`, 'target'],
    [
      text('chats set up', (s) => `${whole(s.ready)}/${whole(s.chats)}`),
      text('connections / sockets', (s) => `${whole(s.connections)} / ${whole(s.sockets)}`),
      compared(
        'setup, all chats (s)',
        (s) => s.setupMs / 1000,
        one,
        `< ${TARGETS.setupS} s: ${met(hybrid.ready === hybrid.chats && hybrid.setupMs / 1000 < TARGETS.setupS)}`,
      ),
      compared('setup rate (chats/s)', setupRate, whole),
      compared('one chat setup p50 (ms)', (s) => s.chatSetup.p50),
      compared('one chat setup p99 (ms)', (s) => s.chatSetup.p99),
      text('messages delivered/sent', (s) =>
        s.traffic ? `${whole(s.traffic.delivered)}/${whole(s.traffic.sent)}` : '-',
      ),
      text('missing/dup/misrouted', (s) =>
        s.traffic ? `${s.traffic.missing}/${s.traffic.duplicates}/${s.traffic.misrouted}` : '-',
      ),
      text(
        'failed acks',
        count((s) => traffic(s)?.ackFailures),
      ),
      text(
        'disconnects',
        count((s) => s.disconnects),
      ),
      compared('delivery p50 (ms)', delivery('p50')),
      compared('delivery p95 (ms)', delivery('p95')),
      compared(
        'delivery p99 (ms)',
        delivery('p99'),
        ms,
        `< ${TARGETS.deliveryP99Ms} ms: ${met(p99 < TARGETS.deliveryP99Ms)}`,
      ),
      compared('delivery max (ms)', delivery('max')),
      compared('ack p50 (ms)', ack('p50')),
      compared('ack p99 (ms)', ack('p99')),
      compared('server CPU, setup (% core)', (s) => corePercent(s.server.setup), whole),
      compared('server CPU, traffic (% core)', (s) => corePercent(s.server.traffic), whole),
      compared('server CPU, setup (ms)', (s) => cpuMs(s.server.setup), whole),
      compared(
        'server CPU, traffic (ms)',
        (s) => (s.server.traffic ? cpuMs(s.server.traffic) : Number.NaN),
        whole,
      ),
      compared('server loop delay setup p50 (ms)', loop('setup', 'p50')),
      compared('server loop delay setup p99 (ms)', loop('setup', 'p99')),
      compared('server loop delay setup max (ms)', loop('setup', 'max')),
      compared('server loop delay traffic p50 (ms)', loop('traffic', 'p50')),
      compared('server loop delay traffic p99 (ms)', loop('traffic', 'p99')),
      compared('server loop delay traffic max (ms)', loop('traffic', 'max')),
      compared('server RSS idle (MB)', (s) => s.server.idle.rssBytes / MB, one),
      compared('server RSS after setup (MB)', (s) => s.server.afterSetup.rssBytes / MB, one),
      compared('server heap idle (MB)', (s) => s.server.idle.heapUsedBytes / MB, one),
      compared('server heap after setup (MB)', (s) => s.server.afterSetup.heapUsedBytes / MB, one),
      compared('RSS per socket (KB)', (s) => perSocket(s, (m) => m.rssBytes) / 1000, one),
      compared('heap per socket (KB)', (s) => perSocket(s, (m) => m.heapUsedBytes) / 1000, one),
      text(
        'server conns / sockets',
        (s) => `${whole(s.server.afterSetup.connections)} / ${whole(s.server.afterSetup.sockets)}`,
      ),
      text(
        'server open files',
        (s) => `${whole(s.server.idle.fds ?? Number.NaN)} -> ${whole(s.server.afterSetup.fds ?? Number.NaN)}`,
      ),
      text('generator CPU, setup (% core)', generatorCpu('setup')),
      text('generator CPU, traffic (% core)', generatorCpu('traffic')),
      compared('generator loop delay p99 (ms)', generatorDelay),
    ],
  );
}

const latencyJson = (summary: LatencySummary) => ({
  count: summary.count,
  mean: round3(summary.mean),
  p50: round3(summary.p50),
  p95: round3(summary.p95),
  p99: round3(summary.p99),
  max: round3(summary.max),
});

const usageJson = (usage: PhaseUsage | null) =>
  usage && {
    wallMs: round3(usage.wallMs),
    cpuUserMs: round3(usage.cpu.userMs),
    cpuSystemMs: round3(usage.cpu.systemMs),
    corePercent: round3(corePercent(usage)),
    loopDelayMs: {
      p50: round3(usage.loopDelay.p50),
      p99: round3(usage.loopDelay.p99),
      max: round3(usage.loopDelay.max),
    },
  };

export function summaryJson(summary: TargetSummary) {
  const { traffic, server } = summary;
  return {
    chats: summary.chats,
    ready: summary.ready,
    failed: summary.failed,
    timedOut: summary.timedOut,
    errors: summary.errors,
    connections: summary.connections,
    sockets: summary.sockets,
    sameConnection: summary.sameConnection,
    setupMs: round3(summary.setupMs),
    setupRatePerS: round3(setupRate(summary)),
    chatSetupMs: latencyJson(summary.chatSetup),
    disconnects: summary.disconnects,
    traffic: traffic && {
      ...traffic,
      delivery: undefined,
      ack: undefined,
      deliveryMs: latencyJson(traffic.delivery),
      ackMs: latencyJson(traffic.ack),
    },
    server: {
      idle: server.idle,
      afterSetup: server.afterSetup,
      rssPerSocketBytes: Math.round(perSocket(summary, (m) => m.rssBytes)),
      heapPerSocketBytes: Math.round(perSocket(summary, (m) => m.heapUsedBytes)),
      setup: usageJson(server.setup),
      traffic: usageJson(server.traffic),
    },
    generators: {
      setup: summary.generators.setup.map(usageJson),
      traffic: summary.generators.traffic.map(usageJson),
    },
    problems: summary.problems,
  };
}
