/**
 * A generator's share of the chats, set up with bounded concurrency. Chat k of n (this
 * generator's) puts its customer on connection k and its agent on connection k + n/2 (mod n).
 *
 * The chat server decides which agent gets which chat (the longest-idle READY agent gets the
 * oldest waiting chat), so an agent may accept a chat other than its own task's. The half-way
 * offset keeps the two sides of every chat on different connections anyway: a chat only waits
 * while its own task runs, an agent only goes READY while its task runs, and the tasks k and
 * k ± n/2 — the only ones whose sockets share connection k — are never run at the same time.
 * (The parent sets the generators up one after another, so no agent gets another process's chat.)
 */
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  ChatOffer,
  ChatSummary,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  CustomerSessionResponse,
  Result,
  SyncResult,
} from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { createTokenSigner } from '../../server/auth/tokens.ts';
import type { Socket } from 'socket.io-client';
import { withTimeout } from '../deadline.ts';
import type { AnySocket, Connections } from './connections.ts';
import type { SetupCommand } from './protocol.ts';

type CustomerSocket = Socket<CustomerServerToClientEvents, CustomerClientToServerEvents>;
type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** Agent tokens outlive any run. */
const AGENT_TOKEN_TTL_S = 24 * 3600;

export interface Endpoint {
  role: 'customer' | 'agent';
  chatId: string;
  slot: number;
  socket: AnySocket;
}

export interface SetupOutcome {
  customers: Endpoint[];
  agents: Endpoint[];
  failed: number;
  /** Why setups failed: each kind of error (numbers left out) and how often. */
  errors: Map<string, number>;
  timedOut: boolean;
  chatSetupMs: number[];
}

/** The sockets of a setup in progress, and its chat once started: what to undo if it is abandoned. */
interface Unfinished {
  sockets: AnySocket[];
  chatId?: string;
}

function unwrap<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`${what} refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Resolves when a chat of this generator has been accepted, by whichever of its agents. */
function acceptances() {
  const waiting = new Map<string, () => void>();
  const accepted = new Set<string>();
  return {
    accepted(chatId: string) {
      accepted.add(chatId);
      waiting.get(chatId)?.();
    },
    when(chatId: string): Promise<void> {
      if (accepted.has(chatId)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(chatId, resolve));
    },
  };
}

export async function setUpChats(command: SetupCommand, connections: Connections): Promise<SetupOutcome> {
  const { chats: n, stepTimeoutMs } = command;
  const half = Math.floor(n / 2);
  const hybrid = command.kind === 'hybrid';
  const signer = createTokenSigner(command.tokenSecret);
  const step = <T>(promise: Promise<T>, what: string) => withTimeout(promise, stepTimeoutMs, what);
  // Untyped here: the event names and payloads are the protocol's, the results are typed by the caller.
  const ack = <T>(socket: AnySocket, event: string, payload: unknown): Promise<Result<T>> =>
    step((socket as unknown as Socket).timeout(stepTimeoutMs).emitWithAck(event, payload), event);
  const done = acceptances();
  const outcome: SetupOutcome = {
    customers: [],
    agents: [],
    failed: 0,
    errors: new Map(),
    timedOut: false,
    chatSetupMs: [],
  };
  const fail = (why: string, count = 1) => {
    outcome.failed += count;
    const kind = why.replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '<id>').replace(/\d+/g, 'N');
    outcome.errors.set(kind, (outcome.errors.get(kind) ?? 0) + count);
  };
  const unfinished = new Map<number, Unfinished>();
  let abandoned = false;
  /** Between steps: a setup abandoned at the budget goes no further. */
  const check = () => {
    if (abandoned) throw new Error('abandoned when setup gave up');
  };

  async function customerSide(k: number, name: number): Promise<string> {
    const auth: Record<string, string> = {};
    if (hybrid) {
      const session = await connections.postJson<CustomerSessionResponse>('/api/customer/session', {
        name: `Customer ${name}`,
      });
      auth['token'] = session.token;
    }
    check();
    const socket = await connections.connect<CustomerSocket>(k, NAMESPACES.customer, auth);
    unfinished.get(k)?.sockets.push(socket as AnySocket);
    check();
    const started = await ack<{ chat: ChatSummary }>(socket as AnySocket, 'chat:start', {
      clientId: `cap-start-${name}`,
    });
    const chatId = unwrap('chat:start', started).chat.id;
    const task = unfinished.get(k);
    if (task) task.chatId = chatId;
    outcome.customers.push({ role: 'customer', chatId, slot: k, socket: socket as AnySocket });
    return chatId;
  }

  async function agentSide(k: number, name: number, ownChatId: string): Promise<void> {
    const slot = (k + half) % n;
    const auth: Record<string, string> = {};
    if (hybrid) {
      auth['token'] = signer.sign(
        { sub: `cap-agent-${name}`, role: 'agent', name: `Agent ${name}` },
        AGENT_TOKEN_TTL_S,
      ).token;
    }
    check();
    const socket = await connections.connect<AgentSocket>(slot, NAMESPACES.agent, auth);
    unfinished.get(k)?.sockets.push(socket as AnySocket);
    check();
    let chatId = ownChatId;
    if (hybrid) {
      // The server emits the offer while it handles agent:setState, before the ack.
      const offered = new Promise<ChatOffer>((resolve) => socket.once('offer:new', resolve));
      unwrap('agent:setState', await ack(socket as AnySocket, 'agent:setState', { state: 'READY' }));
      chatId = (await step(offered, 'offer:new')).chatId;
    }
    const { chat } = unwrap(
      'offer:accept',
      await ack<SyncResult>(socket as AnySocket, 'offer:accept', { chatId }),
    );
    if (chat.status !== 'active') throw new Error(`chat ${chat.id} is ${chat.status} after accept`);
    outcome.agents.push({ role: 'agent', chatId, slot, socket: socket as AnySocket });
    done.accepted(chatId);
  }

  const running = new Map<number, Promise<void>>();
  async function task(k: number): Promise<void> {
    // Never beside the tasks whose sockets share a connection with this one's (see above).
    for (const other of [(k + half) % n, (k - half + n) % n]) await running.get(other);
    const startedAt = performance.now();
    const name = command.firstChat + k + 1;
    unfinished.set(k, { sockets: [] });
    try {
      const chatId = await customerSide(k, name);
      await agentSide(k, name, chatId);
      // The task ends when its own chat has an agent too: until then that chat could be offered.
      await step(done.when(chatId), 'acceptance of its own chat');
      outcome.chatSetupMs.push(performance.now() - startedAt);
    } catch (error) {
      // Setups abandoned at the budget are counted once, when setup gives up.
      if (!abandoned) fail(error instanceof Error ? error.message : String(error));
    } finally {
      unfinished.delete(k);
    }
  }

  /**
   * Ends what abandoned setups left behind, so the traffic window that follows measures the chats
   * that were set up, not the server still working through setups nobody waits for: a started chat
   * is ended (or it would wait in the queue for good), then the sockets close.
   */
  function abandonUnfinished(): void {
    abandoned = true;
    fail('still in flight when setup gave up', unfinished.size);
    for (const task of unfinished.values()) {
      const [customer] = task.sockets;
      if (customer && task.chatId) customer.emit('chat:end', { chatId: task.chatId }, () => undefined);
      for (const socket of task.sockets) socket.close();
    }
  }

  const startedAt = performance.now();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < n) {
      if (performance.now() - startedAt > command.budgetMs) {
        outcome.timedOut = true;
        return;
      }
      const k = next++;
      const current = task(k);
      running.set(k, current);
      await current;
      running.delete(k);
    }
  }
  // Half the distance between conflicting tasks, so the guard rarely has to wait.
  const concurrency = Math.max(1, Math.min(command.concurrency, Math.floor(half / 2)));
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  // A task started just before the budget ran out gets one step's time to finish, not eight.
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = await Promise.race([
    workers.then(() => false),
    new Promise<boolean>(
      (resolve) => (giveUp = setTimeout(() => resolve(true), command.budgetMs + stepTimeoutMs)),
    ),
  ]);
  clearTimeout(giveUp);
  if (gaveUp) {
    outcome.timedOut = true;
    abandonUnfinished();
  }
  if (next < n) fail('not started: setup budget spent', n - next);
  connections.endHttp();
  return outcome;
}
