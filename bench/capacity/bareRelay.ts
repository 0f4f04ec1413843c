/**
 * The capacity baseline: a bare socket.io server with the chat server's namespaces and the events
 * the generators use, and none of its work (no auth, no validation, no storage, no routing).
 *
 * - `/customer` `chat:start` names a chat and joins the socket to the chat's room;
 * - `/agent` `offer:accept` joins the agent's socket to that room (no offer comes first: there is
 *   no routing to wait for);
 * - `message:send` on either side gets a seq from an in-memory counter, goes to the other
 *   namespace's room and is acked, in the chat server's order (fan-out, then ack).
 *
 * Same socket.io settings as the chat server where they matter to holding sockets: its ping
 * interval and timeout (server/createServer.ts) and its 64 KB message limit.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { relayMessages } from '../support/bareMessages.ts';
import type { RunningTarget } from './hybridTarget.ts';

type Ack = (result: unknown) => void;

const chatIdOf = (payload: unknown): string | null => {
  const chatId = (payload as { chatId?: unknown } | null)?.chatId;
  return typeof chatId === 'string' ? chatId : null;
};

export async function startBareRelay(): Promise<RunningTarget> {
  const httpServer = createServer();
  const io = new Server(httpServer, {
    serveClient: false,
    pingInterval: 25_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 64 * 1024,
  });
  const lastSeq = new Map<string, number>();
  let chats = 0;

  const customers = io.of(NAMESPACES.customer);
  const agents = io.of(NAMESPACES.agent);
  customers.on('connection', (socket) => {
    socket.on('chat:start', (_payload: unknown, ack: Ack) => {
      chats += 1;
      const id = `bare-${chats}`;
      void socket.join(id);
      ack({ ok: true, data: { chat: { id, status: 'queued' } } });
    });
  });
  agents.on('connection', (socket) => {
    socket.on('offer:accept', (payload: unknown, ack: Ack) => {
      const chatId = chatIdOf(payload);
      if (chatId === null) return ack({ ok: false, error: { code: 'BAD_REQUEST', message: 'no chatId' } });
      void socket.join(chatId);
      ack({ ok: true, data: { chat: { id: chatId, status: 'active' }, messages: [] } });
    });
  });
  relayMessages(customers, agents, 'customer', lastSeq);
  relayMessages(agents, customers, 'agent', lastSeq);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    io,
    // io.close() also closes the HTTP server it is attached to.
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
