// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatSummary, ChatView as ChatViewModel } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { ChatView } from './ChatView.tsx';

afterEach(cleanup);

const chat: ChatSummary = {
  id: 'chat-1',
  status: 'active',
  queue: 'billing',
  customer: { id: 'c-1', name: 'Ada' },
  agent: { id: 'a-1', name: 'Grace' },
  preChat: {},
  createdAt: Date.UTC(2025, 0, 1, 9),
  acceptedAt: Date.UTC(2025, 0, 1, 9, 1),
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  queuePosition: null,
};

function setup(view: Partial<ChatViewModel> = {}) {
  const props = {
    onSend: vi.fn(),
    onTyping: vi.fn(),
    onRetry: vi.fn(),
    onEnd: vi.fn(async () => {}),
    onClose: vi.fn(),
  };
  renderGadget(
    <ChatView
      view={{ chat, messages: [], lastSeq: 0, typing: [], ...view }}
      selfId="a-1"
      id="panel"
      labelledBy="tab"
      {...props}
    />,
  );
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

  it('shows who is typing, but never the agent themself', () => {
    setup({
      typing: [
        { role: 'customer', id: 'c-1', name: 'Ada' },
        { role: 'agent', id: 'a-1', name: 'Grace' },
      ],
    });
    expect(screen.getByTestId('gadget.typing').textContent).toBe('Ada is typing…');
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
