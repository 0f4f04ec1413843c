/**
 * Benchmark options from the environment and the command line (the command line wins):
 * BENCH_PAIRS / --pairs=N, BENCH_MESSAGES / --messages=M, BENCH_WINDOW / --window=W,
 * BENCH_RUNS / --runs=R (browser page loads per figure), BENCH_TIMEOUT_S / --timeout=S,
 * BENCH_ONLY / --only=relay,widget (a subset of the benchmarks), and --quick for a smoke run.
 * Capacity (bench/capacity.ts): BENCH_CHATS / --chats, BENCH_DURATION_S / --duration,
 * BENCH_GENERATORS / --generators, BENCH_INTERVAL_S / --interval, BENCH_SETUP_TIMEOUT_S / --setup-timeout.
 */
import type { BenchOptions } from './benchmark.ts';
import type { CapacityOptions } from './capacity/protocol.ts';

export interface RunOptions extends BenchOptions {
  /** The whole run's budget: past it, the run stops with an error. */
  timeoutMs: number;
  /** Names of the benchmarks to run; empty for all of them. */
  only: string[];
  capacity: CapacityOptions;
}

const DEFAULTS = { pairs: 50, messages: 200, window: 10, runs: 7, timeoutS: 180 };
const QUICK = { pairs: 5, messages: 20, window: 5, runs: 1, timeoutS: 60 };
/** Quick: a smoke run of about 40 s that still catches a lost message or a failed setup. */
const CAPACITY: CapacityOptions = {
  chats: 10_000,
  durationS: 60,
  generators: 2,
  intervalS: 10,
  setupTimeoutS: 120,
};
const CAPACITY_QUICK: CapacityOptions = {
  chats: 200,
  durationS: 12,
  generators: 2,
  intervalS: 4,
  setupTimeoutS: 20,
};
/** The full cluster benchmark: two sides, each setting up 3,000 chats and sending for 60 s. */
const CLUSTER_BUDGET_S = 480;
/** Per capacity target, beyond its setup and traffic: processes starting, settling, stopping. */
const CAPACITY_OVERHEAD_S = 60;

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>): RunOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z]+(?:-[a-z]+)*)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`[bench] unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = new Set(['quick', 'pairs', 'messages', 'window', 'runs', 'timeout', 'only']);
  const capacityFlags = ['chats', 'duration', 'generators', 'interval', 'setup-timeout'];
  for (const flag of capacityFlags) known.add(flag);
  for (const flag of flags.keys()) if (!known.has(flag)) throw new Error(`[bench] unknown option --${flag}`);

  const quick = flags.get('quick') === 'true' || env['BENCH_QUICK'] === '1';
  const defaults = quick ? QUICK : DEFAULTS;
  const integer = (flag: string, variable: string, fallback: number, max: number) => {
    const raw = flags.get(flag) ?? env[variable];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(`[bench] ${variable} / --${flag} must be an integer from 1 to ${max}, not "${raw}"`);
    }
    return value;
  };
  const only = (flags.get('only') ?? env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const capacityDefaults = quick ? CAPACITY_QUICK : CAPACITY;
  const capacity: CapacityOptions = {
    chats: integer('chats', 'BENCH_CHATS', capacityDefaults.chats, 100_000),
    durationS: integer('duration', 'BENCH_DURATION_S', capacityDefaults.durationS, 24 * 3600),
    generators: integer('generators', 'BENCH_GENERATORS', capacityDefaults.generators, 64),
    intervalS: integer('interval', 'BENCH_INTERVAL_S', capacityDefaults.intervalS, 3600),
    setupTimeoutS: integer(
      'setup-timeout',
      'BENCH_SETUP_TIMEOUT_S',
      capacityDefaults.setupTimeoutS,
      24 * 3600,
    ),
  };
  // Each generator sets up its chats on connections shared by two chats' sockets: at least two each.
  if (capacity.chats < 2 * capacity.generators) {
    throw new Error(`[bench] --chats must be at least twice --generators (${capacity.generators})`);
  }
  // The capacity benchmark's two targets take minutes at full size: the default budget grows with them.
  const capacityS =
    only.length === 0 || only.includes('capacity')
      ? 2 * (capacity.setupTimeoutS + capacity.durationS + CAPACITY_OVERHEAD_S)
      : 0;
  // The cluster benchmark sets up its chats twice (one node, then two), each with its traffic window.
  const clusterS = only.length === 0 || only.includes('cluster') ? (quick ? 60 : CLUSTER_BUDGET_S) : 0;
  return {
    quick,
    pairs: integer('pairs', 'BENCH_PAIRS', defaults.pairs, 5000),
    messages: integer('messages', 'BENCH_MESSAGES', defaults.messages, 1_000_000),
    window: integer('window', 'BENCH_WINDOW', defaults.window, 10_000),
    runs: integer('runs', 'BENCH_RUNS', defaults.runs, 1000),
    timeoutMs:
      integer('timeout', 'BENCH_TIMEOUT_S', defaults.timeoutS + capacityS + clusterS, 24 * 3600) * 1000,
    only,
    capacity,
  };
}
