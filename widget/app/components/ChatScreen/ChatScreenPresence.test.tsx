// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type ParticipantRef } from '../../../../sdk/index.ts';
import { createFakeChatServer } from '../../../../sdk/testing/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { ChatScreen } from './ChatScreen.tsx';

afterEach(cleanup);

const customer: ParticipantRef = { role: 'customer', id: 'c-1', name: 'Ada' };
const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

async function setup() {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent });
  server.update(chat.id, { presence: { customer: true, agent: true } });
  const transport = server.transport(customer);
  const client = createChatClient({ transport, self: customer });
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
  return { server, chat, transport };
}

describe('ChatScreen header presence', () => {
  it('says "Online" only while the customer is connected and the agent’s desktop is there', async () => {
    const { server, chat, transport } = await setup();
    const subtitle = screen.getByTestId('widget.status');
    expect(subtitle.textContent).toBe('Online · here to help');
    expect(document.querySelector('.w-header__presence')).not.toBeNull();

    act(() => transport.drop({ willReconnect: true }));
    expect(subtitle.textContent).toBe("You're offline · your messages will wait");
    expect(subtitle.dataset['line']).toBe('offline');
    expect(document.querySelector('.w-header__presence')).toBeNull();

    act(() => transport.restore());
    await waitFor(() => expect(subtitle.textContent).toBe('Online · here to help'));

    act(() => void server.update(chat.id, { presence: { customer: true, agent: false } }));
    await waitFor(() => expect(subtitle.textContent).toBe('Agent away · your messages will wait'));
    expect(document.querySelector('.w-header__presence')).toBeNull();

    act(() => void server.update(chat.id, { presence: { customer: true, agent: true } }));
    await waitFor(() => expect(subtitle.textContent).toBe('Online · here to help'));
  });
});
