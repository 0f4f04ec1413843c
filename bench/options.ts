/**
 * Benchmark options from the environment and the command line (the command line wins):
 * BENCH_PAIRS / --pairs=N, BENCH_MESSAGES / --messages=M, BENCH_WINDOW / --window=W,
 * BENCH_TIMEOUT_S / --timeout=S, and --quick for a smoke run of a few seconds.
 */
import type { BenchOptions } from './benchmark.ts';

export interface RunOptions extends BenchOptions {
  /** The whole run's budget: past it, the run stops with an error. */
  timeoutMs: number;
}

const DEFAULTS = { pairs: 50, messages: 200, window: 10, timeoutS: 180 };
const QUICK = { pairs: 5, messages: 20, window: 5, timeoutS: 30 };

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>): RunOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`[bench] unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = new Set(['quick', 'pairs', 'messages', 'window', 'timeout']);
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
    timeoutMs: integer('timeout', 'BENCH_TIMEOUT_S', defaults.timeoutS, 24 * 3600) * 1000,
  };
}
