// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type ParticipantRef } from '../../../../sdk/index.ts';
import { createFakeChatServer } from '../../../../sdk/testing/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { ChatScreen } from './ChatScreen.tsx';

afterEach(cleanup);

const customer: ParticipantRef = { role: 'customer', id: 'c-1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace' };

async function setup() {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent });
  const client = createChatClient({ transport: server.transport(customer), self: customer });
  client.connect();
  await waitFor(() => expect(client.getState().chats[chat.id]).toBeDefined());
  renderWidget(
    <ChatScreen
      client={client}
      chatId={chat.id}
      selfId="c-1"
      autoFocus
      onStatus={vi.fn()}
      onClose={vi.fn()}
      onNewChat={vi.fn()}
    />,
  );
  return { server, chat, user: userEvent.setup() };
}

describe('ChatScreen long text', () => {
  it('sends a 5,000-character paste whole, as messages in order, and says so before', async () => {
    const { server, chat, user } = await setup();
    const text = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ');
    const box = screen.getByTestId<HTMLTextAreaElement>('widget.composer');
    box.focus();
    await user.paste(text);

    expect(box.value).toBe(text); // not cut to 4,000
    expect(screen.getByText('Long text: it will be sent as 2 messages.')).toBeTruthy();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(server.messages(chat.id)).toHaveLength(2));
    expect(
      server
        .messages(chat.id)
        .map((message) => message.text)
        .join(' '),
    ).toBe(text);
    expect(box.value).toBe('');
  });
});
