/**
 * The chat server under test, built as production builds it (`loadConfig` + `createChatServer`),
 * with settings that keep the benchmark about holding chats, not about the contact centre's
 * timers: offers never time out, no wrap-up, no abandon watch, one chat per agent (so N chats
 * need N agents and every agent socket is busy), no mail, no logging. SQLite in the fresh
 * temporary directory the parent made (and removes, even when this process had to be killed).
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Server } from 'socket.io';
import { loadConfig } from '../../server/config.ts';
import { createChatServer } from '../../server/createServer.ts';
import { startFinesseStub } from '../support/finesseStub.ts';
import { LOAD_TEST_LIMITS } from '../support/loadLimits.ts';

/** Longer than any run: a missed offer would make the agent NOT_READY. */
const OFFER_TIMEOUT_MS = 24 * 3600_000;

export interface RunningTarget {
  url: string;
  io: Server;
  close(): Promise<void>;
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
    ...LOAD_TEST_LIMITS,
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
