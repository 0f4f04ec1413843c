// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatView as ChatViewModel } from '../../../sdk/index.ts';
import { activeChat, chatViewElement } from '../../testing/chatView.tsx';
import { renderGadget } from '../../testing/render.tsx';

afterEach(cleanup);

const chat = activeChat({ createdAt: Date.UTC(2025, 0, 1, 9), acceptedAt: Date.UTC(2025, 0, 1, 9, 1) });

function setup(view: Partial<ChatViewModel> = {}) {
  const props = {
    onSend: vi.fn(),
    onTyping: vi.fn(),
    onRetry: vi.fn(),
    onEnd: vi.fn(async () => {}),
    onClose: vi.fn(),
  };
  renderGadget(chatViewElement(chat, props, view));
  return { ...props, user: userEvent.setup() };
}

describe('ChatView', () => {
  it('asks in the gadget before ending: focus on Cancel, Escape backs out, focus returns', async () => {
    const { onEnd, user } = setup();
    const end = screen.getByTestId('gadget.end');
    await user.click(end);
    const dialog = screen.getByRole('alertdialog', { name: 'End this chat?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('gadget.end.confirm'));
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(end);
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('ends the chat on confirm', async () => {
    const { onEnd, user } = setup();
    await user.click(screen.getByTestId('gadget.end'));
    await user.click(screen.getByTestId('gadget.end.confirm'));
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('keeps a reply past the limit whole, says it goes as several messages, and sends every word in order', async () => {
    const { onSend, user } = setup();
    const box = screen.getByTestId<HTMLTextAreaElement>('gadget.composer');
    const text = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ');
    box.focus();
    await user.paste(text);

    expect(box.value).toBe(text);
    expect(screen.getByText('Long text: it will be sent as 2 messages.')).toBeTruthy();
    await user.click(screen.getByTestId('gadget.send'));

    const sent = onSend.mock.calls.map(([part]) => part as string);
    expect(sent).toHaveLength(2);
    expect(sent.every((part) => part.length <= 4000)).toBe(true);
    expect(sent.join(' ')).toBe(text);
  });

  it("says in the header when the customer's connection is gone, and nothing once the chat ended", () => {
    const { rerender } = renderGadget(
      chatViewElement({ ...chat, presence: { customer: true, agent: true } }),
    );
    expect(screen.getByTestId('gadget.chat.presence').textContent).toBe('Connected');

    rerender(chatViewElement({ ...chat, presence: { customer: false, agent: true } }));
    const line = screen.getByTestId('gadget.chat.presence');
    expect(line.dataset['presence']).toBe('away');
    expect(line.textContent).toBe('Connection lost · Ada gets your replies when back');
    expect(line.getAttribute('role')).toBe('status');

    rerender(chatViewElement({ ...chat, status: 'ended', presence: { customer: false, agent: true } }));
    expect(screen.queryByTestId('gadget.chat.presence')).toBeNull();
  });

  it('shows who is typing, but never the agent themself', () => {
    setup({
      typing: [
        { role: 'customer', id: 'c-1', name: 'Ada' },
        { role: 'agent', id: 'a-1', name: 'Grace' },
      ],
    });
    expect(screen.getByTestId('gadget.typing').textContent).toBe('Ada is typing…');
  });

  it("puts the gadget's words and test ids on the shared conversation and reply box", async () => {
    const { onSend, onRetry, user } = setup({
      messages: [
        {
          chatId: 'chat-1',
          seq: 1,
          clientId: 'e-1',
          from: { role: 'system', id: 'system', name: 'System' },
          kind: 'event',
          event: 'agent-joined',
          text: 'Grace',
          sentAt: Date.UTC(2025, 0, 1, 9, 1),
          delivery: 'sent',
        },
        {
          chatId: 'chat-1',
          seq: null,
          clientId: 'f-1',
          from: { role: 'agent', id: 'a-1', name: 'Grace' },
          kind: 'text',
          text: 'Hello',
          sentAt: Date.UTC(2025, 0, 1, 9, 2),
          delivery: 'failed',
          error: 'too large',
        },
      ],
    });
    const log = screen.getByRole('log', { name: 'Conversation with Ada' });
    expect(log.dataset.testid).toBe('gadget.messages');
    const [event, failed] = screen.getAllByTestId('gadget.message');
    expect(event?.textContent).toMatch(/^Grace joined the chat\d{1,2}:\d{2}/);
    expect(failed?.textContent).toContain('You at');
    expect(screen.getByText('Not sent').title).toBe('too large');
    await user.click(screen.getByTestId('gadget.message.retry'));
    expect(onRetry).toHaveBeenCalledWith('f-1');

    const box = screen.getByRole('textbox', {
      name: 'Message to Ada',
      description: 'Enter to send, Shift+Enter for a new line',
    });
    expect(box.dataset.testid).toBe('gadget.composer');
    await user.type(box, 'Hi{Enter}');
    expect(onSend).toHaveBeenCalledWith('Hi');
    expect(screen.getByTestId('gadget.send').textContent).toBe('Send');
  });

  it('says so when there are no messages yet', () => {
    setup();
    expect(screen.getByText('No messages yet. Say hello!')).toBeTruthy();
  });

  it('replaces the reply box with a closing bar once the customer ended the chat', async () => {
    const { onClose, user } = setup({ chat: { ...chat, status: 'ended', endedBy: 'customer' } });
    expect(screen.queryByTestId('gadget.composer')).toBeNull();
    expect(screen.queryByTestId('gadget.end')).toBeNull();
    expect(screen.getByTestId('gadget.chat.ended').textContent).toContain('Ada ended the chat.');
    await user.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('ChatView queue name', () => {
  it("names the chat's queue by its label in the agent's language, else by its name", () => {
    renderGadget(chatViewElement(activeChat({ queueLabel: { en: 'Billing', ar: 'الفواتير' } })), 'ar');
    expect(document.querySelector('.hc-chat__details')?.textContent).toContain('الفواتير');
    cleanup();
    renderGadget(chatViewElement(activeChat()), 'ar');
    expect(document.querySelector('.hc-chat__details')?.textContent).toContain('billing');
  });
});
