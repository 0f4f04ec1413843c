/**
 * What both relays hand to the shared client code: N connected pairs of sockets that speak
 * the chat protocol's `message:send` / `chat:message` subset, and a way to stop everything.
 */
import { io, type Socket } from 'socket.io-client';
import type { ChatClientToServerEvents, ChatServerToClientEvents } from '../../sdk/core/protocol.ts';

export type RelaySocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;

export interface RelayEndpoint {
  role: 'customer' | 'agent';
  chatId: string;
  socket: RelaySocket;
}

export interface RelayPair {
  customer: RelayEndpoint;
  agent: RelayEndpoint;
}

export interface RelayTarget {
  pairs: RelayPair[];
  /** Closes the client sockets, then the server, then removes its files. */
  close(): Promise<void>;
}

export type StartRelayTarget = (pairs: number, connectTimeoutMs: number) => Promise<RelayTarget>;

/**
 * One socket with the same options against either server: WebSocket only (no polling
 * upgrade in the numbers), no reconnection (a drop must show up as loss, not be hidden).
 */
export function connectSocket<S extends Socket = RelaySocket>(
  url: string,
  namespace: string,
  auth: Record<string, string>,
  timeoutMs: number,
): Promise<S> {
  const socket = io(`${url}${namespace}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket as unknown as S));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`[bench] ${namespace} socket could not connect: ${error.message}`));
    });
  });
}

export const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
