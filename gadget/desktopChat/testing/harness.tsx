/**
 * Desktop Chat as the workspace mounts it (header button + panel), over a fake DesktopChat and the
 * SDK's real conversations store, for component tests.
 */
import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { vi } from 'vitest';
import { createConversations, type RosterItem } from '../../../sdk/desktop-chat/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import type { DesktopChatPort } from '../session.ts';
import { useGadgetDesktopChat, type DesktopChatSetup } from '../useGadgetDesktopChat.tsx';
import { fakeDesktopChat, type FakeDesktopChat } from './fakeDesktopChat.ts';

function Host({
  setup,
  announce,
}: {
  setup: DesktopChatSetup | undefined;
  announce: (text: string) => void;
}) {
  const [alerts] = useState(false);
  const desktopChat = useGadgetDesktopChat(setup, announce, alerts);
  return (
    <main className={`hc-gadget hc-stack${desktopChat?.open ? ' hc-stack--dc' : ''}`}>
      <header>{desktopChat?.button}</header>
      {desktopChat?.panel}
    </main>
  );
}

export interface Harness {
  chat: FakeDesktopChat;
  announce: ReturnType<typeof vi.fn>;
  stored: Map<string, string>;
}

export function renderDesktopChat(
  roster: RosterItem[] = [],
  { language = 'en', configured = true, chat = fakeDesktopChat(roster) } = {},
): Harness & ReturnType<typeof renderGadget> {
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const config = {
    service: { primary: 'http://127.0.0.1:5280/http-bind' },
    transport: 'bosh' as const,
    domain: 'finesse.test',
  };
  const port: DesktopChatPort = {
    config,
    create: () => chat,
    conversations: (c) => createConversations(c),
    storage,
  };
  const announce = vi.fn();
  const rendered = renderGadget(
    <Host setup={configured ? { port, config } : undefined} announce={announce} />,
    language,
  );
  return { ...rendered, chat, announce, stored };
}

/** Opens the panel and signs in as grace. */
export async function signIn(user: {
  click(element: Element): Promise<void>;
  type(element: Element, text: string): Promise<void>;
}) {
  await user.click(screen.getByTestId('dc.button'));
  // The panel loads when first opened.
  await user.type(await screen.findByTestId('dc.signIn.username'), 'grace');
  await user.type(screen.getByTestId('dc.signIn.password'), 'secret');
  await user.click(screen.getByTestId('dc.signIn.submit'));
  await screen.findByTestId('dc.presence');
}

/** Runs `fn` (a fake colleague's doing) inside act(). */
export function as(fn: () => void): void {
  act(fn);
}
