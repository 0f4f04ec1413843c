/**
 * Entry of a load generator process (forked by bench/capacity/children.ts). It owns a share of the
 * chats, both sides of each, so a delivery is timed on one clock; it sets them up, drives the
 * traffic window and reports its results and its own CPU use, then exits when told to or when the
 * parent goes away.
 */
import { createConnections, type Connections } from './connections.ts';
import { startPhase } from './processMetrics.ts';
import type { GeneratorReply, GeneratorRequest, SetupCommand, TrafficCommand } from './protocol.ts';
import { setUpChats, type Endpoint } from './setup.ts';
import { driveWindow, type ChatPair } from './traffic.ts';

/** Keep-alive connections for the customers' session requests (their setups wait their turn). */
const HTTP_CONNECTIONS = 16;

let connections: Connections | null = null;
let pairs: ChatPair[] = [];
let tag = 'g';

const reply = (message: GeneratorReply) => process.send?.(message);

/** The two sides of each chat, matched by chat id (the server chose which agent took which chat). */
function pairUp(customers: readonly Endpoint[], agents: readonly Endpoint[]): ChatPair[] {
  const agentByChat = new Map(agents.map((agent) => [agent.chatId, agent]));
  return customers.flatMap((customer) => {
    const agent = agentByChat.get(customer.chatId);
    return agent ? [{ customer, agent }] : [];
  });
}

async function setUp(command: SetupCommand): Promise<void> {
  const phase = startPhase();
  const startedAt = performance.now();
  tag = `g${command.firstChat}`;
  connections = createConnections(command.url, command.stepTimeoutMs, HTTP_CONNECTIONS);
  const outcome = await setUpChats(command, connections);
  pairs = pairUp(outcome.customers, outcome.agents);
  reply({
    type: 'setup-done',
    result: {
      requested: command.chats,
      ready: pairs.length,
      failed: outcome.failed,
      errors: Object.fromEntries(outcome.errors),
      timedOut: outcome.timedOut,
      elapsedMs: performance.now() - startedAt,
      ...connections.counts(),
      sameConnection: pairs.filter((pair) => pair.customer.slot === pair.agent.slot).length,
      disconnects: connections.disconnects().count,
      chatSetupMs: Float64Array.from(outcome.chatSetupMs),
      usage: phase.end(),
    },
  });
}

async function drive(command: TrafficCommand): Promise<void> {
  const phase = startPhase();
  const window = await driveWindow(pairs, command, tag);
  const disconnects = connections?.disconnects() ?? { count: 0, first: null };
  reply({
    type: 'traffic-done',
    result: {
      ...window,
      missing: window.sent - window.delivered,
      disconnects: disconnects.count,
      firstDisconnect: disconnects.first,
      deliveryMs: Float64Array.from(window.deliveryMs),
      ackMs: Float64Array.from(window.ackMs),
      usage: phase.end(),
    },
  });
}

function stop(code: number): never {
  connections?.close();
  process.exit(code);
}

process.on('message', (request: GeneratorRequest) => {
  const work = request.type === 'setup' ? setUp(request) : request.type === 'traffic' ? drive(request) : null;
  if (!work) stop(0);
  work.catch((error: unknown) => {
    reply({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    stop(1);
  });
});
process.on('disconnect', () => stop(0));
reply({ type: 'ready' });
