/**
 * A generator's connections to the target. One process cannot hold 2·N TCP connections under the
 * machine's 20,000 open-file limit, so sockets are multiplexed the way socket.io allows: one
 * `Manager` (one engine.io WebSocket connection) per chat slot, carrying one /customer socket and
 * one /agent socket, of two different chats (setup.ts decides which). Every delivery still
 * crosses two TCP streams, customer's and agent's.
 *
 * Any socket that disconnects before `close()` is counted: on loopback with the server's 25 s
 * pings, none should.
 */
import { Agent, request } from 'node:http';
import { Manager, type Socket } from 'socket.io-client';
import type { ChatClientToServerEvents, ChatServerToClientEvents } from '../../sdk/core/protocol.ts';

/** A socket of either namespace; the namespace-specific events are typed where they are used. */
export type AnySocket = Socket<ChatServerToClientEvents, ChatClientToServerEvents>;

export interface Connections {
  /** The socket of `namespace` on connection `slot`, connected (or a rejection after `timeoutMs`). */
  connect<S extends AnySocket>(slot: number, namespace: string, auth: Record<string, string>): Promise<S>;
  /** `POST` a JSON body on a small pool of keep-alive connections; the parsed JSON answer. */
  postJson<T>(path: string, body: unknown): Promise<T>;
  /** Closes the session pool's HTTP connections (so the server's open files are the sockets alone). */
  endHttp(): void;
  /** Engine.io connections opened and socket.io sockets connected. */
  counts(): { connections: number; sockets: number };
  disconnects(): { count: number; first: string | null };
  close(): void;
}

export function createConnections(url: string, timeoutMs: number, httpConnections: number): Connections {
  const managers = new Map<number, Manager>();
  const sockets: AnySocket[] = [];
  const httpAgent = new Agent({ keepAlive: true, maxSockets: httpConnections });
  let opened = 0;
  let disconnected = 0;
  let firstDisconnect: string | null = null;
  let closing = false;

  const manager = (slot: number): Manager => {
    let found = managers.get(slot);
    if (!found) {
      // The first socket's connect() opens it; reconnection off: a drop must count, not be hidden.
      found = new Manager(url, {
        transports: ['websocket'],
        reconnection: false,
        autoConnect: false,
        timeout: timeoutMs,
      });
      found.on('open', () => (opened += 1));
      managers.set(slot, found);
    }
    return found;
  };

  return {
    connect<S extends AnySocket>(slot: number, namespace: string, auth: Record<string, string>): Promise<S> {
      const socket = manager(slot).socket(namespace, { auth }) as unknown as S;
      return new Promise<S>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.close();
          reject(new Error(`${namespace} socket not connected within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          sockets.push(socket);
          socket.on('disconnect', (reason) => {
            if (closing) return;
            disconnected += 1;
            firstDisconnect ??= `${namespace}: ${reason}`;
          });
          resolve(socket);
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          socket.close();
          reject(new Error(`${namespace} socket could not connect: ${error.message}`));
        });
        socket.connect();
      });
    },

    postJson<T>(path: string, body: unknown): Promise<T> {
      const payload = JSON.stringify(body);
      return new Promise<T>((resolve, reject) => {
        const outgoing = request(
          `${url}${path}`,
          {
            method: 'POST',
            agent: httpAgent,
            timeout: timeoutMs,
            headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode !== 200)
                reject(new Error(`POST ${path}: HTTP ${response.statusCode} ${text}`));
              else resolve(JSON.parse(text) as T);
            });
            response.on('error', reject);
          },
        );
        outgoing.on('timeout', () =>
          outgoing.destroy(new Error(`POST ${path}: no answer within ${timeoutMs} ms`)),
        );
        outgoing.on('error', reject);
        outgoing.end(payload);
      });
    },

    endHttp: () => httpAgent.destroy(),
    counts: () => ({ connections: opened, sockets: sockets.length }),
    disconnects: () => ({ count: disconnected, first: firstDisconnect }),

    close() {
      closing = true;
      httpAgent.destroy();
      for (const socket of sockets) socket.close();
      // A manager whose sockets never connected has no socket to close it.
      for (const each of managers.values()) each._close();
    },
  };
}
