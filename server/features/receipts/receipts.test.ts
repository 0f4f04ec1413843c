import { describe, expect, it } from 'vitest';
import type { ReceiptNotice } from '../../../sdk/core/protocol.ts';
import { acceptedChat, agent, customer } from '../files/sharingTestKit.ts';
import {
  askAgent,
  askCustomer,
  closeSockets,
  connectSocket,
  next,
  unwrap,
  useTestServer,
  type AgentSocket,
} from '../../testing/testServer.ts';

const getServer = useTestServer({ offerTimeoutMs: 5000 });

/** Collects `chat:receipt` notices on a socket. */
function notices(socket: { on(event: string, fn: (notice: ReceiptNotice) => void): void }) {
  const seen: ReceiptNotice[] = [];
  socket.on('chat:receipt', (notice) => seen.push(notice));
  return seen;
}

const pause = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivered/read receipts', () => {
  it('relays a side’s watermarks to both sides, stores them and puts them in every summary', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const sent = unwrap(
      await askAgent(a.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'Hello Dana' }),
    ).message;

    const atAgent = next<ReceiptNotice>(a.socket, 'chat:receipt');
    const atCustomer = next<ReceiptNotice>(c.socket, 'chat:receipt');
    const acked = unwrap(
      await askCustomer(c.socket, 'chat:receipt', { chatId: chat.id, delivered: sent.seq }),
    );
    expect(acked.receipts.customer).toEqual({ delivered: sent.seq, read: 0 });
    const expected = { chatId: chat.id, side: 'customer', delivered: sent.seq, read: 0 };
    expect(await atAgent).toEqual(expected);
    expect(await atCustomer).toEqual(expected);

    const read = next<ReceiptNotice>(a.socket, 'chat:receipt');
    unwrap(await askCustomer(c.socket, 'chat:receipt', { chatId: chat.id, read: sent.seq }));
    expect(await read).toMatchObject({ side: 'customer', delivered: sent.seq, read: sent.seq });

    const summary = unwrap(await askAgent(a.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 })).chat;
    expect(summary.receipts).toEqual({
      customer: { delivered: sent.seq, read: sent.seq },
      agent: { delivered: 0, read: 0 },
    });

    // A server restart keeps them: the rehydrating gadget learns them from chat:list.
    closeSockets();
    await server.restart();
    const again = await connectSocket<AgentSocket>(server.url, '/agent', a.token);
    const listed = unwrap(await askAgent(again, 'chat:list', {})).chats.find((x) => x.id === chat.id);
    expect(listed?.receipts?.customer).toEqual({ delivered: sent.seq, read: sent.seq });
  });

  it('never lowers a watermark, never passes the last message, and stays quiet when nothing moves', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const seen = notices(a.socket);
    const last = unwrap(
      await askAgent(a.socket, 'message:send', { chatId: chat.id, clientId: 'a1', text: 'Hi' }),
    ).message.seq;

    unwrap(await askCustomer(c.socket, 'chat:receipt', { chatId: chat.id, delivered: 999, read: 999 }));
    unwrap(await askCustomer(c.socket, 'chat:receipt', { chatId: chat.id, delivered: 1, read: 1 }));
    const again = unwrap(await askCustomer(c.socket, 'chat:receipt', { chatId: chat.id, read: last }));
    expect(again.receipts.customer).toEqual({ delivered: last, read: last });
    await pause();
    expect(seen).toEqual([{ chatId: chat.id, side: 'customer', delivered: last, read: last }]);
  });

  it('refuses receipts for a chat that is not the sender’s, and malformed ones', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    unwrap(await askCustomer(c.socket, 'message:send', { chatId: chat.id, clientId: 'c1', text: 'Hi' }));
    const seenByAgent = notices(a.socket);
    const seenByCustomer = notices(c.socket);

    const stranger = await customer(server, 'Mallory');
    const otherAgent = await agent(server, 1);
    const refusals = await Promise.all([
      askCustomer(stranger.socket, 'chat:receipt', { chatId: chat.id, read: 1 }),
      askAgent(otherAgent.socket, 'chat:receipt', { chatId: chat.id, read: 1 }),
      askAgent(a.socket, 'chat:receipt', { chatId: chat.id } as never),
      askAgent(a.socket, 'chat:receipt', { chatId: chat.id, read: -1 }),
      askAgent(a.socket, 'chat:receipt', { chatId: chat.id, read: 1, extra: true } as never),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'BAD_REQUEST',
      'BAD_REQUEST',
      'BAD_REQUEST',
    ]);
    await pause();

    expect(seenByAgent).toEqual([]);
    expect(seenByCustomer).toEqual([]);
    const summary = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 })).chat;
    expect(summary.receipts).toEqual({
      customer: { delivered: 0, read: 0 },
      agent: { delivered: 0, read: 0 },
    });
  });
});
