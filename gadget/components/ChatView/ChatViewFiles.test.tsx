// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HybridChatError,
  NO_RECEIPTS,
  type ChatView as ChatViewModel,
  type LocalMessage,
} from '../../../sdk/index.ts';
import { activeChat, chatViewElement } from '../../testing/chatView.tsx';
import { renderGadget } from '../../testing/render.tsx';
import type { ChatFilesPort } from './useChatFiles.ts';

afterEach(cleanup);

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  'javascript:window.__xss=4',
];

const chat = activeChat({
  customer: { id: 'c-1', name: XSS[0]! },
  createdAt: Date.UTC(2025, 0, 1, 9),
  acceptedAt: Date.UTC(2025, 0, 1, 9, 1),
  lastSeq: 3,
});

const customer = { role: 'customer', id: 'c-1', name: XSS[0]! } as const;
const grace = { role: 'agent', id: 'a-1', name: 'Grace' } as const;
const message = (seq: number, patch: Partial<LocalMessage>): LocalMessage => ({
  chatId: 'chat-1',
  seq,
  clientId: `m-${seq}`,
  from: grace,
  kind: 'text',
  text: 'hi',
  sentAt: Date.UTC(2025, 0, 1, 9, seq),
  delivery: 'sent',
  ...patch,
});

function setup(view: Partial<ChatViewModel> = {}, port: Partial<ChatFilesPort> = {}) {
  const chatFiles: ChatFilesPort = {
    sendFile: vi.fn(async () => message(9, {})),
    fileUrl: vi.fn(async (_chatId: string, fileId: string) => ({
      url: `https://chat.test/api/files/${fileId}?sig=x`,
      expiresAt: Date.now() + 300_000,
    })),
    markRead: vi.fn(),
    ...port,
  };
  renderGadget(chatViewElement(chat, { chatFiles }, view));
  return { chatFiles, user: userEvent.setup() };
}

describe('ChatView attachments and receipts', () => {
  it("shows the customer's receipts on the agent's own messages", () => {
    setup({
      messages: [message(1, {}), message(2, {}), message(3, {})],
      receipts: { customer: { delivered: 2, read: 1 }, agent: NO_RECEIPTS.agent },
    });
    const marks = screen.getAllByRole('img').map((mark) => mark.getAttribute('aria-label'));
    expect(marks).toEqual(['Read', 'Delivered', 'Sent']);
  });

  it('sends chosen and pasted files, and says in words why one was refused', async () => {
    const refuse = vi.fn(async () => {
      throw new HybridChatError('FILE_TYPE', 'no');
    });
    const { chatFiles, user } = setup({}, { sendFile: refuse });
    // Named and typed as a picture, it is SVG inside: the client's sniffing refuses it.
    const file = new File(['<svg/>'], 'logo.png', { type: 'image/png' });
    await user.upload(screen.getByTestId('gadget.attach.input'), file);
    expect(chatFiles.sendFile).toHaveBeenCalledWith('chat-1', file);
    expect((await screen.findByRole('alert')).textContent).toMatch(/can't be sent/);

    const pasted = new File(['x'], 'shot.png', { type: 'image/png' });
    fireEvent.paste(screen.getByTestId('gadget.composer'), { clipboardData: { files: [pasted] } });
    expect(chatFiles.sendFile).toHaveBeenLastCalledWith('chat-1', pasted);
  });

  it('takes files dropped anywhere on the chat', () => {
    const { chatFiles } = setup();
    const panel = screen.getByRole('tabpanel');
    const file = new File(['x'], 'a.pdf');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(panel, { dataTransfer });
    expect(panel.dataset.dragging).toBe('true');
    expect(screen.getByText('Drop files here to send them')).toBeTruthy();
    fireEvent.drop(panel, { dataTransfer });
    expect(chatFiles.sendFile).toHaveBeenCalledWith('chat-1', file);
    expect(panel.dataset.dragging).toBeUndefined();
  });

  it('marks the chat read while it is shown and the gadget has the focus', async () => {
    // jsdom does not pretend to be a visible page unless told.
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    const { chatFiles, user } = setup();
    expect(chatFiles.markRead).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('gadget.composer'));
    await waitFor(() => expect(chatFiles.markRead).toHaveBeenCalledWith('chat-1'));
  });

  it('renders markup in names, messages and file names as text, and runs none of it', async () => {
    setup({
      messages: XSS.flatMap((payload, i) => [
        message(i * 2 + 1, { from: customer, text: `${payload} https://ok.test/x` }),
        message(i * 2 + 2, {
          from: customer,
          kind: 'file',
          text: payload,
          file: { id: `f${i}`, name: `${payload}.png`, size: 10, type: 'image/png' },
        }),
      ]),
    });
    await act(async () => {});
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('heading').textContent).toBe(XSS[0]);
    for (const payload of XSS) {
      expect(within(panel).getByText(payload, { exact: false, selector: '.ui-msg__bubble' })).toBeTruthy();
      expect(within(panel).getByAltText(`${payload}.png`).tagName).toBe('IMG');
    }
    // The only images are our previews, with our signed URLs; links go to http(s) only.
    for (const img of panel.querySelectorAll('img'))
      expect(img.getAttribute('src')).toMatch(/^https:\/\/chat\.test\//);
    for (const a of panel.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    expect(
      panel.querySelector('script, [onerror], [onload], svg:not(.ui-file__icon):not([aria-hidden])'),
    ).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });
});
