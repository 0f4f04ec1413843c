/**
 * Shared wording of the app benchmarks: sizes against their budgets (a table row, a JSON entry and,
 * over budget, a failure that names the biggest files) and timing samples as median / min / max.
 */
import type { BenchOptions } from '../benchmark.ts';
import { median, round3 } from '../stats.ts';
import { formatTable } from '../table.ts';
import type { BundleSize } from './sizes.ts';

/** 1 KB = 1000 bytes, as Vite prints sizes. */
export const kb = (bytes: number): string => (bytes / 1000).toFixed(1);

export interface Weighed {
  label: string;
  size: BundleSize;
  /** Gzipped budget in bytes; none for baselines and context rows. */
  budget?: number;
}

export const SIZE_HEADER = ['', 'files', 'raw KB', 'gzip KB', 'budget KB', 'within'];

export function sizeRow({ label, size, budget }: Weighed): string[] {
  const within = budget === undefined ? '' : size.gzip <= budget ? 'yes' : 'NO';
  return [
    label,
    String(size.files.length),
    kb(size.raw),
    kb(size.gzip),
    budget === undefined ? '' : kb(budget),
    within,
  ];
}

/** A failure message when `weighed` is over its budget, else null. */
export function overBudget({ label, size, budget }: Weighed): string | null {
  if (budget === undefined || size.gzip <= budget) return null;
  const biggest = [...size.files]
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 3)
    .map((file) => `${file.file} ${kb(file.gzip)} KB`)
    .join(', ');
  return (
    `${label} is ${size.gzip} bytes gzipped, over its ${kb(budget)} KB budget by ` +
    `${size.gzip - budget} bytes (biggest: ${biggest})`
  );
}

export function sizeJson({ size, budget }: Weighed) {
  return {
    rawBytes: size.raw,
    gzipBytes: size.gzip,
    ...(budget === undefined ? {} : { budgetGzipBytes: budget, withinBudget: size.gzip <= budget }),
    files: size.files,
    ...(size.lazy.length > 0 ? { lazyFiles: size.lazy } : {}),
  };
}

export const TIMING_HEADER = ['', 'median ms', 'min ms', 'max ms', 'runs'];

export function timingRow(label: string, samples: readonly number[]): string[] {
  const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '-');
  return [
    label,
    fixed(median(samples)),
    fixed(Math.min(...samples)),
    fixed(Math.max(...samples)),
    String(samples.length),
  ];
}

export function timingJson(samples: readonly number[]) {
  return {
    runs: samples.length,
    medianMs: round3(median(samples)),
    minMs: round3(Math.min(...samples)),
    maxMs: round3(Math.max(...samples)),
    samplesMs: samples.map(round3),
  };
}

/** A failure when a browser figure has fewer samples than runs asked for (or none at all). */
export function missingSamples(label: string, samples: readonly number[], runs: number): string | null {
  const finite = samples.filter(Number.isFinite).length;
  return finite === runs ? null : `${label}: ${finite} of ${runs} runs produced a figure`;
}

/**
 * Page loads before the counted runs, not in the figures (Chromium's and the server's first-use costs);
 * none in a quick run, which only checks that every figure is produced.
 */
export const warmupsOf = (options: BenchOptions): number => (options.quick ? 0 : 1);

/** The note when dist/ is older than the sources: the timings are then of that older build. */
export const STALE_DIST_NOTE =
  'NOTE: dist/ is older than the sources (run npm run build): timings are of dist/';

/** The printed report of an app benchmark: heading, size table, timing table, then the notes. */
export function reportText(
  heading: string,
  sizes: readonly Weighed[],
  timings: readonly (readonly string[])[],
  notes: readonly string[],
): string {
  return [
    heading,
    '',
    formatTable(SIZE_HEADER, sizes.map(sizeRow)),
    '',
    formatTable(TIMING_HEADER, timings),
    '',
    ...notes,
  ].join('\n');
}
