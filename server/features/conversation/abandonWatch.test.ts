import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatSummary } from '../../../sdk/core/protocol.ts';
import {
  askCustomer,
  connectSocket,
  unwrap,
  useTestServer,
  type CustomerSocket,
} from '../../testing/testServer.ts';
import { customer, startChat } from './testKit.ts';
import { createAbandonWatch } from './abandonWatch.ts';

describe('abandon watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(graceMs = 1000) {
    const ended: string[] = [];
    const waiting = new Map([['c-1', [{ id: 'chat-1', customerName: 'Ada' }]]]);
    const watch = createAbandonWatch({
      graceMs,
      waitingChats: (id) => waiting.get(id) ?? [],
      endChat: (_customer, _name, chatId) => void ended.push(chatId),
    });
    return { ended, watch };
  }

  it('ends the waiting chats of a customer gone longer than the grace', async () => {
    const { ended, watch } = setup();
    watch.connected('c-1');
    watch.disconnected('c-1');
    await vi.advanceTimersByTimeAsync(999);
    expect(ended).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toEqual(['chat-1']);
  });

  it('keeps them for a customer back in time (a reload) or still in another tab', async () => {
    const { ended, watch } = setup();
    watch.connected('c-1');
    watch.disconnected('c-1');
    await vi.advanceTimersByTimeAsync(800);
    watch.connected('c-1');
    await vi.advanceTimersByTimeAsync(5000);
    watch.connected('c-1');
    watch.disconnected('c-1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(ended).toEqual([]);
  });

  it('gives customers waiting across a restart the same grace, and can be turned off', async () => {
    const { ended, watch } = setup();
    watch.watch('c-1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(ended).toEqual(['chat-1']);
    const off = setup(0);
    off.watch.watch('c-1');
    off.watch.connected('c-1');
    off.watch.disconnected('c-1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(off.ended).toEqual([]);
  });
});

describe('abandoned waiting chats on the server', () => {
  const server = useTestServer({ waitingAbandonS: 1 });

  it('ends a waiting chat whose customer left, and not one whose customer came back', async () => {
    const gone = await customer(server().url, 'Gone');
    const goneChat = await startChat(gone.socket);
    const back = await customer(server().url, 'Back');
    const backChat = await startChat(back.socket);
    gone.socket.close();
    back.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await connectSocket<CustomerSocket>(server().url, '/customer', back.token);
    await new Promise((resolve) => setTimeout(resolve, 1300));

    const returned = await connectSocket<CustomerSocket>(server().url, '/customer', gone.token);
    const { chat, messages } = unwrap(
      await askCustomer(returned, 'chat:sync', { chatId: goneChat.id, afterSeq: 0 }),
    );
    expect(chat).toMatchObject({ status: 'ended', endedBy: 'customer', queuePosition: null });
    expect(messages.at(-1)).toMatchObject<Partial<ChatMessage>>({ kind: 'event', event: 'customer-left' });

    const kept = unwrap(await askCustomer(again, 'chat:sync', { chatId: backChat.id, afterSeq: 0 })).chat;
    expect(kept).toMatchObject<Partial<ChatSummary>>({ status: 'queued', queuePosition: 1 });
  });
});
