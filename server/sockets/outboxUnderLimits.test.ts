/**
 * The SDK's outbox against the real socket edge and its message bucket (server/limits/socketGuard.ts):
 * a burst well past the bucket arrives whole, once each and in order, without the socket being cut
 * off for flooding.
 */
import { describe, expect, it } from 'vitest';
import { createChatClient } from '../../sdk/core/chatClient.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { createSocketIoTransport } from '../../sdk/transport/socketIoTransport.ts';
import { limitsWith } from '../limits/testLimits.ts';
import { customerSession, useTestServer } from '../testing/testServer.ts';

const server = useTestServer({
  limits: limitsWith({ messages: { burst: 3, perS: 20 }, refusalsBeforeDisconnect: 20 }),
});

describe('the outbox under the message bucket', () => {
  it('delivers 30 messages written at once, each once and in order, and keeps its socket', async () => {
    const session = await customerSession(server().url, 'Dana');
    const transport = createSocketIoTransport({
      url: server().url,
      namespace: NAMESPACES.customer,
      auth: () => ({ token: session.token }),
      transports: ['websocket'],
    });
    const client = createChatClient({
      transport,
      self: { role: 'customer', id: session.customer.id, name: session.customer.name },
    });
    const drops: string[] = [];
    transport.on('disconnect', ({ reason }) => drops.push(reason));
    try {
      client.connect();
      await expect.poll(() => client.getState().status).toBe('online');
      const { chat } = await transport.request('chat:start', { clientId: crypto.randomUUID() });
      client.track(chat);

      const texts = Array.from({ length: 30 }, (_, i) => `burst ${i}`);
      for (const text of texts) client.send(chat.id, text);

      await expect
        .poll(() => client.getState().chats[chat.id]?.messages.filter((m) => m.delivery === 'sent').length, {
          timeout: 10_000,
        })
        .toBe(30);
      const { messages } = await transport.request('chat:sync', { chatId: chat.id, afterSeq: 0 });
      expect(messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual(texts);
      expect(drops).toEqual([]);
    } finally {
      client.close();
    }
  });
});
