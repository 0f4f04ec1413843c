// @vitest-environment jsdom
/** The widget app through a chat: waiting, the agent, the end, a reload and a second tab. */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatGoneError, createChatClient } from '../../sdk/index.ts';
import { createFakeChatServer } from '../../sdk/testing/index.ts';
import type { SavedChat } from './storage.ts';
import { agent, setupWidgetApp, startChat } from './testing/widgetApp.tsx';

afterEach(cleanup);

describe('WidgetApp', () => {
  it('stores nothing before the customer starts a chat, then remembers it', async () => {
    const { customer, deps, user } = setupWidgetApp();
    expect(deps.saveChat).not.toHaveBeenCalled();
    await startChat(user);
    expect(deps.saveChat).toHaveBeenCalledWith(
      expect.objectContaining({ customerId: 'c-1', name: 'Ada Lovelace' }),
    );
    expect(customer.start).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Ada Lovelace', preChat: { name: 'Ada Lovelace' } }),
    );
  });
  it('waits for an agent with the place in the queue and the expected wait, then names the agent', async () => {
    const { server, bridge, started, user } = setupWidgetApp();
    await startChat(user);
    expect(screen.getByTestId('widget.status').dataset.status).toBe('waiting');
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're next in line.");
    const chatId = started[0] ?? '';
    await act(async () => {
      server.update(chatId, { queuePosition: 2, estimatedWait: { minS: 240, maxS: 540 } });
    });
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're number 2 in line.");
    expect(screen.getByTestId('widget.estimatedWait').textContent).toBe('Estimated wait: 4–9 minutes');

    await act(async () => {
      server.update(chatId, {
        status: 'active',
        agent: { id: agent.id, name: agent.name },
        queuePosition: null,
        estimatedWait: null,
      });
      server.post(chatId, agent, 'Hi Ada, how can I help?');
    });
    await waitFor(() => expect(screen.getByTestId('widget.status').dataset.status).toBe('active'));
    expect(screen.queryByTestId('widget.waiting')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Grace Hopper');
    expect(screen.getAllByTestId('widget.message').at(-1)?.textContent).toContain('Hi Ada, how can I help?');
    expect(bridge.post).toHaveBeenCalledWith({ type: 'status', status: 'active' });
  });
  it('ends after an in-app confirmation, offers a rating, and starts over with the form', async () => {
    const { deps, api, server, started, user } = setupWidgetApp();
    await startChat(user);
    await act(async () => {
      server.update(started[0] ?? '', {
        status: 'active',
        agent: { id: agent.id, name: agent.name },
        acceptedAt: Date.now(),
        queuePosition: null,
      });
    });
    await user.click(screen.getByTestId('widget.end'));
    expect(screen.getByRole('alertdialog', { name: 'End the chat?' })).toBeTruthy();
    await user.click(screen.getByTestId('widget.end.confirm'));
    await screen.findByTestId('widget.ended');
    expect(screen.getByTestId('widget.status').dataset.status).toBe('ended');
    await user.click(await screen.findByTestId('widget.csat.5'));
    await user.click(screen.getByTestId('widget.csat.send'));
    expect(api.rate).toHaveBeenCalledWith('t-1', started[0], { score: 5 });
    await screen.findByTestId('widget.csat.thanks');
    expect(screen.getByTestId('widget.transcript.email')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start a new chat' }));
    expect(deps.clearSavedChat).toHaveBeenCalled();
    expect(((await screen.findByTestId('widget.prechat.name')) as HTMLInputElement).value).toBe(
      'Ada Lovelace',
    );
  });
  it('offers no transcript email for a chat that ended before an agent took part', async () => {
    const { user } = setupWidgetApp();
    await startChat(user);
    await user.click(screen.getByTestId('widget.end'));
    await user.click(screen.getByTestId('widget.end.confirm'));
    await screen.findByTestId('widget.ended');
    expect(screen.getByTestId('widget.transcript.download')).toBeTruthy();
    expect(screen.queryByTestId('widget.transcript.email')).toBeNull();
  });
  it('goes back to the form when the saved chat cannot come back', async () => {
    const saved: SavedChat = { v: 1, token: 'old', customerId: 'c-1', chatId: 'gone', name: 'Ada' };
    const { deps } = setupWidgetApp({
      saved,
      resume: vi.fn(async () => Promise.reject(new ChatGoneError('expired'))),
    });
    expect(screen.getByRole('status').textContent).toContain('Reconnecting to your chat');
    const input = (await screen.findByTestId('widget.prechat.name')) as HTMLInputElement;
    expect(deps.clearSavedChat).toHaveBeenCalled();
    expect(input.value).toBe('Ada');
  });
  it('follows a chat started in another tab, but not while its own chat is live', async () => {
    const session = {
      // Never connected: only which chat the tab turns to matters here.
      client: createChatClient({ transport: createFakeChatServer().transport(agent), self: agent }),
      chatId: 'from-other-tab',
      saved: { token: 't-2', customerId: 'c-1', chatId: 'from-other-tab', name: 'Ada' },
      token: () => 't-2',
      close: vi.fn(),
    };
    const resume = vi.fn(async () => session);
    const { otherTab } = setupWidgetApp({ resume });
    await screen.findByTestId('widget.prechat.name');
    const saved: SavedChat = { v: 1, ...session.saved };
    await otherTab(saved);
    await waitFor(() => expect(resume).toHaveBeenCalledWith('https://chat.example.com', saved));
    cleanup();

    const live = setupWidgetApp({ resume });
    await startChat(live.user);
    resume.mockClear();
    await live.otherTab({ ...saved, chatId: 'another' });
    expect(resume).not.toHaveBeenCalled();
    expect(screen.getByTestId('widget.composer')).toBeTruthy();
  });
});
