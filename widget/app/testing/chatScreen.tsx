/**
 * The widget's chat screen over the real SDK chat client and the SDK's in-memory chat server, for
 * the ChatScreen tests: Ada's chat with an agent, her client connected to it, stub handlers.
 */
import { waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { expect, vi } from 'vitest';
import {
  createChatClient,
  type ChatClient,
  type ChatSummary,
  type ParticipantRef,
} from '../../../sdk/index.ts';
import { createFakeChatServer } from '../../../sdk/testing/index.ts';
import { ChatScreen } from '../components/ChatScreen/ChatScreen.tsx';
import { renderWidget } from './render.tsx';

export const customer: ParticipantRef = { role: 'customer', id: 'c-1', name: 'Ada' };

/** `chat`: what the server's chat holds before Ada's client connects (e.g. who is present). */
export async function renderChatScreen(agent: ParticipantRef, chat: Partial<ChatSummary> = {}) {
  const server = createFakeChatServer();
  const created = server.createChat({ customer, agent });
  if (Object.keys(chat).length > 0) server.update(created.id, chat);
  const transport = server.transport(customer);
  const client = createChatClient({ transport, self: customer });
  client.connect();
  await waitFor(() => expect(client.getState().chats[created.id]).toBeDefined());
  showChatScreen(client, created.id);
  return { server, chat: created, client, transport, user: userEvent.setup() };
}

/** Renders the chat screen of `chatId` as customer c-1 sees it through `client`, with stub handlers. */
export function showChatScreen(client: ChatClient, chatId: string): void {
  renderWidget(
    <ChatScreen
      client={client}
      chatId={chatId}
      selfId={customer.id}
      autoFocus
      onStatus={vi.fn()}
      onClose={vi.fn()}
      onNewChat={vi.fn()}
    />,
  );
}
