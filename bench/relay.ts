/**
 * Relay benchmark: how much the chat server's work per message (validation, the ownership
 * check, the SQLite transaction that gives the message its seq, the fan-out to both sides)
 * costs against a bare socket.io relay, with the same N pairs, M messages, WINDOW and client
 * code. Each relay gets a warm-up round (a few messages per pair, not in the figures) and then
 * the measured round. Only counts decide the outcome: figures are reported, never asserted.
 *
 * With N x 2 x WINDOW messages in flight, latency is mostly queueing (about in-flight count /
 * throughput, Little's law); for the cost of one message alone run BENCH_PAIRS=1 BENCH_WINDOW=1.
 */
import type { Benchmark, BenchOptions, BenchReport } from './benchmark.ts';
import { withTimeout, type Deadline } from './deadline.ts';
import { startBaselineRelay } from './relay/baselineRelay.ts';
import { startHybridChatRelay } from './relay/hybridChatRelay.ts';
import type { StartRelayTarget } from './relay/relayTarget.ts';
import { driveTraffic, type TrafficResult } from './relay/traffic.ts';
import { round3, summarize, type LatencySummary } from './stats.ts';
import { formatTable } from './table.ts';

const WARMUP_MESSAGES = 5;
/** Per connection and per setup ack. Generous: the server's setup cost grows faster than N. */
const SETUP_STEP_TIMEOUT_MS = 30_000;
/** Shutdown has its own allowance: it must run even when a stuck round used up the budget. */
const SHUTDOWN_TIMEOUT_MS = 5000;

interface RelayResult {
  name: string;
  delivered: number;
  expected: number;
  /** Connecting N pairs (and, for the chat server, queueing and accepting N chats): not in the figures. */
  setupMs: number;
  throughput: number;
  elapsedMs: number;
  delivery: LatencySummary;
  ack: LatencySummary;
  cpuUsPerMessage: number;
  gc: { count: number; ms: number };
  echoes: number;
  problems: string[];
}

/** Everything that went wrong in a round, in words; empty when every message arrived exactly once. */
function problemsOf(name: string, round: string, result: TrafficResult): string[] {
  const problems: string[] = [];
  const add = (count: number, what: string) => {
    if (count > 0) problems.push(`${name} ${round}: ${count} ${what}`);
  };
  add(result.missing, `of ${result.expected} messages never reached the peer`);
  add(result.duplicates, 'duplicate deliveries');
  add(result.misrouted, 'messages delivered in the wrong chat');
  add(result.unexpected, 'messages nobody sent in this round');
  add(result.ackFailures, `failed acks (first: ${result.firstAckError ?? 'unknown'})`);
  if (result.timedOut) problems.push(`${name} ${round}: round timed out`);
  return problems;
}

async function measure(
  name: string,
  start: StartRelayTarget,
  options: BenchOptions,
  deadline: Deadline,
): Promise<RelayResult> {
  const setupStartedAt = performance.now();
  const starting = start(options.pairs, SETUP_STEP_TIMEOUT_MS);
  const target = await deadline.race(starting, `${name}: setup`).catch((error: unknown) => {
    // A setup that outlives the budget still ends (its sockets time out); stop what it started then.
    void starting.then((late) => late.close()).catch(() => undefined);
    throw error;
  });
  const setupMs = performance.now() - setupStartedAt;
  try {
    const warmup = await driveTraffic(target.pairs, {
      label: 'w',
      messages: Math.min(WARMUP_MESSAGES, options.messages),
      window: options.window,
      timeoutMs: deadline.remainingMs(),
    });
    // Start the measured round from a clean heap when the process allows it (--expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const run = await driveTraffic(target.pairs, {
      label: 'm',
      messages: options.messages,
      window: options.window,
      timeoutMs: deadline.remainingMs(),
    });
    return {
      name,
      delivered: run.delivered,
      expected: run.expected,
      setupMs,
      throughput: run.elapsedMs > 0 ? (run.delivered / run.elapsedMs) * 1000 : 0,
      elapsedMs: run.elapsedMs,
      delivery: summarize(run.deliveryMs),
      ack: summarize(run.ackMs),
      cpuUsPerMessage: run.delivered > 0 ? (run.cpuMs * 1000) / run.delivered : Number.NaN,
      gc: run.gc,
      echoes: run.echoes,
      problems: [...problemsOf(name, 'warm-up', warmup), ...problemsOf(name, 'run', run)],
    };
  } finally {
    await withTimeout(target.close(), SHUTDOWN_TIMEOUT_MS, `${name}: shutdown`);
  }
}

const fixed = (digits: number) => (value: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ms = fixed(2);
const whole = fixed(0);
const ratio = (hybrid: number, baseline: number) =>
  Number.isFinite(hybrid / baseline) && baseline > 0 ? `${(hybrid / baseline).toFixed(2)}x` : '';

/** Rows with a ratio compare like with like; the others are context (setup, GC, counts). */
function table(baseline: RelayResult, hybrid: RelayResult): string {
  type Pick = (result: RelayResult) => number;
  const compared = (label: string, pick: Pick, format = ms) => [
    label,
    format(pick(baseline)),
    format(pick(hybrid)),
    ratio(pick(hybrid), pick(baseline)),
  ];
  const context = (label: string, pick: Pick, format = whole) => [
    label,
    format(pick(baseline)),
    format(pick(hybrid)),
  ];
  const outcome = (result: RelayResult) => (result.problems.length === 0 ? 'none' : 'YES');
  const delivered = (result: RelayResult) => `${result.delivered}/${result.expected}`;
  return formatTable(
    ['', baseline.name, hybrid.name, `${hybrid.name}/${baseline.name}`],
    [
      ['messages delivered', delivered(baseline), delivered(hybrid)],
      compared('throughput (msg/s)', (r) => r.throughput, whole),
      compared('delivery p50 (ms)', (r) => r.delivery.p50),
      compared('delivery p95 (ms)', (r) => r.delivery.p95),
      compared('delivery p99 (ms)', (r) => r.delivery.p99),
      compared('delivery max (ms)', (r) => r.delivery.max),
      compared('ack p50 (ms)', (r) => r.ack.p50),
      compared('ack p99 (ms)', (r) => r.ack.p99),
      compared('CPU per message (µs)', (r) => r.cpuUsPerMessage, whole),
      context('send phase (ms)', (r) => r.elapsedMs),
      context('setup, not measured (ms)', (r) => r.setupMs),
      context('GC pauses (ms)', (r) => r.gc.ms, fixed(1)),
      context('GC pauses (count)', (r) => r.gc.count),
      context('echoes to sender', (r) => r.echoes),
      ['missing/duplicate/failed', outcome(baseline), outcome(hybrid)],
    ],
  );
}

const summaryJson = (summary: LatencySummary) => ({
  count: summary.count,
  mean: round3(summary.mean),
  p50: round3(summary.p50),
  p95: round3(summary.p95),
  p99: round3(summary.p99),
  max: round3(summary.max),
});

function resultJson(result: RelayResult) {
  return {
    delivered: result.delivered,
    expected: result.expected,
    setupMs: round3(result.setupMs),
    throughputPerS: Math.round(result.throughput),
    elapsedMs: round3(result.elapsedMs),
    deliveryMs: summaryJson(result.delivery),
    ackMs: summaryJson(result.ack),
    cpuUsPerMessage: round3(result.cpuUsPerMessage),
    gc: { count: result.gc.count, ms: round3(result.gc.ms) },
    echoes: result.echoes,
    problems: result.problems,
  };
}

export const relayBenchmark: Benchmark = {
  name: 'relay',
  async run(options, deadline): Promise<BenchReport> {
    // The baseline runs first; each relay has its own warm-up, so neither inherits a cold JIT.
    const baseline = await measure('baseline', startBaselineRelay, options, deadline);
    const hybrid = await measure('hybrid-chat', startHybridChatRelay, options, deadline);
    const failures = [...baseline.problems, ...hybrid.problems];
    const heading =
      `relay: ${options.pairs} customer/agent pairs x ${options.messages} messages each way, ` +
      `window ${options.window}, warm-up ${Math.min(WARMUP_MESSAGES, options.messages)} (excluded)`;
    return {
      table: `${heading}\n\n${table(baseline, hybrid)}`,
      failures,
      json: {
        pairs: options.pairs,
        messagesPerDirection: options.messages,
        window: options.window,
        warmupMessagesPerDirection: Math.min(WARMUP_MESSAGES, options.messages),
        baseline: resultJson(baseline),
        hybridChat: resultJson(hybrid),
        ratio: {
          throughput: round3(hybrid.throughput / baseline.throughput),
          deliveryP50: round3(hybrid.delivery.p50 / baseline.delivery.p50),
          deliveryP99: round3(hybrid.delivery.p99 / baseline.delivery.p99),
          ackP50: round3(hybrid.ack.p50 / baseline.ack.p50),
          ackP99: round3(hybrid.ack.p99 / baseline.ack.p99),
          cpuPerMessage: round3(hybrid.cpuUsPerMessage / baseline.cpuUsPerMessage),
        },
        ok: failures.length === 0,
      },
    };
  },
};
