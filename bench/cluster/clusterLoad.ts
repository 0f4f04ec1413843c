/**
 * The cluster benchmark's load, from this process: N chats through nginx, a customer and an agent
 * socket each (WebSocket, tokens signed with the nodes' shared secret, so sign-in is not measured),
 * then each side sends a message every `intervalS` for `durationS`. Each socket connects from its own
 * loopback address (127.0.0.2 … 127.0.0.33), so that nginx's address hash spreads the sockets over
 * the nodes as it spreads customers' addresses.
 */
import { Agent, request as httpsRequest } from 'node:https';
import { io, type Socket } from 'socket.io-client';
import type {
  ChatMessage,
  ChatOffer,
  ChatSummary,
  CustomerSessionResponse,
  Result,
} from '../../sdk/core/protocol.ts';
import { createTokenSigner } from '../../server/auth/tokens.ts';
import { summarize, type LatencySummary } from '../stats.ts';

const ADDRESSES = 32;
const SETUP_CONCURRENCY = 20;
const STEP_TIMEOUT_MS = 30_000;
const SETTLE_MS = 3000;

export interface LoadResult {
  chats: number;
  setupMs: number;
  sent: number;
  delivered: number;
  missing: number;
  duplicates: number;
  ackFailures: number;
  messagesPerS: number;
  deliveryMs: LatencySummary;
}

interface Side {
  socket: Socket;
  chatId: string;
}

async function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const result = (await socket.timeout(STEP_TIMEOUT_MS).emitWithAck(event, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${event}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export async function runClusterLoad(options: {
  url: string;
  /** The name nginx's certificate and server block answer to (TLS SNI). */
  serverName: string;
  tokenSecret: string;
  chats: number;
  intervalS: number;
  durationS: number;
}): Promise<LoadResult> {
  const signer = createTokenSigner(options.tokenSecret);
  // One TLS agent per source address: the address and the server name are the agent's to set.
  const tlsAgents = Array.from(
    { length: ADDRESSES },
    (_, index) =>
      new Agent({
        servername: options.serverName,
        rejectUnauthorized: false,
        localAddress: `127.0.0.${2 + index}`,
        keepAlive: false,
        // The external host name resolves to this machine, as a hosts-file entry would.
        lookup: ((
          _host: string,
          lookupOptions: { all?: boolean },
          callback: (...args: unknown[]) => void,
        ) => {
          if (lookupOptions.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
          else callback(null, '127.0.0.1', 4);
        }) as never,
      }),
  );
  const sockets: Socket[] = [];
  const connect = (namespace: string, token: string, index: number): Promise<Socket> => {
    const socket = io(`https://${options.serverName}:${new URL(options.url).port}${namespace}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      agent: tlsAgents[index % ADDRESSES],
    } as Parameters<typeof io>[1]);
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  /** A customer session, as the widget makes one (the server stores the customer). */
  const session = (index: number): Promise<CustomerSessionResponse> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ name: `C${index}` });
      const req = httpsRequest(
        {
          host: options.serverName,
          port: new URL(options.url).port,
          path: '/api/customer/session',
          method: 'POST',
          agent: tlsAgents[index % ADDRESSES],
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () =>
            response.statusCode === 200
              ? resolve(JSON.parse(text) as CustomerSessionResponse)
              : reject(new Error(`customer session: ${response.statusCode} ${text}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const customers = new Map<string, Side>();
  const agents = new Map<string, Side>();
  const setupStarted = performance.now();
  async function setUp(index: number): Promise<void> {
    const customer = await connect('/customer', (await session(index)).token, index);
    const { chat } = await request<{ chat: ChatSummary }>(customer, 'chat:start', {
      clientId: `start-${index}`,
    });
    customers.set(chat.id, { socket: customer, chatId: chat.id });
    const agentToken = signer.sign({ sub: `bench-a-${index}`, role: 'agent', name: `A${index}` }, 3600);
    const agent = await connect('/agent', agentToken.token, index + ADDRESSES / 2);
    const offered = new Promise<ChatOffer>((resolve) => agent.once('offer:new', resolve));
    await request(agent, 'agent:setState', { state: 'READY' });
    const offer = await offered;
    await request(agent, 'offer:accept', { chatId: offer.chatId });
    agents.set(offer.chatId, { socket: agent, chatId: offer.chatId });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SETUP_CONCURRENCY, options.chats) }, async () => {
      while (next < options.chats) await setUp(next++);
    }),
  );
  const setupMs = performance.now() - setupStarted;

  // Traffic: every message's text is its send time; each receiver records the delay once.
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let sent = 0;
  let ackFailures = 0;
  const listen = (side: Side) =>
    side.socket.on('chat:message', (message: ChatMessage) => {
      if (!message.clientId.startsWith('load-')) return;
      if (seen.has(message.clientId)) return void (duplicates += 1);
      seen.add(message.clientId);
      latencies.push(performance.now() - Number(message.text));
    });
  for (const side of [...customers.values(), ...agents.values()]) listen(side);

  const trafficStarted = performance.now();
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const sendFrom = (side: Side, who: string) => {
    const send = () => {
      if (performance.now() - trafficStarted > options.durationS * 1000) return;
      sent += 1;
      const clientId = `load-${who}-${side.chatId}-${sent}`;
      side.socket
        .timeout(STEP_TIMEOUT_MS)
        .emitWithAck('message:send', { chatId: side.chatId, clientId, text: String(performance.now()) })
        .then((result: Result<unknown>) => void (result.ok || (ackFailures += 1)))
        .catch(() => void (ackFailures += 1));
      timers.push(setTimeout(send, options.intervalS * 1000));
    };
    timers.push(setTimeout(send, Math.random() * options.intervalS * 1000));
  };
  for (const side of customers.values()) sendFrom(side, 'c');
  for (const side of agents.values()) sendFrom(side, 'a');
  await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000 + SETTLE_MS));
  for (const timer of timers) clearTimeout(timer);
  for (const socket of sockets) socket.close();
  for (const agent of tlsAgents) agent.destroy();

  return {
    chats: agents.size,
    setupMs,
    sent,
    delivered: seen.size,
    missing: sent - seen.size,
    duplicates,
    ackFailures,
    messagesPerS: seen.size / options.durationS,
    deliveryMs: summarize(latencies),
  };
}
