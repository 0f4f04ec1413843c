/**
 * The baseline: a bare socket.io relay with the same namespaces and event names as the chat
 * server but none of its work (no auth, no validation, no storage, no routing). Each pair
 * joins a room named after its chat; `message:send` gets a seq from an in-memory counter,
 * goes to the peer's room and is acked, in the chat server's order (fan-out, then ack).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace } from 'socket.io';
import type { ChatClientToServerEvents, ChatServerToClientEvents } from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { relayMessages } from '../support/bareMessages.ts';
import { connectSocket, range, type RelaySocket, type StartRelayTarget } from './relayTarget.ts';

export const startBaselineRelay: StartRelayTarget = async (pairs, connectTimeoutMs) => {
  const httpServer = createServer();
  const io = new Server<ChatClientToServerEvents, ChatServerToClientEvents>(httpServer, {
    serveClient: false,
  });
  const lastSeq = new Map<string, number>();

  const join = (namespace: Namespace) =>
    namespace.on('connection', (socket) => {
      void socket.join(String((socket.handshake.auth as { chatId?: unknown }).chatId));
    });
  // Each pair's sockets join a room named after its chat (from the handshake), then relay.
  const customers = io.of(NAMESPACES.customer) as unknown as Namespace;
  const agents = io.of(NAMESPACES.agent) as unknown as Namespace;
  join(customers);
  join(agents);
  relayMessages(customers, agents, 'customer', lastSeq);
  relayMessages(agents, customers, 'agent', lastSeq);

  const sockets: RelaySocket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.close();
    // io.close() also closes the HTTP server it is attached to.
    await new Promise<void>((resolve) => void io.close(() => resolve()));
  };

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(0, '127.0.0.1', () => resolve());
    });
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const connect = async (namespace: string, chatId: string) => {
      const socket = await connectSocket(url, namespace, { chatId }, connectTimeoutMs);
      sockets.push(socket);
      return socket;
    };
    const connected = await Promise.all(
      range(pairs).map(async (index) => {
        const chatId = `pair-${index}`;
        const [customer, agent] = await Promise.all([
          connect(NAMESPACES.customer, chatId),
          connect(NAMESPACES.agent, chatId),
        ]);
        return {
          customer: { role: 'customer' as const, chatId, socket: customer },
          agent: { role: 'agent' as const, chatId, socket: agent },
        };
      }),
    );
    return { pairs: connected, close };
  } catch (error) {
    await close();
    throw error;
  }
};
