/**
 * Shared setup of the chat client tests (`sdk/core/chatClient.*.test.ts`): a client for the customer
 * of one chat on the in-memory fake server, and small readers of what it sent and shows.
 */
import { vi } from 'vitest';
import { createChatClient, type ChatClientOptions } from '../core/chatClient.ts';
import type { ChatClientState } from '../core/chatTypes.ts';
import type { ChatMessage, ParticipantRef } from '../core/protocol.ts';
import { createFakeChatServer, type FakeTransport } from './fakeTransport.ts';

export const customer: ParticipantRef = { role: 'customer', id: 'cust-1', name: 'Ada' };
export const agent: ParticipantRef = { role: 'agent', id: 'agent-1', name: 'Bob' };

export function setup(options: Partial<ChatClientOptions> & { syncPageSize?: number } = {}) {
  const server = createFakeChatServer({ syncPageSize: options.syncPageSize });
  const chat = server.createChat({ customer, agent });
  const transport = server.transport(customer);
  const client = createChatClient({ transport, self: customer, random: () => 0.5, ...options });
  const messageEvents: ChatMessage[] = [];
  client.on('message', (message) => messageEvents.push(message));
  return { server, chat, chatId: chat.id, transport, client, messageEvents };
}

/** Lets the fake network and every 0-ms timer run. */
export const settle = () => vi.advanceTimersByTimeAsync(0);
export const sentOf = (transport: FakeTransport, event: string) =>
  transport.sent.filter((entry) => entry.event === event).map((entry) => entry.payload);
export const texts = (state: ChatClientState, chatId: string) =>
  state.chats[chatId]?.messages.map((m) => m.text) ?? [];
