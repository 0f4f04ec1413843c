// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type FilePort, type ParticipantRef } from '../../../../sdk/index.ts';
import { createFakeChatServer } from '../../../../sdk/testing/index.ts';
import { showChatScreen } from '../../testing/chatScreen.tsx';

afterEach(cleanup);

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
];
const customer: ParticipantRef = { role: 'customer', id: 'c-1', name: XSS[0]! };
const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: XSS[2]! };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** The chat screen over the real SDK client and the SDK's in-memory server, with files stored there too. */
async function setup(waiting = false) {
  const server = createFakeChatServer();
  const chat = server.createChat({ customer, agent: waiting ? null : agent });
  const files: FilePort = {
    upload: vi.fn(async ({ chatId, clientId, name, body }) =>
      server.storeMessage(chatId, {
        from: customer,
        clientId,
        kind: 'file',
        text: name,
        file: { id: `f-${clientId}`, name, size: body.size, type: 'image/png' },
      }),
    ),
    link: vi.fn(async (_chatId, fileId) => ({
      url: `https://chat.test/api/files/${fileId}`,
      expiresAt: Date.now() + 300_000,
    })),
  };
  const agentClient = createChatClient({ transport: server.transport(agent), self: agent });
  const client = createChatClient({ transport: server.transport(customer), self: customer, files });
  agentClient.connect();
  client.connect();
  await waitFor(() => expect(client.getState().chats[chat.id]).toBeDefined());
  showChatScreen(client, chat.id);
  return { server, chat, client, agentClient, files, user: userEvent.setup() };
}

describe('ChatScreen attachments, receipts and links', () => {
  it('draws its emoji button, so that it shows where there is no colour emoji font', async () => {
    await setup();
    const button = screen.getByTestId('widget.emoji');
    expect(within(button).getByTestId('widget.emoji.icon').tagName.toLowerCase()).toBe('svg');
  });

  it('offers no attaching while the chat waits for an agent, as the server takes files only into an active chat', async () => {
    const { server, chat } = await setup(true);
    expect(screen.queryByTestId('widget.attach')).toBeNull();
    expect(screen.queryByTestId('widget.attach.input')).toBeNull();
    act(() => void server.update(chat.id, { status: 'active', agent, acceptedAt: Date.now() }));
    await waitFor(() => expect(screen.getByTestId('widget.attach')).toBeDefined());
  });

  it('uploads a chosen picture and shows its preview through a signed link', async () => {
    const { files, user } = await setup();
    await user.upload(
      screen.getByTestId('widget.attach.input'),
      new File([PNG], 'holiday.png', { type: 'image/png' }),
    );
    const preview = await screen.findByRole('img', { name: 'holiday.png' });
    expect(preview.getAttribute('src')).toMatch(/^https:\/\/chat\.test\/api\/files\/f-/);
    expect(files.upload).toHaveBeenCalledOnce();
    expect(screen.getByTestId('widget.file').dataset.fileType).toBe('image/png');
  });

  it('refuses an HTML page named .png and a file over 10 MB before sending, in plain words', async () => {
    const { files, user } = await setup();
    const input = screen.getByTestId('widget.attach.input');
    await user.upload(
      input,
      new File(['<html><script>alert(1)</script></html>'], 'cat.png', { type: 'image/png' }),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/can't be sent.*PNG, JPEG, GIF, WebP/);
    await user.upload(
      input,
      new File([PNG, new Uint8Array(10 * 1024 * 1024)], 'huge.png', { type: 'image/png' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('This file is too large. Files can be up to 10 MB.'),
    );
    expect(files.upload).not.toHaveBeenCalled();
  });

  it('lets the customer dismiss a refused file’s message from the keyboard, and a sent message clears it', async () => {
    const { user } = await setup();
    const input = screen.getByTestId('widget.attach.input');
    const refuse = () =>
      user.upload(
        input,
        new File(['<html><body>not a picture</body></html>'], 'cat.png', { type: 'image/png' }),
      );
    await refuse();
    await screen.findByRole('alert');
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    dismiss.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('widget.problem')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('widget.composer'));

    await refuse();
    await screen.findByRole('alert');
    await user.type(screen.getByTestId('widget.composer'), 'I will describe it instead{Enter}');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it("marks the customer's messages delivered, then read, by the agent", async () => {
    const { chat, client, agentClient, user } = await setup();
    await user.type(screen.getByTestId('widget.composer'), 'Hello{Enter}');
    const mark = async () =>
      within((await screen.findAllByTestId('widget.message')).at(-1)!).findByRole('img');
    expect((await mark()).getAttribute('aria-label')).toMatch(/Sent|Delivered/);
    await waitFor(async () => expect((await mark()).getAttribute('aria-label')).toBe('Delivered'));
    act(() => agentClient.markRead(chat.id));
    await waitFor(async () => expect((await mark()).getAttribute('aria-label')).toBe('Read'));
    expect(client.getState().chats[chat.id]?.receipts.agent.read).toBeGreaterThan(0);
  });

  it('shows what the agent and the customer typed, file names too, as text only, with safe links', async () => {
    const { server, chat, user } = await setup();
    for (const payload of XSS) server.post(chat.id, agent, `${payload} see https://help.test/a?b=1.`);
    server.post(chat.id, agent, 'javascript:alert(document.domain)');
    await user.upload(
      screen.getByTestId('widget.attach.input'),
      new File([PNG], `${XSS[0]}.png`, { type: 'image/png' }),
    );
    const log = screen.getByRole('log');
    await within(log).findByAltText(`${XSS[0]}.png`);
    for (const payload of XSS)
      expect(within(log).getAllByText(payload, { exact: false }).length).toBeGreaterThan(0);
    expect(within(log).getByText('javascript:alert(document.domain)')).toBeTruthy();
    const links = within(log).getAllByRole('link', { name: 'https://help.test/a?b=1' });
    expect(links).toHaveLength(XSS.length);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(log.querySelector('script, [onerror], [onload], a[href^="javascript"]')).toBeNull();
    for (const img of log.querySelectorAll('img'))
      expect(img.getAttribute('src')).toMatch(/^https:\/\/chat\.test\//);
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('inserts an emoji from the picker into the message', async () => {
    const { user } = await setup();
    await user.type(screen.getByTestId('widget.composer'), 'Thanks ');
    await user.click(screen.getByRole('button', { name: 'Insert emoji' }));
    await user.keyboard('{Enter}');
    expect(screen.getByTestId<HTMLTextAreaElement>('widget.composer').value).toBe('Thanks 😀');
  });
});
