/**
 * The real chat server as a relay: `createChatServer` with SQLite persistence in a fresh
 * temporary directory, on a free loopback port. Setup is not measured: N customers open a
 * session and start a chat, N agents (tokens signed directly with the server's secret — the
 * Finesse login is not what we measure) go READY and each accepts the one chat offered to it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
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
import { loadConfig } from '../../server/config.ts';
import { createChatServer } from '../../server/createServer.ts';
import { LOAD_TEST_LIMITS } from '../support/loadLimits.ts';
import { withTimeout } from '../deadline.ts';
import { startFinesseStub } from '../support/finesseStub.ts';
import {
  connectSocket,
  range,
  type RelayEndpoint,
  type RelayPair,
  type RelaySocket,
  type StartRelayTarget,
} from './relayTarget.ts';

type CustomerSocket = Socket<CustomerServerToClientEvents, CustomerClientToServerEvents>;
type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** Offers must never time out during a run: a missed offer would make the agent NOT_READY. */
const OFFER_TIMEOUT_MS = 60 * 60_000;

function unwrap<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`[bench] ${what} refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function customerSession(url: string, name: string): Promise<CustomerSessionResponse> {
  const response = await fetch(`${url}/api/customer/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`[bench] customer session failed: HTTP ${response.status}`);
  return (await response.json()) as CustomerSessionResponse;
}

export const startHybridChatRelay: StartRelayTarget = async (pairs, connectTimeoutMs) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-bench-'));
  const finesse = await startFinesseStub();
  const tokenSecret = randomBytes(32).toString('base64url');
  const config = loadConfig(LOAD_TEST_LIMITS, {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    dbPath: join(dataDir, 'chat.db'),
    tokenSecret,
    logLevel: 'silent',
    finesseUrl: finesse.url,
    maxChatsPerAgent: 1,
    offerTimeoutMs: OFFER_TIMEOUT_MS,
  });
  const server = await createChatServer(config);
  const sockets: Socket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.close();
    try {
      await server.close();
    } finally {
      await finesse.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  try {
    const { url } = await server.listen();
    const connect = async <S extends Socket>(namespace: string, token: string) => {
      const socket = await connectSocket<S>(url, namespace, { token }, connectTimeoutMs);
      sockets.push(socket);
      return socket;
    };

    const customers = await Promise.all(
      range(pairs).map(async (index): Promise<RelayEndpoint> => {
        const session = await customerSession(url, `Customer ${index + 1}`);
        const socket = await connect<CustomerSocket>(NAMESPACES.customer, session.token);
        // With .timeout(), socket.io-client types the ack result as any: name the type here.
        const started: Result<{ chat: ChatSummary }> = await socket
          .timeout(connectTimeoutMs)
          .emitWithAck('chat:start', { clientId: `bench-start-${index}` });
        const { chat } = unwrap('chat:start', started);
        return { role: 'customer', chatId: chat.id, socket: socket as unknown as RelaySocket };
      }),
    );

    const signer = createTokenSigner(tokenSecret);
    const agents = await Promise.all(
      range(pairs).map(async (index): Promise<RelayEndpoint> => {
        const { token } = signer.sign(
          { sub: `bench-agent-${index + 1}`, role: 'agent', name: `Agent ${index + 1}` },
          3600,
        );
        const socket = await connect<AgentSocket>(NAMESPACES.agent, token);
        // The offer is emitted while the server handles agent:setState, before its ack.
        const offered = new Promise<ChatOffer>((resolve) => socket.once('offer:new', resolve));
        unwrap(
          'agent:setState',
          await socket.timeout(connectTimeoutMs).emitWithAck('agent:setState', { state: 'READY' }),
        );
        const { chatId } = await withTimeout(offered, connectTimeoutMs, `offer:new for agent ${index + 1}`);
        const accepted: Result<SyncResult> = await socket
          .timeout(connectTimeoutMs)
          .emitWithAck('offer:accept', { chatId });
        const { chat } = unwrap('offer:accept', accepted);
        if (chat.status !== 'active')
          throw new Error(`[bench] chat ${chat.id} is ${chat.status} after accept`);
        return { role: 'agent', chatId: chat.id, socket: socket as unknown as RelaySocket };
      }),
    );

    const agentByChat = new Map(agents.map((agent) => [agent.chatId, agent]));
    const paired = customers.map((customer): RelayPair => {
      const agent = agentByChat.get(customer.chatId);
      if (!agent) throw new Error(`[bench] no agent accepted chat ${customer.chatId}`);
      return { customer, agent };
    });
    return { pairs: paired, close };
  } catch (error) {
    await close();
    throw error;
  }
};
