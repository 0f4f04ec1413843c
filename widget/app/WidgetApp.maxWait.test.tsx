// @vitest-environment jsdom
/** The widget app after the queue's maximum wait: leaving a message instead, or going on waiting. */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type WidgetConfigResponse,
  createChatClient,
  HybridChatError,
  type ParticipantRef,
} from '../../sdk/index.ts';
import { createFakeChatServer } from '../../sdk/testing/index.ts';
import type { SavedChat } from './storage.ts';
import { agent, OPEN, setupWidgetApp } from './testing/widgetApp.tsx';

afterEach(cleanup);

describe('WidgetApp', () => {
  describe('after the queue’s maximum wait', () => {
    const WITH_EMAIL: WidgetConfigResponse = {
      ...OPEN,
      prechat: { fields: [...OPEN.prechat.fields, { name: 'email', required: true, maxLength: 254 }] },
    };

    async function waitTooLong() {
      const app = setupWidgetApp({ config: WITH_EMAIL });
      await app.user.type(await screen.findByTestId('widget.prechat.name'), 'Ada Lovelace');
      await app.user.type(screen.getByTestId('widget.prechat.email'), 'ada@example.com');
      await app.user.click(screen.getByTestId('widget.prechat.start'));
      await screen.findByTestId('widget.composer');
      const chatId = app.started[0] ?? '';
      await app.user.type(screen.getByTestId('widget.composer'), 'My card was charged twice.{Enter}');
      await app.user.type(screen.getByTestId('widget.composer'), 'half a thought');
      expect(screen.queryByTestId('widget.waiting.leave')).toBeNull();
      await act(async () => {
        app.server.update(chatId, { queuePosition: 4, maxWaitReached: true });
      });
      return { ...app, chatId };
    }

    it('leaves a message with what the customer gave, then leaves the queue and says the message was sent', async () => {
      const { api, deps, server, chatId, user, bridge } = await waitTooLong();
      await user.click(await screen.findByRole('button', { name: 'Leave a message' }));

      const form = await screen.findByRole('form', { name: 'Leave us a message' });
      expect(screen.getByTestId('widget.composer').closest('main')?.hidden).toBe(true);
      expect((screen.getByTestId('widget.leave.name') as HTMLInputElement).value).toBe('Ada Lovelace');
      expect((screen.getByTestId('widget.leave.email') as HTMLInputElement).value).toBe('ada@example.com');
      const message = screen.getByTestId('widget.leave.message') as HTMLTextAreaElement;
      expect(message.value).toBe('My card was charged twice.');
      await waitFor(() => expect(document.activeElement).toBe(message));
      expect(message.selectionStart).toBe(message.value.length);
      // Still waiting: no way to end the chat from the header while the form is open.
      expect(screen.queryByTestId('widget.end')).toBeNull();
      expect(server.chat(chatId)?.status).toBe('queued');

      await user.type(message, ' Please refund one.');
      await user.click(within(form).getByTestId('widget.leave.send'));
      await screen.findByTestId('widget.leave.sent');
      expect(api.leaveMessage).toHaveBeenCalledExactlyOnceWith({
        clientId: expect.any(String),
        queue: 'default',
        locale: 'en',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        message: 'My card was charged twice. Please refund one.',
        reason: 'max-wait',
      });
      // The customer left the queue: their chat ended, by them, after the message was stored.
      expect(server.chat(chatId)).toMatchObject({ status: 'ended', endedBy: 'customer' });
      expect(deps.clearSavedChat).toHaveBeenCalled();
      expect(screen.getByTestId('widget.status').dataset.status).toBe('ended');
      expect(bridge.post).toHaveBeenCalledWith({ type: 'status', status: 'ended' });
      expect(screen.getByTestId('widget.leave.sent').textContent).toContain(
        "We've received your message and will reply to ada@example.com.",
      );
      // No going back to a chat that has ended.
      expect(screen.queryByTestId('widget.leave.back')).toBeNull();
    });

    it('after a reload, fills in what the chat was started with', async () => {
      const server = createFakeChatServer();
      const self: ParticipantRef = { role: 'customer', id: 'c-1', name: 'Ada' };
      const resume = vi.fn(async () => {
        const transport = server.transport(self);
        const client = createChatClient({ transport, self });
        client.connect();
        await waitFor(() => expect(transport.connected).toBe(true));
        const { chat } = await transport.request('chat:start', { clientId: 'start-r' });
        server.update(chat.id, { preChat: { name: 'Ada', email: 'ada@example.com' }, maxWaitReached: true });
        client.track(server.chat(chat.id) ?? chat);
        return {
          client,
          chatId: chat.id,
          saved: { token: 't-1', customerId: 'c-1', chatId: chat.id, name: 'Ada' },
          token: () => 't-1',
          close: () => client.close(),
        };
      });
      const saved: SavedChat = { v: 1, token: 't-1', customerId: 'c-1', chatId: 'x', name: 'Ada' };
      const { user } = setupWidgetApp({ saved, resume });
      await user.click(await screen.findByRole('button', { name: 'Leave a message' }));
      await screen.findByRole('form', { name: 'Leave us a message' });
      expect((screen.getByTestId('widget.leave.name') as HTMLInputElement).value).toBe('Ada');
      expect((screen.getByTestId('widget.leave.email') as HTMLInputElement).value).toBe('ada@example.com');
      await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('widget.leave.message')));
    });

    it('goes back to the waiting chat as it was, with the focus on the offer', async () => {
      const { api, server, chatId, user } = await waitTooLong();
      await user.click(await screen.findByRole('button', { name: 'Leave a message' }));
      await user.click(await screen.findByRole('button', { name: 'Keep waiting' }));

      expect(screen.queryByTestId('widget.leave')).toBeNull();
      expect(screen.getByTestId('widget.status').dataset.status).toBe('waiting');
      expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're number 4 in line.");
      const offer = screen.getByRole('button', { name: 'Leave a message' });
      await waitFor(() => expect(document.activeElement).toBe(offer));
      expect((screen.getByTestId('widget.composer') as HTMLTextAreaElement).value).toBe('half a thought');
      expect(api.leaveMessage).not.toHaveBeenCalled();
      expect(server.chat(chatId)?.status).toBe('queued');
    });

    it('keeps the chat waiting when the message cannot be sent', async () => {
      const { api, server, chatId, user } = await waitTooLong();
      api.leaveMessage.mockRejectedValueOnce(new HybridChatError('DISCONNECTED', 'down'));
      await user.click(await screen.findByRole('button', { name: 'Leave a message' }));
      await user.click(await screen.findByTestId('widget.leave.send'));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Your message could not be sent. Please try again.',
      );
      expect(server.chat(chatId)?.status).toBe('queued');
      expect(screen.getByTestId('widget.leave.back')).toBeTruthy();
    });

    it('returns to the conversation when an agent answers meanwhile, and says who joined', async () => {
      const { server, chatId, user } = await waitTooLong();
      await user.click(await screen.findByRole('button', { name: 'Leave a message' }));
      await screen.findByRole('form', { name: 'Leave us a message' });
      await act(async () => {
        server.update(chatId, {
          status: 'active',
          agent: { id: agent.id, name: agent.name },
          acceptedAt: Date.now(),
          queuePosition: null,
          maxWaitReached: false,
        });
      });
      await waitFor(() => expect(screen.queryByTestId('widget.leave')).toBeNull());
      expect(screen.getByTestId('widget.status').dataset.status).toBe('active');
      expect(screen.getByText('Grace Hopper joined the chat', { selector: '[role=status]' })).toBeTruthy();
      await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('widget.composer')));
    });
  });
});
