// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type ParticipantRef } from '../../../sdk/index.ts';
import { createFakeChatServer } from '../../../sdk/testing/index.ts';
import type { HostBridge } from '../hostBridge.ts';
import { createWidgetI18n, languageLoaded } from '../i18n/i18n.ts';
import type { Chime } from '../notify/chime.ts';
import { useChatEvents } from './useChatEvents.ts';
import { useDocumentLanguage } from './useDocumentLanguage.ts';

const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };
const customer: ParticipantRef = { role: 'customer', id: 'c-1', name: 'Ada' };

let hidden = false;
let focused = true;
beforeEach(() => {
  hidden = false;
  focused = true;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A bridge whose host side the test plays: what the app posted, and `locale` to send it. */
function fakeBridge() {
  const posted: Parameters<HostBridge['post']>[0][] = [];
  let onLocale: (locale: string) => void = () => {};
  const bridge: HostBridge = {
    embedded: true,
    post: (message) => void posted.push(message),
    onVisibility: () => () => {},
    onIdentify: () => () => {},
    onLocale: (listener) => {
      onLocale = listener;
      return () => {};
    },
  };
  return { bridge, posted, setLocale: (locale: string) => onLocale(locale) };
}

async function setup(visible: boolean) {
  const server = createFakeChatServer();
  const transport = server.transport(customer);
  const client = createChatClient({ transport, self: customer });
  client.connect();
  await waitFor(() => expect(transport.connected).toBe(true));
  const { chat } = await transport.request('chat:start', { clientId: 'x', preChat: { name: 'Ada' } });
  client.track(chat);
  const played: string[] = [];
  const chime: Chime = { play: (id) => (played.push(id), true), dispose: () => {} };
  const { bridge, posted, setLocale } = fakeBridge();
  function Probe({ open }: { open: boolean }) {
    useDocumentLanguage(bridge);
    const said = useChatEvents({ bridge, client, chatId: chat.id, visible: open, chime });
    return <p data-testid="said">{said}</p>;
  }
  const i18n = createWidgetI18n('en');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <Probe open={visible} />
    </I18nextProvider>,
  );
  const rerender = (open: boolean) =>
    view.rerender(
      <I18nextProvider i18n={i18n}>
        <Probe open={open} />
      </I18nextProvider>,
    );
  return { server, chatId: chat.id, posted, played, rerender, setLocale, client };
}

describe('the chat app tells the host page', () => {
  it('counts the agent’s messages while the panel is closed, chimes, and clears once looked at', async () => {
    const { server, chatId, posted, played, rerender } = await setup(false);
    await act(async () => void server.post(chatId, agent, 'Hello Ada'));
    await act(async () => void server.post(chatId, agent, 'Are you there?'));
    expect(posted.filter((m) => m.type === 'unread')).toEqual([
      { type: 'unread', count: 1, label: '1 new message' },
      { type: 'unread', count: 2, label: '2 new messages' },
    ]);
    const texts = posted.flatMap((m) => (m.type === 'message' ? [m.message.text] : []));
    expect(texts).toEqual(['Hello Ada', 'Are you there?']);
    expect(played).toEqual([`${chatId}:1`, `${chatId}:2`]);
    expect(screen.getByTestId('said').textContent).toBe('');
    rerender(true);
    expect(posted.at(-1)).toEqual({ type: 'unread', count: 0, label: '' });
  });

  it('reads the agent’s message out while the customer looks, and stays quiet in the chat', async () => {
    const { server, chatId, posted, played } = await setup(true);
    await act(async () => void server.post(chatId, agent, 'How can I help?'));
    expect(screen.getByTestId('said').textContent).toBe('Grace Hopper: How can I help?');
    expect(posted.some((m) => m.type === 'unread')).toBe(false);
    expect(played).toEqual([]);
    focused = false; // the customer is on the host page, the panel open
    await act(async () => void server.post(chatId, agent, 'How can I help?'));
    expect(played).toHaveLength(1);
    expect(screen.getByTestId('said').textContent).toBe('Grace Hopper: How can I help?\u200b');
  });

  it('reads the chat’s events out too, and never the customer’s own messages', async () => {
    const { server, chatId, client } = await setup(true);
    const system: ParticipantRef = { role: 'system', id: 'system', name: 'System' };
    await act(
      async () =>
        void server.storeMessage(chatId, {
          from: system,
          kind: 'event',
          event: 'agent-joined',
          text: 'Grace Hopper',
        }),
    );
    expect(screen.getByTestId('said').textContent).toBe('Grace Hopper joined the chat');
    await act(async () => void client.send(chatId, 'Hello?'));
    expect(screen.getByTestId('said').textContent).toBe('Grace Hopper joined the chat');
  });

  it('counts as unread while the tab is hidden, even with the panel open', async () => {
    const { server, chatId, posted } = await setup(true);
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    await act(async () => void server.post(chatId, agent, 'Still there?'));
    expect(posted.filter((m) => m.type === 'unread')).toHaveLength(1);
    hidden = false;
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(posted.at(-1)).toEqual({ type: 'unread', count: 0, label: '' });
  });

  it('says when the chat ends, once', async () => {
    const { server, chatId, posted } = await setup(true);
    await act(async () => void server.update(chatId, { status: 'ended', endedAt: 2, endedBy: 'agent' }));
    await act(async () => void server.update(chatId, { status: 'ended', endedAt: 3, endedBy: 'agent' }));
    expect(posted.filter((m) => m.type === 'chat:end')).toEqual([{ type: 'chat:end', chatId }]);
  });

  it('follows setLocale: the language, the text direction and the title of the document', async () => {
    const { setLocale } = await setup(true);
    await languageLoaded();
    expect(document.documentElement.dir).toBe('ltr');
    await act(async () => setLocale('ar-SA'));
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(document.documentElement.lang).toBe('ar');
    expect(document.title).toBe('تحدّث معنا');
    await act(async () => setLocale('de'));
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(document.documentElement.dir).toBe('ltr');
  });
});
