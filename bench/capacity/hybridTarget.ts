/**
 * The chat server under test, built as production builds it (`loadConfig` + `createChatServer`),
 * with settings that keep the benchmark about holding chats, not about the contact centre's
 * timers: offers never time out, no wrap-up, no abandon watch, one chat per agent (so N chats
 * need N agents and every agent socket is busy), no mail, no logging. SQLite in the fresh
 * temporary directory the parent made (and removes, even when this process had to be killed).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Server } from 'socket.io';
import { loadConfig } from '../../server/config.ts';
import { createChatServer } from '../../server/createServer.ts';

/** Longer than any run: a missed offer would make the agent NOT_READY. */
const OFFER_TIMEOUT_MS = 24 * 3600_000;

export interface RunningTarget {
  url: string;
  io: Server;
  close(): Promise<void>;
}

function listen(server: HttpServer): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

/**
 * The chat server halts routing while no Finesse node answers SystemInfo (the failover of the Hybrid Chat "Cisco contact center integration" guide):
 * a Finesse that is always IN_SERVICE. Agents sign in by token, so nothing else is asked of it.
 */
async function startFinesseStub(): Promise<{ url: string; close(): Promise<void> }> {
  const stub = createHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/xml' });
    response.end('<SystemInfo><status>IN_SERVICE</status></SystemInfo>');
  });
  const url = await listen(stub);
  return { url, close: () => new Promise<void>((resolve) => stub.close(() => resolve())) };
}

export async function startHybridTarget(tokenSecret: string, dataDir: string): Promise<RunningTarget> {
  const finesse = await startFinesseStub();
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    TOKEN_SECRET: tokenSecret,
    FINESSE_URL: finesse.url,
    LOG_LEVEL: 'silent',
    OFFER_TIMEOUT_MS: String(OFFER_TIMEOUT_MS),
    WRAP_UP_SECONDS: '0',
    WAITING_ABANDON_S: '0',
    MAX_CHATS_PER_AGENT: '1',
    MAIL_TRANSPORT: 'none',
  };
  // Only these settings: the caller's environment (a developer's .env, CI) must not change the figures.
  const config = loadConfig(env, { dbPath: join(dataDir, 'chat.db') });
  // Silent already; the stream makes sure nothing reaches the benchmark's terminal either way.
  const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    const server = await createChatServer(config, { logStream });
    const { port } = await server.listen();
    return {
      url: `http://127.0.0.1:${port}`,
      io: server.io,
      async close() {
        try {
          await server.close();
        } finally {
          await finesse.close();
        }
      },
    };
  } catch (error) {
    await finesse.close();
    throw error;
  }
}
