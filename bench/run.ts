/**
 * Runs every benchmark in bench/ (`npm run bench`, or `node bench/run.ts --quick` for a smoke
 * run), prints a table per benchmark and writes its figures to bench/results/<name>.json.
 * Exits 1 when a benchmark loses, duplicates or misroutes messages, finds a bundle over its budget
 * or fails, 2 on a hard timeout. The widget and gadget benchmarks load `dist/`: build first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import { join, relative } from 'node:path';
import type { Benchmark } from './benchmark.ts';
import { closeAppsEnvironment } from './apps/browser.ts';
import { capacityBenchmark } from './capacity.ts';
import { clusterBenchmark } from './cluster.ts';
import { desktopChatRosterBenchmark } from './desktopChatRoster.ts';
import { BenchTimeoutError, createDeadline } from './deadline.ts';
import { desktopChatBenchmark } from './desktopChat.ts';
import { desktopChatCatchUpBenchmark } from './desktopChatCatchUp.ts';
import { floodBenchmark } from './flood.ts';
import { parseOptions } from './options.ts';
import { gadgetBenchmark } from './gadget.ts';
import { relayBenchmark } from './relay.ts';
import { widgetBenchmark } from './widget.ts';

const RESULTS_DIR = join(import.meta.dirname, 'results');
/** Time for shutdown after the budget is spent, before the process is stopped outright. */
const HARD_STOP_GRACE_MS = 15_000;
/** Stopping the chat server, the simulator and Chromium the app benchmarks shared. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const benchmarks: Benchmark[] = [
    relayBenchmark,
    capacityBenchmark(options.capacity),
    clusterBenchmark,
    floodBenchmark,
    widgetBenchmark,
    gadgetBenchmark,
    desktopChatBenchmark,
    desktopChatCatchUpBenchmark,
    desktopChatRosterBenchmark,
  ];
  const unknown = options.only.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new Error(`[bench] no benchmark named ${unknown.join(', ')}`);
  const selected = benchmarks.filter(
    (benchmark) => options.only.length === 0 || options.only.includes(benchmark.name),
  );
  const hardStop = setTimeout(() => {
    console.error(`[bench] hard timeout after ${options.timeoutMs / 1000} s: stopping`);
    process.exit(2);
  }, options.timeoutMs + HARD_STOP_GRACE_MS);
  hardStop.unref();

  const deadline = createDeadline(options.timeoutMs);
  const machine = {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    // Other work on the machine moves every figure: keep the load next to them.
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
  console.log(
    `node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), load ${machine.loadAverage1m}` +
      `${options.quick ? ', quick run' : ''}\n`,
  );

  let failed = false;
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const benchmark of selected) {
    const startedAt = performance.now();
    try {
      const report = await benchmark.run(options, deadline);
      console.log(`${report.table}\n`);
      const file = join(RESULTS_DIR, `${benchmark.name}${options.quick ? '.quick' : ''}.json`);
      const json = { benchmark: benchmark.name, date: new Date().toISOString(), ...machine, ...report.json };
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      const took = ((performance.now() - startedAt) / 1000).toFixed(1);
      console.log(`results: ${relative(process.cwd(), file)} (${benchmark.name} took ${took} s)\n`);
      for (const failure of report.failures) console.error(`[bench] FAILED ${failure}`);
      failed ||= report.failures.length > 0;
    } catch (error) {
      // A timeout says all there is to say; anything else gets its stack.
      const detail = error instanceof BenchTimeoutError ? error.message : error;
      console.error(`[bench] ${benchmark.name} did not complete:`, detail);
      failed = true;
    }
  }
  try {
    await closeAppsEnvironment(SHUTDOWN_TIMEOUT_MS);
  } catch (error) {
    console.error('[bench]', error instanceof Error ? error.message : error);
    failed = true;
  }
  return failed ? 1 : 0;
}

const code = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
process.exitCode = code;
// Everything is closed by now; if a stray handle still holds the process, say so and leave.
setTimeout(() => {
  const handles = process.getActiveResourcesInfo().filter((name) => name !== 'Timeout');
  console.error(`[bench] a handle kept the process alive after the run (${handles.join(', ')}); exiting`);
  process.exit(code);
}, 2000).unref();
