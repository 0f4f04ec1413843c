/**
 * The transport's diagnosis of a connection that stays on long-polling, against a real socket.io
 * server whose WebSocket upgrades are refused, held or delayed the way reverse proxies do it.
 */
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpgradeStall } from '../core/chatTransport.ts';
import type { TransportName } from '../core/chatTypes.ts';
import { createSocketIoTransport, type SocketIoTransport } from './socketIoTransport.ts';

/** Node's `upgrade` listener, typed only as far as used here (the SDK's lint keeps node:* out). */
interface RawSocket {
  end(data: string): void;
  destroy(): void;
}
type UpgradeHandler = (request: unknown, socket: RawSocket, head: unknown) => void;

let io: Server;
let url: string;
let socketIoUpgrade: UpgradeHandler[];
const held: RawSocket[] = [];
const opened: Array<SocketIoTransport<'/customer'>> = [];

beforeEach(async () => {
  io = new Server(0);
  io.of('/customer').on('connection', (socket) =>
    socket.on('chat:list', (_payload, ack: (result: unknown) => void) =>
      ack({ ok: true, data: { chats: [] } }),
    ),
  );
  await new Promise<void>((resolve) => io.httpServer.once('listening', resolve));
  url = `http://localhost:${(io.httpServer.address() as { port: number }).port}`;
  socketIoUpgrade = io.httpServer.listeners('upgrade') as UpgradeHandler[];
});

afterEach(async () => {
  for (const transport of opened.splice(0)) transport.close();
  for (const socket of held.splice(0)) socket.destroy();
  await io.close();
});

/** What a proxy in front of the server does with the WebSocket upgrade request. */
function proxyUpgrades(handle: UpgradeHandler): void {
  io.httpServer.removeAllListeners('upgrade');
  io.httpServer.on('upgrade', handle as (...args: unknown[]) => void);
}

const forward: UpgradeHandler = (request, socket, head) => {
  for (const listener of socketIoUpgrade) listener.call(io.httpServer, request, socket, head);
};

function create(upgradeStallMs: number, transports?: TransportName[]) {
  const transport = createSocketIoTransport({
    url,
    namespace: '/customer',
    auth: () => ({ token: 't' }),
    upgradeStallMs,
    reconnection: { delayMs: 20, maxDelayMs: 50 },
    ...(transports ? { transports } : {}),
  });
  opened.push(transport);
  const stalls: UpgradeStall[] = [];
  const upgrades: TransportName[] = [];
  transport.on('upgradeStalled', (stall) => stalls.push(stall));
  transport.on('transport', (name) => upgrades.push(name));
  return { transport, stalls, upgrades };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('socket.io transport upgrade diagnosis', () => {
  it('reports a refused WebSocket upgrade at once (a proxy without Upgrade/Connection headers)', async () => {
    // nginx without `proxy_set_header Upgrade …` passes a plain GET on, and engine.io answers 400.
    proxyUpgrades((_request, socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    const { transport, stalls } = create(10_000);
    transport.connect();

    await expect.poll(() => stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({ reason: 'upgradeError' });
    expect(stalls[0]?.detail).toMatch(/probe error/i);
    expect(stalls[0]?.afterMs).toBeLessThan(10_000);
    expect(transport).toMatchObject({ connected: true, transportName: 'polling' });
    // Chat still works over polling.
    await expect(transport.request('chat:list', {})).resolves.toEqual({ chats: [] });
  });

  it('reports a held upgrade after upgradeStallMs, and the upgrade if it comes later', async () => {
    let release: (() => void) | undefined;
    proxyUpgrades((request, socket, head) => {
      held.push(socket);
      release = () => forward(request, socket, head);
    });
    const { transport, stalls, upgrades } = create(150);
    const started = Date.now();
    transport.connect();

    await expect.poll(() => stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({ reason: 'timeout' });
    expect(stalls[0]?.afterMs).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(transport.transportName).toBe('polling');

    release?.();
    await expect.poll(() => upgrades).toEqual(['websocket']);
    expect(transport.transportName).toBe('websocket');
    expect(stalls).toHaveLength(1);
  });

  it('says nothing when the upgrade succeeds in time', async () => {
    proxyUpgrades((request, socket, head) => setTimeout(() => forward(request, socket, head), 50));
    const { transport, stalls, upgrades } = create(400);
    transport.connect();

    await expect.poll(() => upgrades).toEqual(['websocket']);
    await sleep(600);
    expect(stalls).toEqual([]);
  });

  it('says nothing when polling was chosen (no websocket to upgrade to)', async () => {
    const { transport, stalls } = create(50, ['polling']);
    transport.connect();
    await expect.poll(() => transport.transportName).toBe('polling');

    await sleep(250);
    expect(stalls).toEqual([]);
  });

  it('watches every connection afresh: a reconnect that still cannot upgrade is reported again', async () => {
    proxyUpgrades((_request, socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    const connections: string[] = [];
    io.of('/customer').on('connection', (socket) => connections.push(socket.id));
    const { transport, stalls } = create(10_000);
    transport.connect();
    await expect.poll(() => stalls).toHaveLength(1);

    io.of('/customer').sockets.forEach((socket) => socket.conn.close());

    await expect.poll(() => connections).toHaveLength(2);
    await expect.poll(() => stalls).toHaveLength(2);
    expect(stalls.map((stall) => stall.reason)).toEqual(['upgradeError', 'upgradeError']);
  });
});
