/**
 * A TCP proxy in front of a test Prosody's HTTP port (BOSH, WebSocket) that can cut every
 * connection and refuse new ones for a while: a network drop, for the desktop chat's stream
 * management tests (sdk/desktop-chat/desktopChat.resume.prosody.test.ts).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './localProcess.ts';

/** A TCP proxy to Prosody's HTTP port that can cut every connection and refuse new ones. */
export interface CutProxy {
  readonly port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function cutProxy(targetPort: number): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
