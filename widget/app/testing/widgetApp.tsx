/**
 * The whole widget app over the real SDK customer and chat clients and the SDK's in-memory chat
 * server, with the conversation API, the saved-chat storage and the host page as spies, for the
 * WidgetApp tests.
 */
import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import {
  type CustomerChat,
  type WidgetConfigResponse,
  createChatClient,
  createCustomerClient,
  type ParticipantRef,
  type ConversationApi,
  type CustomerPorts,
} from '../../../sdk/index.ts';
import { createFakeChatServer, type FakeChatServer } from '../../../sdk/testing/index.ts';
import { createDetachedBridge, type HostBridge, type Identity } from '../hostBridge.ts';
import type { SavedChat } from '../storage.ts';
import { WidgetApp, type WidgetDeps } from '../WidgetApp.tsx';
import { renderWidget } from './render.tsx';

export const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

const SERVER_URL = 'https://chat.example.com';

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
  /** Replaces the customer client's resume (called with the server's URL and the saved chat). */
  resume?: (serverUrl: string, saved: SavedChat) => Promise<CustomerChat>;
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
  const ports = {
    api,
    createSession: vi.fn(async ({ name }: { name: string }) => ({
      token: 't-1',
      expiresAt: Date.now() + 3600_000,
      customer: { id: 'c-1', name },
    })),
    connect: vi.fn(async ({ self }: { self: ParticipantRef }) => {
      const transport = server.transport(self);
      return { transport, client: createChatClient({ transport, self }) };
    }),
  } satisfies CustomerPorts;
  const customer = createCustomerClient({ serverUrl: SERVER_URL, ports });
  vi.spyOn(customer, 'start');
  if (resume)
    vi.spyOn(customer, 'resume').mockImplementation((saved) => resume(SERVER_URL, saved as SavedChat));
  // Each chat the customer started, in order.
  customer.subscribe((state, prev) => {
    if (state.chat && state.chat !== prev.chat && prev.status === 'starting') started.push(state.chat.chatId);
  });
  const deps: WidgetDeps = {
    loadSavedChat: vi.fn(() => saved),
    saveChat: vi.fn(),
    clearSavedChat: vi.fn(),
    watchSavedChat: (listener) => {
      otherTab = listener;
      return () => {};
    },
  };
  const bridge: HostBridge = {
    ...createDetachedBridge(),
    post: vi.fn(),
    onIdentify: (listener) => {
      identify = listener;
      return () => {};
    },
  };
  renderWidget(<WidgetApp customer={customer} bridge={bridge} deps={deps} />);
  return {
    server,
    customer,
    ports,
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
