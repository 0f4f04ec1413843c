/**
 * For the reverse-proxy tests: a real HTTP server on 127.0.0.1 whose answers each test sets per
 * path (status, body, delay), counting requests and how many ran at the same time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status?: number;
  body?: string;
  delayMs?: number;
  contentType?: string;
}

export interface MapServer {
  readonly url: string;
  readonly port: number;
  set(path: string, answer: Answer): void;
  hits(path: string): number;
  /** The most requests in flight at once since the start. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

export async function startMapServer(): Promise<MapServer> {
  const answers = new Map<string, Answer>();
  const hits = new Map<string, number>();
  let inFlight = 0;
  let maxConcurrent = 0;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    const answer = answers.get(path) ?? { status: 404, body: 'not found' };
    const timer = setTimeout(() => {
      response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/plain' });
      response.end(answer.body ?? '');
    }, answer.delayMs ?? 0);
    response.on('close', () => {
      clearTimeout(timer);
      inFlight -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    set: (path, answer) => answers.set(path, answer),
    hits: (path) => hits.get(path) ?? 0,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
