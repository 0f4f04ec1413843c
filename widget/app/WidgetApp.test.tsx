// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WidgetConfigResponse } from '../../sdk/core/protocol.ts';
import { createChatClient, HybridChatError, type ParticipantRef } from '../../sdk/index.ts';
import { createFakeChatServer, type FakeChatServer } from '../../sdk/testing/index.ts';
import type { ConversationApi } from '../../sdk/transport/conversationApi.ts';
import { createDetachedBridge, type HostBridge, type Identity } from './hostBridge.ts';
import { ChatGoneError } from './session.ts';
import type { SavedChat } from './storage.ts';
import { renderWidget } from './testing/render.tsx';
import { WidgetApp, type WidgetDeps } from './WidgetApp.tsx';

afterEach(cleanup);

const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

const OPEN: WidgetConfigResponse = {
  queue: 'default',
  prechat: { fields: [{ name: 'name', required: true, maxLength: 80 }] },
  availability: 'open',
  nextOpenAt: null,
  transcriptEmail: true,
};

interface SetupOptions {
  saved?: SavedChat | null;
  resume?: WidgetDeps['resumeChat'];
  config?: WidgetConfigResponse | (() => Promise<WidgetConfigResponse>);
}

/** The widget app over the real SDK chat client and the SDK's in-memory chat server. */
function setup({ saved = null, resume, config = OPEN }: SetupOptions = {}) {
  const server: FakeChatServer = createFakeChatServer();
  const started: string[] = [];
  let identify: (identity: Identity) => void = () => {};
  let otherTab: (saved: SavedChat | null) => void = () => {};
  const api = {
    config: vi.fn(typeof config === 'function' ? config : async () => config),
    leaveMessage: vi.fn(async () => ({ id: 'm-1', createdAt: 1 })),
    transcript: vi.fn(),
    emailTranscript: vi.fn(),
    rate: vi.fn(async (_token: string, _chatId: string, body: { score: number }) => ({
      rating: { score: body.score as 1, comment: null, ratedAt: 1 },
    })),
  } satisfies ConversationApi;
  const deps: WidgetDeps = {
    startChat: vi.fn(async ({ name, preChat }) => {
      const self: ParticipantRef = { role: 'customer', id: 'c-1', name };
      const transport = server.transport(self);
      const client = createChatClient({ transport, self });
      client.connect();
      await waitFor(() => expect(transport.connected).toBe(true));
      const { chat } = await transport.request('chat:start', {
        clientId: `start-${started.length}`,
        preChat,
      });
      client.track(chat);
      started.push(chat.id);
      return {
        client,
        chatId: chat.id,
        saved: { token: 't-1', customerId: 'c-1', chatId: chat.id, name },
        token: () => 't-1',
        close: () => client.close(),
      };
    }),
    resumeChat: resume ?? vi.fn(),
    loadSavedChat: vi.fn(() => saved),
    saveChat: vi.fn(),
    clearSavedChat: vi.fn(),
    watchSavedChat: (listener) => {
      otherTab = listener;
      return () => {};
    },
    api,
  };
  const bridge: HostBridge = {
    ...createDetachedBridge(),
    post: vi.fn(),
    onIdentify: (listener) => {
      identify = listener;
      return () => {};
    },
  };
  renderWidget(<WidgetApp serverUrl="https://chat.example.com" bridge={bridge} deps={deps} />);
  return {
    server,
    deps,
    api,
    bridge,
    started,
    user: userEvent.setup(),
    identify: (identity: Identity) => act(() => identify(identity)),
    otherTab: (next: SavedChat | null) => act(() => otherTab(next)),
  };
}

async function startChat(user: ReturnType<typeof userEvent.setup>, name = 'Ada Lovelace') {
  await user.type(await screen.findByTestId('widget.prechat.name'), name);
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
    expect(deps.startChat).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Ada Lovelace', preChat: { name: 'Ada Lovelace' } }),
    );
  });

  it('waits for an agent with the place in the queue and the expected wait, then names the agent', async () => {
    const { server, bridge, started, user } = setup();
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
    const { deps, api, server, started, user } = setup();
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
    const { user } = setup();
    await startChat(user);
    await user.click(screen.getByTestId('widget.end'));
    await user.click(screen.getByTestId('widget.end.confirm'));
    await screen.findByTestId('widget.ended');
    expect(screen.getByTestId('widget.transcript.download')).toBeTruthy();
    expect(screen.queryByTestId('widget.transcript.email')).toBeNull();
  });

  it('goes back to the form when the saved chat cannot come back', async () => {
    const saved: SavedChat = { v: 1, token: 'old', customerId: 'c-1', chatId: 'gone', name: 'Ada' };
    const { deps } = setup({
      saved,
      resume: vi.fn(async () => Promise.reject(new ChatGoneError('expired'))),
    });
    expect(screen.getByRole('status').textContent).toContain('Reconnecting to your chat');
    const input = (await screen.findByTestId('widget.prechat.name')) as HTMLInputElement;
    expect(deps.clearSavedChat).toHaveBeenCalled();
    expect(input.value).toBe('Ada');
  });

  it('asks for the queue’s fields and starts with all of them', async () => {
    const fields = [
      ...OPEN.prechat.fields,
      { name: 'email' as const, required: true, maxLength: 254 },
      {
        name: 'topic' as const,
        required: false,
        maxLength: 64,
        options: [{ value: 'billing', label: 'Billing' }],
      },
    ];
    const { deps, user } = setup({ config: { ...OPEN, prechat: { fields } } });
    await user.type(await screen.findByTestId('widget.prechat.name'), 'Ada');
    await user.type(screen.getByTestId('widget.prechat.email'), 'ada@example.com');
    await user.selectOptions(screen.getByTestId('widget.prechat.topic'), 'billing');
    await user.click(screen.getByTestId('widget.prechat.start'));
    await screen.findByTestId('widget.composer');
    expect(deps.startChat).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Ada',
        preChat: { name: 'Ada', email: 'ada@example.com', topic: 'billing' },
      }),
    );
  });

  it('skips the form when identify() gave what the queue needs', async () => {
    const { deps, identify, user } = setup();
    await screen.findByTestId('widget.prechat.name');
    await identify({ name: 'Grace Hopper', customerId: '42' });
    expect(screen.queryByTestId('widget.prechat.name')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Hi Grace Hopper!');
    await user.click(screen.getByTestId('widget.prechat.start'));
    await screen.findByTestId('widget.composer');
    expect(deps.startChat).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Grace Hopper', preChat: { name: 'Grace Hopper', customerId: '42' } }),
    );
  });

  it('outside business hours: a message for the contact center instead of a chat', async () => {
    const { api, deps, user } = setup({
      config: { ...OPEN, queue: 'sales', availability: 'closed', nextOpenAt: Date.now() + 3600_000 },
    });
    expect((await screen.findByTestId('widget.leave.title')).textContent).toBe("We're closed right now");
    expect(screen.getByTestId('widget.leave.opens').textContent).toMatch(/^We're back /);
    await user.type(screen.getByTestId('widget.leave.name'), 'Ada');
    await user.type(screen.getByTestId('widget.leave.email'), 'ada@example.com');
    await user.type(screen.getByTestId('widget.leave.message'), 'Call me back, please.');
    await user.click(screen.getByTestId('widget.leave.send'));
    await screen.findByTestId('widget.leave.sent');
    expect(api.leaveMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        queue: 'sales',
        locale: 'en',
        name: 'Ada',
        message: 'Call me back, please.',
      }),
    );
    expect(deps.startChat).not.toHaveBeenCalled();
    expect(deps.saveChat).not.toHaveBeenCalled();
  });

  it('with nobody to take chats: looks again on request and offers the chat once someone is there', async () => {
    const answers = [{ ...OPEN, availability: 'unstaffed' as const }, OPEN];
    const { user } = setup({ config: async () => answers.shift() ?? OPEN });
    await user.click(await screen.findByTestId('widget.leave.checkAgain'));
    expect(await screen.findByTestId('widget.prechat.name')).toBeTruthy();
  });

  it('with nobody to take chats says only that: no "here to help" above it', async () => {
    setup({ config: { ...OPEN, availability: 'unstaffed' } });
    expect((await screen.findByTestId('widget.leave.title')).textContent).toBe('No one is free to chat');
    expect(screen.getByTestId('widget.status').textContent).toBe('');
    expect(screen.queryByText("We're here to help")).toBeNull();
  });

  it('turns into the message form when the queue closed meanwhile', async () => {
    const answers = [OPEN, { ...OPEN, availability: 'closed' as const }];
    const { deps, user } = setup({ config: async () => answers.shift() ?? OPEN });
    vi.mocked(deps.startChat).mockRejectedValueOnce(new HybridChatError('CONFLICT', 'queue-closed'));
    await user.type(await screen.findByTestId('widget.prechat.name'), 'Ada');
    await user.click(screen.getByTestId('widget.prechat.start'));
    expect((await screen.findByTestId('widget.leave.title')).dataset.availability).toBe('closed');
    expect((screen.getByTestId('widget.leave.name') as HTMLInputElement).value).toBe('Ada');
  });

  it('falls back to asking the name when the server cannot say', async () => {
    const { deps, user } = setup({ config: async () => Promise.reject(new Error('down')) });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await startChat(user);
    expect(deps.startChat).toHaveBeenCalled();
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
    const { otherTab } = setup({ resume });
    await screen.findByTestId('widget.prechat.name');
    const saved: SavedChat = { v: 1, ...session.saved };
    await otherTab(saved);
    await waitFor(() => expect(resume).toHaveBeenCalledWith('https://chat.example.com', saved));
    cleanup();

    const live = setup({ resume });
    await startChat(live.user);
    resume.mockClear();
    await live.otherTab({ ...saved, chatId: 'another' });
    expect(resume).not.toHaveBeenCalled();
    expect(screen.getByTestId('widget.composer')).toBeTruthy();
  });

  describe('after the queue’s maximum wait', () => {
    const WITH_EMAIL: WidgetConfigResponse = {
      ...OPEN,
      prechat: { fields: [...OPEN.prechat.fields, { name: 'email', required: true, maxLength: 254 }] },
    };

    async function waitTooLong() {
      const app = setup({ config: WITH_EMAIL });
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
      const { user } = setup({ saved, resume });
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
