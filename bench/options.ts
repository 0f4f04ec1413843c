/**
 * Benchmark options from the environment and the command line (the command line wins):
 * BENCH_PAIRS / --pairs=N, BENCH_MESSAGES / --messages=M, BENCH_WINDOW / --window=W,
 * BENCH_RUNS / --runs=R (browser page loads per figure), BENCH_TIMEOUT_S / --timeout=S,
 * BENCH_ONLY / --only=relay,widget (a subset of the benchmarks), and --quick for a smoke run.
 */
import type { BenchOptions } from './benchmark.ts';

export interface RunOptions extends BenchOptions {
  /** The whole run's budget: past it, the run stops with an error. */
  timeoutMs: number;
  /** Names of the benchmarks to run; empty for all of them. */
  only: string[];
}

const DEFAULTS = { pairs: 50, messages: 200, window: 10, runs: 7, timeoutS: 180 };
const QUICK = { pairs: 5, messages: 20, window: 5, runs: 1, timeoutS: 60 };

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>): RunOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`[bench] unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = new Set(['quick', 'pairs', 'messages', 'window', 'runs', 'timeout', 'only']);
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
  return {
    quick,
    pairs: integer('pairs', 'BENCH_PAIRS', defaults.pairs, 5000),
    messages: integer('messages', 'BENCH_MESSAGES', defaults.messages, 1_000_000),
    window: integer('window', 'BENCH_WINDOW', defaults.window, 10_000),
    runs: integer('runs', 'BENCH_RUNS', defaults.runs, 1000),
    timeoutMs: integer('timeout', 'BENCH_TIMEOUT_S', defaults.timeoutS, 24 * 3600) * 1000,
    only: (flags.get('only') ?? env['BENCH_ONLY'] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  };
}
