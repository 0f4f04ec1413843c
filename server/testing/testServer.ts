/**
 * Test support: a chat server on a free loopback port with its own data directory.
 *
 * With TEST_STORAGE=postgres in the environment, every test server stores in PostgreSQL instead of
 * its SQLite file: one PostgreSQL server per test file (postgresServer.ts, started on first use and
 * stopped after the file's tests), a new database per test server (kept across its `restart()`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  AgentSessionResponse,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  CustomerSessionResponse,
  Result,
} from '../../sdk/core/protocol.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import { createChatServer, type ChatServer, type ChatServerOptions } from '../createServer.ts';
import { startPostgres, type PostgresServer } from './postgresServer.ts';

export const FINESSE_URL = 'http://finesse.test:8445';

/** Which storage test servers use: `postgres` when TEST_STORAGE says so, else SQLite. */
export const TEST_STORAGE: 'sqlite' | 'postgres' =
  process.env['TEST_STORAGE'] === 'postgres' ? 'postgres' : 'sqlite';

let postgres: Promise<PostgresServer> | null = null;
// Registered while the test file is collected, so it runs after the file's own afterAll hooks.
if (TEST_STORAGE === 'postgres') {
  afterAll(async () => {
    const running = postgres;
    postgres = null;
    if (running) await (await running).stop();
  }, 30_000);
}

/** A new database on this file's PostgreSQL server (started on first use). */
export async function testDatabaseUrl(): Promise<string> {
  postgres ??= startPostgres();
  return (await postgres).createDatabase();
}

export interface TestServer {
  url: string;
  config: ServerConfig;
  dataDir: string;
  /** The running chat server (a new one after restart()). */
  readonly server: ChatServer;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and data (a server restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  dataDir?: string,
  serverOptions: ChatServerOptions = {},
): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hybrid-chat-test-'));
  const databaseUrl =
    overrides.databaseUrl ?? (TEST_STORAGE === 'postgres' ? await testDatabaseUrl() : undefined);
  let config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      dbPath: join(dir, 'chat.db'),
      finesseUrl: FINESSE_URL,
      logLevel: 'silent',
      // No wrap-up unless a test asks: it keeps a slot taken after every end (server/features/collaboration).
      wrapUpSeconds: 0,
      ...overrides,
      databaseUrl,
    },
  );
  let server = await createChatServer(config, serverOptions);
  const { url, port } = await server.listen();
  config = { ...config, port };
  let running = true;
  return {
    url,
    config,
    dataDir: dir,
    get server() {
      return server;
    },
    async stop() {
      if (running) await server.close();
      running = false;
    },
    async restart() {
      if (running) await server.close();
      server = await createChatServer(config, serverOptions);
      await server.listen();
      running = true;
    },
    async close() {
      if (running) await server.close();
      running = false;
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FakeAgent {
  id: string;
  password: string;
  firstName: string;
  lastName: string;
  roles?: string[];
}

export const TEST_AGENTS: FakeAgent[] = [
  { id: '1001', password: 'pass1001', firstName: 'Alice', lastName: 'Nguyen' },
  { id: '1002', password: 'pass1002', firstName: 'Bob', lastName: 'Okafor' },
  { id: '1005', password: 'pass1005', firstName: 'Sam', lastName: 'Rivera', roles: ['Agent', 'Supervisor'] },
];

export const basic = (id: string, password: string) =>
  `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;

/** msw handlers standing in for a Finesse node's SystemInfo and `GET /finesse/api/User/{id}` (Basic auth). */
export const finesseHandlersFor = (baseUrl: string) => [
  http.get(
    `${baseUrl}/finesse/api/SystemInfo`,
    () =>
      new HttpResponse(
        '<SystemInfo><status>IN_SERVICE</status><deploymentType>UCCE</deploymentType></SystemInfo>',
        {
          headers: { 'Content-Type': 'application/xml' },
        },
      ),
  ),
  http.get(`${baseUrl}/finesse/api/User/:id`, ({ params, request }) => {
    const agent = TEST_AGENTS.find((candidate) => candidate.id === params['id']);
    if (!agent || request.headers.get('authorization') !== basic(agent.id, agent.password)) {
      return new HttpResponse(
        '<ApiErrors><ApiError><ErrorType>Authorization Failure</ErrorType><ErrorMessage>Unauthorized</ErrorMessage></ApiError></ApiErrors>',
        { status: 401, headers: { 'Content-Type': 'application/xml' } },
      );
    }
    const roles = (agent.roles ?? ['Agent']).map((role) => `<role>${role}</role>`).join('');
    return new HttpResponse(
      `<User><loginId>${agent.id}</loginId><loginName>${agent.firstName.toLowerCase()}</loginName>` +
        `<firstName>${agent.firstName}</firstName><lastName>${agent.lastName}</lastName><extension>${agent.id}</extension>` +
        `<state>NOT_READY</state><reasonCodeId>-1</reasonCodeId><teamId>1</teamId><teamName>Support</teamName>` +
        `<roles>${roles}</roles></User>`,
      { headers: { 'Content-Type': 'application/xml' } },
    );
  }),
];

export type CustomerSocket = Socket<CustomerServerToClientEvents, CustomerClientToServerEvents>;
export type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function customerSession(url: string, name: string): Promise<CustomerSessionResponse> {
  const { status, body } = await postJson<CustomerSessionResponse>(`${url}/api/customer/session`, { name });
  if (status !== 200) throw new Error(`customer session failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function agentSession(url: string, agent: FakeAgent): Promise<AgentSessionResponse> {
  const { status, body } = await postJson<AgentSessionResponse>(`${url}/api/agent/session`, {
    agentId: agent.id,
    authorization: basic(agent.id, agent.password),
  });
  if (status !== 200) throw new Error(`agent session failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

const sockets: Socket[] = [];

export function connectSocket<S extends Socket>(
  url: string,
  namespace: string,
  token: string,
  extra = {},
): Promise<S> {
  const socket = connect(`${url}${namespace}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...extra,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket as S));
    socket.once('connect_error', (error) => reject(error));
  });
}

export function closeSockets(): void {
  for (const socket of sockets.splice(0)) socket.close();
}

type AckData<F> = F extends (payload: never, ack: (result: Result<infer T>) => void) => void ? T : never;
type AckEvents<Map> = {
  [K in keyof Map]: Map[K] extends (payload: never, ack: never) => void ? K : never;
}[keyof Map];

/**
 * Emits a request and resolves with its ack's `Result` (typed from the protocol maps;
 * socket.io's own `emitWithAck` typing loses the generic inside `Ack<T>`).
 */
export function ask<Map, K extends AckEvents<Map> & string>(
  socket: { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } },
  event: K,
  payload: Map[K] extends (payload: infer P, ack: never) => void ? P : never,
): Promise<Result<AckData<Map[K]>>> {
  return socket.timeout(3000).emitWithAck(event, payload) as Promise<Result<AckData<Map[K]>>>;
}

export const askCustomer = <K extends AckEvents<CustomerClientToServerEvents> & string>(
  socket: CustomerSocket,
  event: K,
  payload: Parameters<CustomerClientToServerEvents[K]>[0],
) => ask<CustomerClientToServerEvents, K>(socket as never, event, payload as never);

export const askAgent = <K extends AckEvents<AgentClientToServerEvents> & string>(
  socket: AgentSocket,
  event: K,
  payload: Parameters<AgentClientToServerEvents[K]>[0],
) => ask<AgentClientToServerEvents, K>(socket as never, event, payload as never);

/** Resolves with the next `event` on `socket` (or rejects after `ms`). */
export function next<T>(socket: Socket, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/**
 * Resolves with the next `event` on `socket` that `match` accepts (or rejects after `ms`): events
 * sent to another socket before it may still be on their way (storage with a network round trip).
 */
export function nextWhere<T>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean,
  ms = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    socket.on(event, listener);
  });
}

export const finesseHandlers = finesseHandlersFor(FINESSE_URL);

/** The data of an ok `Result`, or a thrown error naming the code. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/**
 * Registers the hooks most server tests share: msw standing in for Finesse, and a fresh chat
 * server per test (closed with its sockets afterwards). Read the server through the getter.
 */
export function useTestServer(
  overrides: Partial<ServerConfig> = {},
  serverOptions: ChatServerOptions = {},
): () => TestServer {
  const finesse = setupServer(...finesseHandlers);
  let server: TestServer | undefined;
  beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => finesse.close());
  beforeEach(async () => {
    server = await startTestServer(overrides, undefined, serverOptions);
  });
  afterEach(async () => {
    closeSockets();
    await server?.close();
  });
  return () => server as TestServer;
}
