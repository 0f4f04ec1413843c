/**
 * Flood benchmark: for each abuse limit (README, "Limits"), an attacker that exceeds it while
 * normal chats go on beside it, against the chat server in its own process with its default
 * limits. It reports what each attacker got through and what was refused, and the normal chats'
 * delivery latency during each flood next to a quiet window (the baseline) in the same run.
 * Full runs also send the message flood to a server with the limits lifted, to show what they
 * spare the others. A limit that does not hold, or a normal message refused or lost, fails the run.
 */
import type { Socket } from 'socket.io-client';
import type { ChatMessage, TypingNotice } from '../sdk/core/protocol.ts';
import type { Benchmark, BenchReport } from './benchmark.ts';
import type { Deadline } from './deadline.ts';
import { ATTACKS } from './flood/attacks.ts';
import type { FloodSizes, Outcome } from './flood/attackTools.ts';
import { blast } from './flood/blast.ts';
import { acceptingAgent, startCustomer } from './flood/floodClients.ts';
import { startFloodTarget, type FloodTarget } from './flood/floodTarget.ts';
import { startNormalChats, type NormalChats, type NormalFigures } from './flood/normalChats.ts';
import { round3, summarize } from './stats.ts';
import { formatTable } from './table.ts';
import { LOAD_TEST_LIMITS } from './support/loadLimits.ts';

const NORMAL_CHATS = 10;
const ACCEPTING_AGENTS = 8;
const SIZES: FloodSizes = {
  sessions: 300,
  starts: 500,
  sockets: 600,
  uploads: 40,
  messages: 20_000,
  typing: 20_000,
  receipts: 20_000,
  transcripts: 30,
  signIns: 60,
};
const QUICK_SIZES: FloodSizes = {
  sessions: 60,
  starts: 100,
  sockets: 60,
  uploads: 22,
  messages: 2_000,
  typing: 2_000,
  receipts: 2_000,
  transcripts: 5,
  signIns: 30,
};
/**
 * Every window lasts at least this long, so the normal chats give enough samples (the quick run, part
 * of `npm test`, checks that the benchmark works: about 20 samples a window are enough for that).
 */
const MIN_WINDOW_MS = { full: 6000, quick: 1000 };

interface Row {
  scenario: string;
  limit: string;
  outcome: Outcome | null;
  normal: NormalFigures;
  serverRefusals: Record<string, number>;
}

async function window<T>(normal: NormalChats, minMs: number, flood: () => Promise<T>) {
  return normal.during(async () => {
    const startedAt = performance.now();
    const result = await flood();
    const left = minMs - (performance.now() - startedAt);
    if (left > 0) await new Promise((done) => setTimeout(done, left));
    return result;
  });
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [name, count] of Object.entries(after)) {
    const grew = count - (before[name] ?? 0);
    if (grew > 0) changed[name] = grew;
  }
  return changed;
}

/** A server, its normal chats, and agents that accept every other chat. */
async function stage(env: Record<string, string>) {
  const target = await startFloodTarget(env);
  const agents: Socket[] = [];
  let normal: NormalChats | undefined;
  const seen = new Map<string, { typing: number; messages: number }>();
  const tally = (chatId: string) => {
    const counts = seen.get(chatId) ?? { typing: 0, messages: 0 };
    seen.set(chatId, counts);
    return counts;
  };
  const close = async () => {
    for (const agent of agents) agent.close();
    await normal?.close();
    await target.close();
  };
  try {
    const tokens = Array.from({ length: NORMAL_CHATS }, (_, index) =>
      target.agentToken(`normal-${index + 1}`),
    );
    normal = await startNormalChats({ url: target.url, agentTokens: tokens });
    return {
      target,
      normal,
      seen: (chatId: string) => ({ ...tally(chatId) }),
      async startAcceptingAgents() {
        for (let index = 0; index < ACCEPTING_AGENTS; index++) {
          const agent = await acceptingAgent(target, `accepting-${index + 1}`);
          agent.on('chat:typing', (notice: TypingNotice) => (tally(notice.chatId).typing += 1));
          agent.on('chat:message', (message: ChatMessage) => (tally(message.chatId).messages += 1));
          agents.push(agent);
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function limitedRun(sizes: FloodSizes, minMs: number, deadline: Deadline): Promise<Row[]> {
  const run = await stage({});
  const rows: Row[] = [];
  let ip = 0;
  const context = {
    target: run.target as FloodTarget,
    sizes,
    nextIp: () => `203.0.113.${(ip++ % 250) + 1}`,
    seen: run.seen,
  };
  try {
    const quiet = await window(run.normal, minMs, async () => null);
    rows.push({
      scenario: 'quiet (baseline)',
      limit: '',
      outcome: null,
      normal: quiet.normal,
      serverRefusals: {},
    });
    let agentsStarted = false;
    for (const attack of ATTACKS) {
      if (attack.needsAgents && !agentsStarted) {
        await run.startAcceptingAgents();
        agentsStarted = true;
      }
      const before = await run.target.refused();
      const { result, normal } = await deadline.race(
        window(run.normal, minMs, () => attack.run(context)),
        `flood: ${attack.name}`,
      );
      const serverRefusals = delta(await run.target.refused(), before);
      rows.push({ scenario: attack.name, limit: attack.limit, outcome: result, normal, serverRefusals });
    }
  } finally {
    await run.close();
  }
  return rows;
}

/** The message flood against a server with the limits lifted: what the normal chats suffer then. */
async function unlimitedRun(sizes: FloodSizes, minMs: number): Promise<Row> {
  const run = await stage({ ...LOAD_TEST_LIMITS });
  try {
    await run.startAcceptingAgents();
    const customer = await startCustomer(run.target.url, '203.0.113.254', 'Flooder');
    if (!(await customer.active)) throw new Error('[bench] the unlimited attacker chat never became active');
    const { result, normal } = await window(run.normal, minMs, () =>
      blast(customer.socket, 'message:send', sizes.messages, () => ({
        chatId: customer.chatId,
        clientId: crypto.randomUUID(),
        text: 'spam spam spam',
      })),
    );
    customer.socket.close();
    const outcome: Outcome = {
      attempts: result.sent,
      accepted: result.ok,
      refused: result.sent - result.ok,
      cutOff: result.cutOff,
      detail: 'limits lifted: every message stored',
      problems: [],
    };
    return { scenario: 'message:send, limits lifted', limit: 'none', outcome, normal, serverRefusals: {} };
  } finally {
    await run.close();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');

function report(rows: Row[], quick: boolean): BenchReport {
  const failures: string[] = [];
  const table = formatTable(
    [
      'scenario',
      'tried',
      'got through',
      'refused',
      'cut off',
      'normal p50 (ms)',
      'normal p99 (ms)',
      'normal sent/refused/lost',
    ],
    rows.map((row) => {
      const latency = summarize(row.normal.deliveryMs);
      if (row.outcome) failures.push(...row.outcome.problems);
      if (row.normal.refused > 0 || row.normal.missing > 0)
        failures.push(
          `${row.scenario}: normal chats had ${row.normal.refused} refused and ${row.normal.missing} lost`,
        );
      return [
        row.scenario,
        row.outcome ? row.outcome.attempts.toLocaleString('en') : '',
        row.outcome ? row.outcome.accepted.toLocaleString('en') : '',
        row.outcome ? row.outcome.refused.toLocaleString('en') : '',
        row.outcome?.cutOff === null || !row.outcome ? '' : row.outcome.cutOff ? 'yes' : 'no',
        ms(latency.p50),
        ms(latency.p99),
        `${row.normal.sent}/${row.normal.refused}/${row.normal.missing}`,
      ];
    }),
  );
  const details = rows
    .filter((row) => row.outcome)
    .map((row) => {
      const counted = Object.entries(row.serverRefusals).map(([name, count]) => `${name} ${count}`);
      return `${row.scenario} (limit: ${row.limit}): ${row.outcome?.detail}; /health refused: ${counted.join(', ') || 'none'}`;
    });
  const header =
    `flood: ${NORMAL_CHATS} normal chats (each side one message a second, in their own thread) beside one ` +
    `attacker at a time; chat server in its own process with default limits${quick ? ', quick run' : ''}`;
  return {
    table: `${header}\n\n${table}\n\n${details.join('\n')}`,
    json: {
      normalChats: NORMAL_CHATS,
      rows: rows.map((row) => {
        const latency = summarize(row.normal.deliveryMs);
        return {
          scenario: row.scenario,
          limit: row.limit,
          outcome: row.outcome && { ...row.outcome, problems: undefined },
          serverRefusals: row.serverRefusals,
          normal: {
            sent: row.normal.sent,
            refused: row.normal.refused,
            lost: row.normal.missing,
            p50: round3(latency.p50),
            p99: round3(latency.p99),
            max: round3(latency.max),
          },
        };
      }),
    },
    failures,
  };
}

export const floodBenchmark: Benchmark = {
  name: 'flood',
  async run(options, deadline) {
    const sizes = options.quick ? QUICK_SIZES : SIZES;
    const minMs = options.quick ? MIN_WINDOW_MS.quick : MIN_WINDOW_MS.full;
    const rows = await limitedRun(sizes, minMs, deadline);
    if (!options.quick) rows.push(await unlimitedRun(sizes, minMs));
    return report(rows, options.quick);
  },
};
