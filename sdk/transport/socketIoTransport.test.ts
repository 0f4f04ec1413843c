/**
 * Against a real socket.io server on an ephemeral port: the transport's promises, refusals and
 * reconnects are socket.io's behaviour, which a fake could only guess.
 */
import { Server, type Socket as ServerSocket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransportEvents } from '../core/chatTransport.ts';
import type { TransportName } from '../core/chatTypes.ts';
import { HybridChatError } from '../core/errors.ts';
import type { CustomerServerToClientEvents, HandshakeAuth } from '../core/protocol.ts';
import { createSocketIoTransport, socketEndpoint, type SocketIoTransport } from './socketIoTransport.ts';

type Events = TransportEvents<CustomerServerToClientEvents>;

let io: Server;
let url: string;
let sockets: ServerSocket[];
let notices: unknown[];
const opened: Array<SocketIoTransport<'/customer'>> = [];

beforeEach(async () => {
  sockets = [];
  notices = [];
  io = new Server(0, { transports: ['polling', 'websocket'] });
  const customers = io.of('/customer');
  customers.use((socket, next) => {
    const token = (socket.handshake.auth as Partial<HandshakeAuth>).token;
    if (token === 'good') return next();
    if (token === 'flooding') {
      // As server/limits/socketGuard.ts refuses a session in its cool-down.
      const limited = new Error('RATE_LIMITED: cut off for flooding') as Error & { data?: unknown };
      limited.data = { code: 'RATE_LIMITED', retryAfterMs: 27_500 };
      return next(limited);
    }
    const error = new Error('UNAUTHORIZED: invalid or expired session token') as Error & { data?: unknown };
    error.data = { code: 'UNAUTHORIZED' };
    next(error);
  });
  customers.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('chat:list', (_payload, ack: (result: unknown) => void) =>
      ack({ ok: true, data: { chats: [] } }),
    );
    socket.on('chat:end', (_payload, ack: (result: unknown) => void) =>
      ack({ ok: false, error: { code: 'NOT_FOUND', message: 'no such chat' } }),
    );
    socket.on('chat:sync', () => {}); // never acks
    socket.on('message:send', (_payload, ack: (result: unknown) => void) => ack('garbage'));
    socket.on('chat:typing', (payload) => notices.push(payload));
  });
  await new Promise<void>((resolve) => io.httpServer.once('listening', resolve));
  url = `http://localhost:${(io.httpServer.address() as { port: number }).port}`;
});

afterEach(async () => {
  for (const transport of opened.splice(0)) transport.close();
  await io.close();
});

function create(
  auth: () => HandshakeAuth | Promise<HandshakeAuth> = () => ({ token: 'good' }),
  transports: TransportName[] = ['websocket'],
) {
  const transport = createSocketIoTransport({
    url,
    namespace: '/customer',
    auth,
    transports,
    reconnection: { delayMs: 20, maxDelayMs: 50 },
  });
  opened.push(transport);
  return transport;
}

function next<K extends keyof Events>(
  transport: SocketIoTransport<'/customer'>,
  event: K,
): Promise<Events[K]> {
  return new Promise((resolve) => {
    const off = transport.on(event, (payload) => {
      off();
      resolve(payload);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<HybridChatError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: HybridChatError) => error,
  );
}

describe('createSocketIoTransport', () => {
  it('connects, reports its transport and resolves a request with the ack data', async () => {
    const transport = create();
    transport.connect();

    expect(await next(transport, 'connect')).toEqual({ transport: 'websocket' });
    expect(transport).toMatchObject({ connected: true, active: true, transportName: 'websocket' });
    await expect(transport.request('chat:list', {})).resolves.toEqual({ chats: [] });
  });

  it('connects over polling and reports the upgrade to websocket', async () => {
    // Hold back the websocket upgrade, so that the namespace handshake completes on polling first.
    const upgradeListeners = io.httpServer.listeners('upgrade') as Array<(...args: unknown[]) => void>;
    io.httpServer.removeAllListeners('upgrade');
    io.httpServer.on('upgrade', (...args: unknown[]) => {
      setTimeout(() => {
        for (const listener of upgradeListeners) listener.apply(io.httpServer, args);
      }, 200);
    });
    const transport = create(undefined, ['polling', 'websocket']);
    const upgraded = next(transport, 'transport');
    transport.connect();

    expect(await next(transport, 'connect')).toEqual({ transport: 'polling' });
    expect(transport.transportName).toBe('polling');
    expect(await upgraded).toBe('websocket');
    expect(transport.transportName).toBe('websocket');
  });

  it('reports polling when the server allows no upgrade', async () => {
    const pollingOnly = new Server(0, { allowUpgrades: false });
    pollingOnly.of('/customer');
    await new Promise<void>((resolve) => pollingOnly.httpServer.once('listening', resolve));
    const port = (pollingOnly.httpServer.address() as { port: number }).port;
    const transport = createSocketIoTransport({
      url: `http://localhost:${port}`,
      namespace: '/customer',
      auth: () => ({ token: 't' }),
    });
    try {
      transport.connect();
      expect(await next(transport, 'connect')).toEqual({ transport: 'polling' });
      expect(transport.transportName).toBe('polling');
    } finally {
      transport.close();
      await pollingOnly.close();
    }
  });

  it('rejects with the server code, with TIMEOUT without an ack, with PROTOCOL for a malformed ack', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');

    expect(await rejection(transport.request('chat:end', { chatId: 'c' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'no such chat',
    });
    expect((await rejection(transport.request('chat:sync', { chatId: 'c', afterSeq: 0 }, 100))).code).toBe(
      'TIMEOUT',
    );
    expect(
      (await rejection(transport.request('message:send', { chatId: 'c', clientId: 'x', text: 'hi' }))).code,
    ).toBe('PROTOCOL');
  });

  it('rejects with DISCONNECTED while not connected, and when the connection drops before the ack', async () => {
    const transport = create();
    expect((await rejection(transport.request('chat:list', {}))).code).toBe('DISCONNECTED');

    transport.connect();
    await next(transport, 'connect');
    const pending = transport.request('chat:sync', { chatId: 'c', afterSeq: 0 }, 5000);
    sockets[0]?.conn.close();

    expect((await rejection(pending)).code).toBe('DISCONNECTED');
  });

  it('turns a handshake refusal into connectError with the server code, and stops', async () => {
    const transport = create(() => ({ token: 'expired' }));
    transport.connect();

    const error = await next(transport, 'connectError');

    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(error.message).toContain('expired session token');
    expect(transport.active).toBe(false);
  });

  it('carries the retryAfterMs of a RATE_LIMITED handshake refusal', async () => {
    const transport = create(() => ({ token: 'flooding' }));
    transport.connect();

    const error = await next(transport, 'connectError');

    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 27_500, retryable: true });
    expect(transport.active).toBe(false);
  });

  it('turns the server’s end of a session into connectError UNAUTHORIZED after the disconnect', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');
    const order: string[] = [];
    transport.on('disconnect', ({ willReconnect }) => order.push(`disconnect:${willReconnect}`));
    const refused = next(transport, 'connectError');
    sockets[0]?.emit('session:ended', { reason: 'expired' });
    sockets[0]?.disconnect(true);

    const error = await refused;
    expect(order).toEqual(['disconnect:false']);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(error.message).toContain('expired');
    // A fresh token connects again.
    transport.connect();
    expect(await next(transport, 'connect')).toEqual({ transport: 'websocket' });
  });

  it('reports a plain server disconnect as a disconnect only', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');
    const errors: unknown[] = [];
    transport.on('connectError', (error) => errors.push(error));
    const closed = next(transport, 'disconnect');
    sockets[0]?.disconnect(true);
    expect(await closed).toEqual({ reason: 'io server disconnect', willReconnect: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });

  it('asks for the token on every connect, so a refreshed one is used', async () => {
    let token = 'expired';
    let calls = 0;
    const transport = create(async () => {
      calls++;
      return { token };
    });
    transport.connect();
    await next(transport, 'connectError');

    token = 'good';
    transport.connect();

    expect(await next(transport, 'connect')).toEqual({ transport: 'websocket' });
    expect(calls).toBe(2);
  });

  it('stops with connectError when the auth callback fails', async () => {
    const transport = create(() =>
      Promise.reject(new HybridChatError('DISCONNECTED', 'token refresh failed')),
    );
    transport.connect();

    const error = await next(transport, 'connectError');

    expect(error).toMatchObject({ code: 'DISCONNECTED', message: 'token refresh failed' });
    expect(transport.active).toBe(false);
  });

  it('says it will not reconnect once socket.io runs out of attempts', async () => {
    const transport = createSocketIoTransport({
      url,
      namespace: '/customer',
      auth: () => ({ token: 'good' }),
      transports: ['websocket'],
      reconnection: { attempts: 1, delayMs: 10, maxDelayMs: 10 },
    });
    opened.push(transport);
    transport.connect();
    await next(transport, 'connect');
    const reasons: Array<Events['disconnect']> = [];
    transport.on('disconnect', (payload) => reasons.push(payload));

    await io.close();

    await expect.poll(() => reasons.at(-1)).toEqual({ reason: 'reconnect failed', willReconnect: false });
    expect(reasons[0]).toEqual({ reason: 'transport close', willReconnect: true });
    expect(transport.active).toBe(false);
  });

  it('reconnects by itself after a network drop and says so', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');
    const dropped = next(transport, 'disconnect');
    const back = next(transport, 'connect');

    sockets[0]?.conn.close();

    expect(await dropped).toEqual({ reason: 'transport close', willReconnect: true });
    expect(await back).toEqual({ transport: 'websocket' });
  });

  it('reports a disconnect by the server as final', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');
    const dropped = next(transport, 'disconnect');

    sockets[0]?.disconnect();

    expect(await dropped).toEqual({ reason: 'io server disconnect', willReconnect: false });
    expect(transport.active).toBe(false);
  });

  it('delivers notices and server events, and stops delivering after unsubscribe', async () => {
    const transport = create();
    transport.connect();
    await next(transport, 'connect');
    const received: unknown[] = [];
    const off = transport.on('chat:typing', (notice) => received.push(notice));
    const notice = { chatId: 'c', from: { role: 'agent', id: 'a', name: 'Bob' }, typing: true };

    transport.notify('chat:typing', { chatId: 'c', typing: true });
    sockets[0]?.emit('chat:typing', notice);
    await expect.poll(() => received).toEqual([notice]);
    await expect.poll(() => notices).toEqual([{ chatId: 'c', typing: true }]);

    off();
    sockets[0]?.emit('chat:typing', notice);
    await transport.request('chat:list', {}); // a round trip later, nothing more arrived
    expect(received).toHaveLength(1);
  });
});

describe('socketEndpoint', () => {
  it.each([
    ['https://chat.example.com:8444', undefined, { origin: 'https://chat.example.com:8444' }],
    ['https://chat.example.com:8444/', undefined, { origin: 'https://chat.example.com:8444' }],
    [
      'https://proxy.example.com/chat/',
      undefined,
      { origin: 'https://proxy.example.com', path: '/chat/socket.io' },
    ],
    [
      'https://proxy.example.com/chat',
      '/custom/io',
      { origin: 'https://proxy.example.com', path: '/custom/io' },
    ],
  ])('%s (path %s) → %o', (url, path, expected) => {
    expect(socketEndpoint(url, path)).toEqual(expected);
  });
});
