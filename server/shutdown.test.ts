import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { signedInCustomer, startChat } from './testing/participants.ts';
import {
  askCustomer,
  closeSockets,
  connectSocket,
  finesseHandlers,
  next,
  startTestServer,
  unwrap,
  type CustomerSocket,
  type TestServer,
} from './testing/testServer.ts';

const finesse = setupServer(...finesseHandlers);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

let server: TestServer | undefined;
afterEach(async () => {
  closeSockets();
  await server?.close();
});

describe('graceful shutdown', () => {
  it('fails readiness, ends the sockets at the transport, and keeps what was acked', async () => {
    server = await startTestServer();
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok' } });
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    const customer = await signedInCustomer(server.url);
    const chat = await startChat(customer.socket);
    const sent = unwrap(
      await askCustomer(customer.socket, 'message:send', {
        chatId: chat.id,
        clientId: 'before-stop',
        text: 'sent before the stop',
      }),
    ).message;

    let closed = false;
    const disconnected = new Promise<{ reason: string; whileClosing: boolean }>((resolve) => {
      customer.socket.once('disconnect', (reason) => resolve({ reason, whileClosing: !closed }));
    });
    const closing = server.server.close().then(() => {
      closed = true;
    });
    // Readiness fails from the first moment of the stop, before anything else is let go.
    expect(await server.server.readiness.probe()).toMatchObject({ ready: false, draining: true });
    // The server ended the transport (a client that leaves sees "io client disconnect" instead);
    // socket.io clients reconnect after a transport close by themselves.
    expect(await disconnected).toEqual({ reason: 'transport close', whileClosing: true });
    await closing;
    expect(closed).toBe(true);

    // Started again on the same data: the acked message is there.
    await server.restart();
    const again = await connectSocket<CustomerSocket>(server.url, '/customer', customer.token);
    const synced = unwrap(await askCustomer(again, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.map((message) => message.clientId)).toContain('before-stop');
    expect(synced.messages.find((message) => message.seq === sent.seq)?.text).toBe('sent before the stop');
  });

  it('commits a message it was answering when the stop began', async () => {
    server = await startTestServer();
    const customer = await signedInCustomer(server.url);
    const chat = await startChat(customer.socket);
    // The server's own socket: a listener after the handler table's runs once the request is taken up.
    const [serverSide] = server.server.io.of('/customer').sockets.values();
    let closing: Promise<void> | undefined;
    serverSide?.onAny((event: string) => {
      if (event === 'message:send') closing = server?.server.close();
    });
    customer.socket.emit('message:send', { chatId: chat.id, clientId: 'in-flight', text: 'mid-stop' }, () => {
      // No ack can reach a socket the stop has ended.
    });
    await next(customer.socket, 'disconnect');
    await closing;

    await server.restart();
    const again = await connectSocket<CustomerSocket>(server.url, '/customer', customer.token);
    const synced = unwrap(await askCustomer(again, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.map((message) => message.clientId)).toContain('in-flight');
  });

  it('lets a reconnecting client find the node again once it is back', async () => {
    server = await startTestServer();
    const customer = await signedInCustomer(server.url);
    const socket = await connectSocket<CustomerSocket>(server.url, '/customer', customer.token, {
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    const gone = next<string>(socket, 'disconnect');
    await server.stop();
    expect(await gone).toBe('transport close');
    const back = next(socket, 'connect', 5000);
    await server.restart();
    await back;
    expect(socket.connected).toBe(true);
  });
});
