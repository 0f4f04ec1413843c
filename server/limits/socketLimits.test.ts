import { describe, expect, it } from 'vitest';
import { NAMESPACES, type ChatMessage } from '../../sdk/core/protocol.ts';
import {
  askCustomer,
  connectSocket,
  customerSession,
  unwrap,
  useTestServer,
  type CustomerSocket,
} from '../testing/testServer.ts';
import { limitsWith } from './testLimits.ts';

const server = useTestServer({
  limits: limitsWith({
    socketsPerToken: 3,
    socketsPerIp: 5,
    messages: { burst: 5, perS: 2 },
    typing: { burst: 3, perS: 1 },
    refusalsBeforeDisconnect: 20,
  }),
});

const connect = (token: string) => connectSocket<CustomerSocket>(server().url, NAMESPACES.customer, token);

async function refusal(
  token: string,
): Promise<{ message: string; data?: { code: string; retryAfterMs: number } }> {
  try {
    await connect(token);
  } catch (error) {
    return error as never;
  }
  throw new Error('the socket connected');
}

async function chatOf(socket: CustomerSocket): Promise<string> {
  return unwrap(await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID() })).chat.id;
}

const send = (socket: CustomerSocket, chatId: string, text: string) =>
  askCustomer(socket, 'message:send', { chatId, clientId: crypto.randomUUID(), text });

describe('sockets per session and per address', () => {
  it('refuses a session its fourth socket until one closes', async () => {
    const { token } = await customerSession(server().url, 'Dana');
    const open = [await connect(token), await connect(token), await connect(token)];
    expect((await refusal(token)).data).toMatchObject({ code: 'RATE_LIMITED' });
    open[0]!.close();
    await expect
      .poll(
        async () =>
          await connect(token).then(
            () => true,
            () => false,
          ),
      )
      .toBe(true);
  });

  it('refuses an address its sixth customer socket', async () => {
    for (let i = 0; i < 5; i++) await connect((await customerSession(server().url, `C${i}`)).token);
    const { token } = await customerSession(server().url, 'Late');
    expect((await refusal(token)).data).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('per-socket buckets', () => {
  it('answers messages past the bucket RATE_LIMITED with a retry-after, and stores none of them', async () => {
    const socket = await connect((await customerSession(server().url, 'Dana')).token);
    const chatId = await chatOf(socket);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(socket, chatId, `m${i}`)));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(3);
    for (const result of refused) {
      expect(result.ok === false && result.error).toMatchObject({ code: 'RATE_LIMITED' });
      expect(result.ok === false && result.error.retryAfterMs).toBeGreaterThan(0);
    }
    const synced = unwrap(await askCustomer(socket, 'chat:sync', { chatId, afterSeq: 0 }));
    expect(synced.messages.filter((m: ChatMessage) => m.kind === 'text').map((m) => m.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    // After the wait it said, the same message goes through.
    const wait = refused[0]!.ok === false ? (refused[0]!.error.retryAfterMs ?? 0) : 0;
    await new Promise((resolve) => setTimeout(resolve, wait + 20));
    expect((await send(socket, chatId, 'later')).ok).toBe(true);
  });

  it('cuts off a socket that keeps pushing, and its session waits out a cool-down', async () => {
    const { token } = await customerSession(server().url, 'Flood');
    const socket = await connect(token);
    const chatId = await chatOf(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 40; i++) socket.emit('chat:typing', { chatId, typing: true });
    expect(await gone).toBe('io server disconnect');
    const again = await refusal(token);
    expect(again.data).toMatchObject({ code: 'RATE_LIMITED' });
    expect(again.data?.retryAfterMs).toBeGreaterThan(20_000);
    const health = (await (await fetch(`${server().url}/health`)).json()) as {
      limits: { refused: Record<string, number> };
    };
    expect(health.limits.refused.socketDisconnected).toBe(2); // the cut, and the refused reconnect
    expect(health.limits.refused.typing).toBeGreaterThanOrEqual(20);
  });

  it('keeps another customer unaffected by a flood beside it', async () => {
    const flooder = await connect((await customerSession(server().url, 'Flood')).token);
    const floodChat = await chatOf(flooder);
    const calm = await connect((await customerSession(server().url, 'Calm')).token);
    const calmChat = await chatOf(calm);
    // The flooder is cut off midway: its unanswered requests reject then.
    const flood = Array.from({ length: 200 }, (_, i) =>
      send(flooder, floodChat, `spam ${i}`).catch(() => 'cut off'),
    );
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await send(calm, calmChat, `hello ${i}`));
    expect(mine.every((result) => result.ok)).toBe(true);
    // Cut off (the acks of its first few stored messages may be lost with the connection: a
    // client resends those after reconnecting, and the server's dedup returns the same seq).
    expect(await Promise.all(flood)).toContain('cut off');
  });
});
