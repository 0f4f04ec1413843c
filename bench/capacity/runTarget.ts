/**
 * One target (the chat server or the bare relay), phase by phase, each process in its own:
 * start the target → its idle memory → generators set up their chats (one generator after the
 * other: the server pairs any READY agent with the oldest waiting chat, and a chat must get an
 * agent of its own process) → the target's setup figures and memory → the traffic window, all
 * generators at once → everything stopped. Every wait is bounded by the run's deadline; the
 * processes started here are stopped by their handles whatever happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deadline } from '../deadline.ts';
import { forkChild, type Child } from './children.ts';
import type {
  CapacityOptions,
  GeneratorReply,
  GeneratorRequest,
  MemorySnapshot,
  PhaseUsage,
  SetupResult,
  TargetKind,
  TargetReply,
  TargetRequest,
  TrafficResult,
} from './protocol.ts';

/** Forking, loading the server's modules, opening SQLite. */
const START_TIMEOUT_MS = 60_000;
/** One HTTP request, connect, ack or offer during setup. */
const STEP_TIMEOUT_MS = 30_000;
/** Chat setups in flight per generator. */
const SETUP_CONCURRENCY = 100;
/** After the window, how long late deliveries may still arrive before they count as missing. */
const SETTLE_MS = 10_000;
/** A reply's allowance beyond the work it reports on (IPC, a full GC of a large heap). */
const REPLY_MARGIN_MS = 30_000;

export interface TargetRun {
  kind: TargetKind;
  setups: SetupResult[];
  /** Wall time from the first generator's setup command to the last one's result. */
  setupMs: number;
  traffic: TrafficResult[];
  server: {
    idle: MemorySnapshot;
    afterSetup: MemorySnapshot;
    setup: PhaseUsage;
    traffic: PhaseUsage | null;
  };
}

type TargetChild = Child<TargetRequest, TargetReply>;
type GeneratorChild = Child<GeneratorRequest, GeneratorReply>;

/** The chats of each generator: as even as possible. */
export function shares(chats: number, generators: number): number[] {
  return Array.from(
    { length: generators },
    (_, index) => Math.floor(chats / generators) + (index < chats % generators ? 1 : 0),
  );
}

export async function runTarget(
  kind: TargetKind,
  options: CapacityOptions,
  tokenSecret: string,
  deadline: Deadline,
): Promise<TargetRun> {
  const within = (ms: number) => Math.min(ms, deadline.remainingMs());
  const started: Array<TargetChild | GeneratorChild> = [];
  // Made and removed here, so that a target that had to be killed leaves nothing behind.
  const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-capacity-'));
  try {
    const target = forkChild<TargetRequest, TargetReply>('targetProcess.ts', `${kind} target`);
    started.push(target);
    target.send({ type: 'start', kind, tokenSecret, dataDir });
    const { url } = await target.next('ready', within(START_TIMEOUT_MS));
    const generators = shares(options.chats, options.generators).map((chats, index) => ({
      chats,
      child: forkChild<GeneratorRequest, GeneratorReply>(
        'generatorProcess.ts',
        `${kind} generator ${index + 1}`,
      ),
    }));
    started.push(...generators.map((generator) => generator.child));
    await Promise.all(generators.map((generator) => generator.child.next('ready', within(START_TIMEOUT_MS))));

    const snapshot = async () => {
      target.send({ type: 'snapshot' });
      return (await target.next('snapshot', within(REPLY_MARGIN_MS))).snapshot;
    };
    const idle = await snapshot();

    target.send({ type: 'phase-start' });
    const setupStartedAt = performance.now();
    const setupBudgetMs = options.setupTimeoutS * 1000;
    const setups: SetupResult[] = [];
    let firstChat = 0;
    for (const generator of generators) {
      const budgetMs = Math.max(0, setupBudgetMs - (performance.now() - setupStartedAt));
      generator.child.send({
        type: 'setup',
        kind,
        url,
        tokenSecret,
        firstChat,
        chats: generator.chats,
        concurrency: SETUP_CONCURRENCY,
        stepTimeoutMs: Math.min(STEP_TIMEOUT_MS, setupBudgetMs),
        budgetMs,
      });
      // The generator gives up one step after its budget (setup.ts), then reports.
      const wait = budgetMs + STEP_TIMEOUT_MS + REPLY_MARGIN_MS;
      setups.push((await generator.child.next('setup-done', within(wait))).result);
      firstChat += generator.chats;
    }
    const setupMs = performance.now() - setupStartedAt;
    target.send({ type: 'phase-end' });
    const setup = (await target.next('phase', within(REPLY_MARGIN_MS))).usage;
    const afterSetup = await snapshot();

    // Whatever could be set up still carries traffic: the figures at that load say why setup stopped.
    const ready = setups.reduce((total, result) => total + result.ready, 0);
    let traffic: TrafficResult[] = [];
    let trafficUsage: PhaseUsage | null = null;
    if (ready > 0) {
      target.send({ type: 'phase-start' });
      for (const { child } of generators) {
        child.send({
          type: 'traffic',
          durationMs: options.durationS * 1000,
          intervalMs: options.intervalS * 1000,
          settleMs: SETTLE_MS,
        });
      }
      const wait = options.durationS * 1000 + SETTLE_MS + REPLY_MARGIN_MS;
      traffic = await Promise.all(
        generators.map(async ({ child }) => (await child.next('traffic-done', within(wait))).result),
      );
      target.send({ type: 'phase-end' });
      trafficUsage = (await target.next('phase', within(REPLY_MARGIN_MS))).usage;
    }
    return {
      kind,
      setups,
      setupMs,
      traffic,
      server: { idle, afterSetup, setup, traffic: trafficUsage },
    };
  } finally {
    // Generators first: the target then closes a server nobody is connected to any more.
    await Promise.all(started.slice(1).map((child) => child.stop()));
    await started[0]?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
