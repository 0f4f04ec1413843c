/**
 * The normal chats beside a flood, in their own thread so the attacker's work in the main thread
 * never delays them: K customers (each from its own address) chatting with K agents, each side
 * sending one message a second, as people do. Every delivery is timed from send to the peer's
 * `chat:message`; refused sends and messages that never arrive are counted, never hidden.
 *
 * Messages from the parent: `{ type: 'measure' }` starts a window, `{ type: 'stop' }` ends it and
 * is answered with its figures (`NormalFigures`), `{ type: 'close' }` closes every socket.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, ChatOffer } from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { ask, connected, must, startCustomer } from './floodClients.ts';

export interface NormalWorkerData {
  url: string;
  agentTokens: string[];
}

export interface NormalFigures {
  deliveryMs: number[];
  sent: number;
  refused: number;
  missing: number;
}

const PERIOD_MS = 1000;
/** After a window, how long late deliveries may still arrive before they count as missing. */
const SETTLE_MS = 1000;

interface Side {
  socket: Socket;
  peer: Socket;
  chatId: string;
}

const { url, agentTokens } = workerData as NormalWorkerData;
const port = parentPort;
if (!port) throw new Error('normalWorker runs as a worker thread');

/** One chat at a time: the agent alone is READY while its customer's chat is offered. */
async function openChat(index: number, agentToken: string): Promise<Side[]> {
  const agent = await connected(url, NAMESPACES.agent, agentToken);
  const offered = new Promise<ChatOffer>((resolve) => agent.once('offer:new', resolve));
  await must(agent, 'agent:setState', { state: 'READY' });
  const customer = await startCustomer(url, `198.51.100.${index + 1}`, `Normal ${index + 1}`);
  const offer = await offered;
  await must(agent, 'offer:accept', { chatId: offer.chatId });
  if (!(await customer.active)) throw new Error(`[bench] normal chat ${index + 1} never became active`);
  // Holding the chat, taking no more: every later offer goes to the attackers' agents.
  await must(agent, 'agent:setState', { state: 'NOT_READY' });
  return [
    { socket: customer.socket, peer: agent, chatId: customer.chatId },
    { socket: agent, peer: customer.socket, chatId: customer.chatId },
  ];
}

const sides: Side[] = [];
for (const [index, token] of agentTokens.entries()) sides.push(...(await openChat(index, token)));

const sentAt = new Map<string, number>();
let figures: NormalFigures = { deliveryMs: [], sent: 0, refused: 0, missing: 0 };
let timers: NodeJS.Timeout[] = [];

for (const side of sides) {
  side.peer.on('chat:message', (message: ChatMessage) => {
    const at = sentAt.get(message.clientId);
    if (at === undefined || message.chatId !== side.chatId) return;
    sentAt.delete(message.clientId);
    figures.deliveryMs.push(performance.now() - at);
  });
}

function send(side: Side): void {
  const clientId = crypto.randomUUID();
  sentAt.set(clientId, performance.now());
  figures.sent += 1;
  void ask(side.socket, 'message:send', {
    chatId: side.chatId,
    clientId,
    text: 'Is my order on its way?',
  }).then((answer) => {
    if (answer.ok) return;
    figures.refused += 1;
    sentAt.delete(clientId);
  });
}

port.on('message', (message: { type: 'measure' | 'stop' | 'close' }) => {
  if (message.type === 'measure') {
    figures = { deliveryMs: [], sent: 0, refused: 0, missing: 0 };
    sentAt.clear();
    // Spread over the period, as people are: not every side on the same tick.
    timers = sides.flatMap((side, index) => [
      setInterval(() => send(side), PERIOD_MS),
      setTimeout(() => send(side), (index * PERIOD_MS) / sides.length),
    ]);
  } else if (message.type === 'stop') {
    for (const timer of timers) clearInterval(timer);
    setTimeout(() => {
      figures.missing = sentAt.size;
      port.postMessage(figures);
    }, SETTLE_MS);
  } else {
    for (const side of sides) side.socket.close();
    port.postMessage('closed');
  }
});
port.postMessage('ready');
