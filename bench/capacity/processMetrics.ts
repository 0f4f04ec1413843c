/**
 * A process measuring itself, for the target and generator processes: CPU time and event-loop
 * delay over a phase, and its memory and open files at a point in time.
 */
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PhaseUsage } from './protocol.ts';

/**
 * The histogram records the whole time between two ticks of its timer, so an idle loop reads about
 * the resolution itself; the figures subtract it to show only the delay work caused.
 */
const LOOP_RESOLUTION_MS = 10;

const ms = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS);

export interface Phase {
  end(): PhaseUsage;
}

/** Starts measuring a phase now; `end()` stops it and returns what the phase cost. */
export function startPhase(): Phase {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  histogram.enable();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  return {
    end() {
      const cpu = process.cpuUsage(cpuBefore);
      histogram.disable();
      // A phase shorter than one tick has no samples: report no delay rather than NaN.
      const sampled = histogram.count > 0;
      return {
        wallMs: performance.now() - startedAt,
        cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
        loopDelay: {
          p50: sampled ? ms(histogram.percentile(50)) : 0,
          p99: sampled ? ms(histogram.percentile(99)) : 0,
          max: sampled ? ms(histogram.max) : 0,
        },
      };
    },
  };
}

/** Open file descriptors of this process, or null where /proc does not exist (not Linux). */
export function openFiles(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

/**
 * Memory after a full collection when the process runs with --expose-gc (the target does), so
 * the difference between two snapshots is what stayed alive, not garbage that happened to wait.
 */
export function memoryNow(): { rssBytes: number; heapUsedBytes: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}
