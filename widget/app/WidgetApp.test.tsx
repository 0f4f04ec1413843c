// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type ParticipantRef } from '../../sdk/index.ts';
import { createFakeChatServer, type FakeChatServer } from '../../sdk/testing/index.ts';
import type { HostBridge } from './hostBridge.ts';
import { ChatGoneError } from './session.ts';
import type { SavedChat } from './storage.ts';
import { renderWidget } from './testing/render.tsx';
import { WidgetApp, type WidgetDeps } from './WidgetApp.tsx';

afterEach(cleanup);

const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

/** The widget app over the real SDK chat client and the SDK's in-memory chat server. */
function setup(saved: SavedChat | null = null, resume?: WidgetDeps['resumeChat']) {
  const server: FakeChatServer = createFakeChatServer();
  const started: string[] = [];
  const deps: WidgetDeps = {
    startChat: vi.fn(async ({ name }) => {
      const self: ParticipantRef = { role: 'customer', id: 'c-1', name };
      const transport = server.transport(self);
      const client = createChatClient({ transport, self });
      client.connect();
      await waitFor(() => expect(transport.connected).toBe(true));
      const { chat } = await transport.request('chat:start', { clientId: 'start-1', preChat: { name } });
      client.track(chat);
      started.push(chat.id);
      return {
        client,
        chatId: chat.id,
        saved: { token: 't-1', customerId: 'c-1', chatId: chat.id, name },
        close: () => client.close(),
      };
    }),
    resumeChat: resume ?? vi.fn(),
    loadSavedChat: vi.fn(() => saved),
    saveChat: vi.fn(),
    clearSavedChat: vi.fn(),
  };
  const bridge: HostBridge = { post: vi.fn(), onVisibility: () => () => {} };
  renderWidget(<WidgetApp serverUrl="https://chat.example.com" bridge={bridge} deps={deps} />);
  return { server, deps, bridge, started, user: userEvent.setup() };
}

async function startChat(user: ReturnType<typeof userEvent.setup>, name = 'Ada Lovelace') {
  await user.type(screen.getByTestId('widget.prechat.name'), name);
  await user.click(screen.getByTestId('widget.prechat.start'));
  await screen.findByTestId('widget.composer');
}

describe('WidgetApp', () => {
  it('stores nothing before the customer starts a chat, then remembers it', async () => {
    const { deps, user } = setup();
    expect(deps.saveChat).not.toHaveBeenCalled();
    await startChat(user);
    expect(deps.saveChat).toHaveBeenCalledWith(
      expect.objectContaining({ customerId: 'c-1', name: 'Ada Lovelace' }),
    );
  });

  it('waits for an agent with the place in the queue, then names the agent', async () => {
    const { server, bridge, started, user } = setup();
    await startChat(user);
    const status = screen.getByTestId('widget.status');
    expect(status.dataset.status).toBe('waiting');
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're next in line.");

    const chatId = started[0] ?? '';
    await act(async () => {
      server.update(chatId, {
        status: 'active',
        agent: { id: agent.id, name: agent.name },
        queuePosition: null,
      });
      server.post(chatId, agent, 'Hi Ada, how can I help?');
    });
    await waitFor(() => expect(screen.getByTestId('widget.status').dataset.status).toBe('active'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Grace Hopper');
    expect(screen.getAllByTestId('widget.message').at(-1)?.textContent).toContain('Hi Ada, how can I help?');
    // The shared conversation and message box, in the widget's words.
    expect(screen.getByRole('log', { name: 'Chat messages' }).dataset.testid).toBe('widget.messages');
    expect(screen.getByRole('textbox', { name: 'Your message' }).dataset.testid).toBe('widget.composer');
    expect(screen.getByRole('button', { name: 'Send' }).dataset.testid).toBe('widget.send');
    expect(screen.getAllByText('Grace Hopper', { selector: '.ui-msg__author' })).toHaveLength(1);
    expect(bridge.post).toHaveBeenCalledWith({ type: 'status', status: 'active' });
  });

  it('ends after an in-app confirmation and starts over with the form', async () => {
    const { deps, user } = setup();
    await startChat(user);
    await user.click(screen.getByTestId('widget.end'));
    expect(screen.getByRole('alertdialog', { name: 'End the chat?' })).toBeTruthy();
    await user.click(screen.getByTestId('widget.end.confirm'));
    await screen.findByTestId('widget.ended');
    expect(screen.getByTestId('widget.status').dataset.status).toBe('ended');
    await user.click(screen.getByRole('button', { name: 'Start a new chat' }));
    expect(deps.clearSavedChat).toHaveBeenCalled();
    expect((screen.getByTestId('widget.prechat.name') as HTMLInputElement).value).toBe('Ada Lovelace');
  });

  it('goes back to the form when the saved chat cannot come back', async () => {
    const saved: SavedChat = { v: 1, token: 'old', customerId: 'c-1', chatId: 'gone', name: 'Ada' };
    const { deps } = setup(
      saved,
      vi.fn(async () => Promise.reject(new ChatGoneError('expired'))),
    );
    expect(screen.getByRole('status').textContent).toContain('Reconnecting to your chat');
    await screen.findByTestId('widget.prechat.name');
    expect(deps.clearSavedChat).toHaveBeenCalled();
    expect((screen.getByTestId('widget.prechat.name') as HTMLInputElement).value).toBe('Ada');
  });
});
