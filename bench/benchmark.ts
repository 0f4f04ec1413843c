/** What `run.ts` needs from each benchmark in this folder. */
import type { Deadline } from './deadline.ts';

export interface BenchOptions {
  /** Customer/agent socket pairs (N). */
  pairs: number;
  /** Messages per pair and direction (M). */
  messages: number;
  /** Unacknowledged messages each sender may have in flight. */
  window: number;
  /** Measured page loads per browser figure (click-to-ready, gadget first paint); the median is reported. */
  runs: number;
  /** A smoke run with small numbers: its results go to `<name>.quick.json`. */
  quick: boolean;
}

export interface BenchReport {
  /** Printed as is. */
  table: string;
  /** Written to `bench/results/<name>.json`. */
  json: Record<string, unknown>;
  /**
   * Lost, duplicated or misrouted messages, failed acks, a bundle over its budget: any entry makes the
   * run exit non-zero.
   */
  failures: string[];
}

export interface Benchmark {
  name: string;
  run(options: BenchOptions, deadline: Deadline): Promise<BenchReport>;
}
