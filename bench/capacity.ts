/**
 * Capacity benchmark: N concurrent chats held by ONE chat server process, and what holding them
 * costs — setup time, delivery latency at a steady chat pace (each side sends every 10 s), the
 * server's CPU and event-loop delay, memory per socket, open files — beside a bare socket.io
 * relay under the same load generators in the same run.
 *
 * The server, the bare relay and the load generators each run in their own processes
 * (bench/capacity/*Process.ts), so the server's figures are its own; the generators' CPU is
 * reported beside them, since on a small machine they compete for the same cores.
 * N chats are 2·N sockets over N connections (bench/capacity/connections.ts): a process cannot
 * hold 2·N connections under the machine's 20,000 open files.
 *
 * Only counts fail the run: chats not set up, lost, duplicated or misrouted messages, disconnects.
 * The timing targets are printed as met or not met.
 */
import { randomBytes } from 'node:crypto';
import type { Benchmark, BenchReport } from './benchmark.ts';
import { doesNotFit, machineLimits } from './capacity/limits.ts';
import type { CapacityOptions } from './capacity/protocol.ts';
import { capacityTable, summaryJson, TARGETS } from './capacity/report.ts';
import { runTarget, shares } from './capacity/runTarget.ts';
import { summarizeRun } from './capacity/summary.ts';

export function capacityBenchmark(settings: CapacityOptions): Benchmark {
  return {
    name: 'capacity',
    async run(_options, deadline): Promise<BenchReport> {
      const { chats, generators, durationS, intervalS } = settings;
      const limits = machineLimits();
      const tooMany = doesNotFit(limits, chats, Math.max(...shares(chats, generators)));
      if (tooMany) throw new Error(`[bench] capacity: ${tooMany}`);
      // Generators sign agent tokens with the server's own secret: the Finesse login is not measured.
      const tokenSecret = randomBytes(32).toString('base64url');
      // The baseline first; each target gets fresh processes, so neither inherits the other's heap.
      const baseline = summarizeRun(await runTarget('baseline', settings, tokenSecret, deadline), chats);
      const hybrid = summarizeRun(await runTarget('hybrid', settings, tokenSecret, deadline), chats);
      const failures = [...baseline.problems, ...hybrid.problems];

      const ports = limits.ephemeralPorts;
      const heading =
        `capacity: ${chats} chats on one server process; ${chats} connections, each with one customer and one ` +
        `agent socket of two different chats; ${generators} generator processes; each side sends every ` +
        `${intervalS} s for ${durationS} s (first send at random within the first ${intervalS} s)\n` +
        `open files limit ${limits.openFiles ?? 'unknown'}, ephemeral ports ` +
        `${ports ? `${ports.first}-${ports.last}` : 'unknown'}; memory after a full GC; ` +
        `loop delay beyond the 10 ms sampling timer`;
      return {
        table: `${heading}\n\n${capacityTable(baseline, hybrid)}`,
        failures,
        json: {
          ...settings,
          limits: { openFiles: limits.openFiles, ephemeralPorts: ports },
          targets: TARGETS,
          baseline: summaryJson(baseline),
          hybridChat: summaryJson(hybrid),
          ok: failures.length === 0,
        },
      };
    },
  };
}
