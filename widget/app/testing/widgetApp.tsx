/**
 * The whole widget app over the real SDK chat client and the SDK's in-memory chat server, with the
 * conversation API, the saved-chat storage and the host page as spies, for the WidgetApp tests.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { expect, vi } from 'vitest';
import {
  type WidgetConfigResponse,
  createChatClient,
  type ParticipantRef,
  type ConversationApi,
} from '../../../sdk/index.ts';
import { createFakeChatServer, type FakeChatServer } from '../../../sdk/testing/index.ts';
import { createDetachedBridge, type HostBridge, type Identity } from '../hostBridge.ts';
import type { SavedChat } from '../storage.ts';
import { WidgetApp, type WidgetDeps } from '../WidgetApp.tsx';
import { renderWidget } from './render.tsx';

export const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

/** An open queue that asks for the name only. */
export const OPEN: WidgetConfigResponse = {
  queue: 'default',
  prechat: { fields: [{ name: 'name', required: true, maxLength: 80 }] },
  availability: 'open',
  nextOpenAt: null,
  transcriptEmail: true,
};

export interface SetupOptions {
  saved?: SavedChat | null;
  resume?: WidgetDeps['resumeChat'];
  config?: WidgetConfigResponse | (() => Promise<WidgetConfigResponse>);
}

/** The widget app over the real SDK chat client and the SDK's in-memory chat server. */
export function setupWidgetApp({ saved = null, resume, config = OPEN }: SetupOptions = {}) {
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

/** Fills in the name and starts the chat; resolves once the composer shows. */
export async function startChat(user: ReturnType<typeof userEvent.setup>, name = 'Ada Lovelace') {
  await user.type(await screen.findByTestId('widget.prechat.name'), name);
  await user.click(screen.getByTestId('widget.prechat.start'));
  await screen.findByTestId('widget.composer');
}
