import { describe, expect, it } from 'vitest';
import { acceptedChat, PNG, upload } from '../features/files/sharingTestKit.ts';
import { signedInCustomer, startChat } from '../testing/participants.ts';
import type { ChatOffer } from '../../sdk/core/protocol.ts';
import { askAgent, askCustomer, next, unwrap, useTestServer } from '../testing/testServer.ts';
import { limitsWith } from './testLimits.ts';

const png = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);

const getServer = useTestServer({
  offerTimeoutMs: 5000,
  limits: limitsWith({ filesPerChat: 3, fileBytesPerChat: 1000, filesPerCustomerPerDay: 4 }),
});

describe('upload limits', () => {
  it('accepts files only once an agent has joined', async () => {
    const server = getServer();
    const c = await signedInCustomer(server.url, 'Dana');
    const chat = await startChat(c.socket);
    const answer = await upload(server, c.token, chat.id, PNG, 'early.png');
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toBe('files can be shared once an agent has joined the chat');
  });

  it('holds a chat to its number of files and bytes, for both sides', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    expect((await upload(server, c.token, chat.id, png(400), '1.png')).status).toBe(200);
    expect((await upload(server, a.token, chat.id, png(400), '2.png')).status).toBe(200);
    const tooBig = await upload(server, c.token, chat.id, png(400), '3.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({
      code: 'TOO_LARGE',
      message: 'a chat holds at most 1000 bytes of files',
    });
    expect((await upload(server, c.token, chat.id, png(100), '3.png')).status).toBe(200);
    const fourth = await upload(server, a.token, chat.id, png(20), '4.png');
    expect(fourth.body.error).toMatchObject({ code: 'TOO_LARGE', message: 'a chat holds at most 3 files' });
    // A retry of a stored upload still gets its message (the quota counts files, not requests).
    const synced = unwrap(await askAgent(a.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.filter((message) => message.kind === 'file')).toHaveLength(3);
  });

  it('holds a customer to their files a day across chats, and says when to try again', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    for (let i = 0; i < 3; i++)
      expect((await upload(server, c.token, chat.id, png(30), `${i}.png`)).status).toBe(200);
    unwrap(await askCustomer(c.socket, 'chat:end', { chatId: chat.id }));
    const offered = next<ChatOffer>(a.socket, 'offer:new');
    const second = await startChat(c.socket);
    unwrap(await askAgent(a.socket, 'offer:accept', { chatId: (await offered).chatId }));
    expect((await upload(server, c.token, second.id, png(30), '4.png')).status).toBe(200);
    const fifth = await upload(server, c.token, second.id, png(30), '5.png');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(fifth.body.error?.retryAfterMs).toBeGreaterThan(86_000_000);
    const health = (await (await fetch(`${server.url}/health`)).json()) as {
      limits: { refused: Record<string, number> };
    };
    expect(health.limits.refused).toMatchObject({ filesPerCustomer: 1, filesPerChat: 0 });
  });
});
