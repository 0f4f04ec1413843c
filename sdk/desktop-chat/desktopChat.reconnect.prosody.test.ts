/**
 * The desktop chat when its server restarts (its own Prosody, server/testing/prosodyServer.ts): the
 * chat reports `reconnecting`, signs in again by itself, sets the session up again (roster,
 * carbons, Available) and carries messages as before.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { createDesktopChat } from './desktopChat.ts';
import type { DesktopChat, DesktopChatStatus, DesktopChatTransport } from './types.ts';
import { until } from './chatTesting.ts';

let prosody: ProsodyServer;
const chats: DesktopChat[] = [];

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'restart.test',
    users: [
      { username: 'ann', password: 'pw-ann' },
      { username: 'ben', password: 'pw-ben' },
    ],
  });
}, 30_000);
afterEach(async () => {
  await Promise.all(chats.splice(0).map((chat) => chat.stop()));
});
afterAll(() => prosody?.stop());

function chatFor(user: string, transport: DesktopChatTransport, resource?: string): DesktopChat {
  const chat = createDesktopChat({
    service: { primary: transport === 'websocket' ? prosody.websocketUrl : prosody.boshUrl },
    transport,
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    ...(resource ? { resource } : {}),
    // A dead BOSH session is given up quickly, so that xmpp.js starts a new one.
    bosh: { wait: 5, maxRetries: 1, retryDelayMs: 200 },
  });
  chats.push(chat);
  return chat;
}

function statuses(chat: DesktopChat): DesktopChatStatus[] {
  const seen: DesktopChatStatus[] = [];
  chat.on('status', (status) => seen.push(status));
  return seen;
}

describe.each<DesktopChatTransport>(['websocket', 'bosh'])(
  'desktop chat over %s when the server restarts',
  (transport) => {
    it('reconnects, goes Available again and still delivers messages', async () => {
      const ann = chatFor('ann', transport, 'desk');
      const annPhone = chatFor('ann', transport, 'phone');
      const ben = chatFor('ben', transport);
      await Promise.all([ann.start(), annPhone.start(), ben.start()]);
      await ann.setPresence('dnd', 'Busy');
      const annStatuses = statuses(ann);
      const benStatuses = statuses(ben);

      await prosody.restart();
      await until(() => annStatuses.at(-1) === 'online' && benStatuses.at(-1) === 'online');
      expect(annStatuses).toEqual(['reconnecting', 'online']);
      expect(ann.jid).toMatch(/^ann@restart\.test\//);
      // The presence chosen before the drop is sent again (the other resource sees it), not Available.
      await until(() => annPhone.presenceOf('ann@restart.test').availability === 'dnd');
      expect(annPhone.presenceOf('ann@restart.test').status).toBe('Busy');

      const received = new Promise<string>((resolve) =>
        ben.on(
          'message',
          (message) => message.body === `still there? (${transport})` && resolve(message.body),
        ),
      );
      await ann.sendMessage('ben@restart.test', `still there? (${transport})`);
      expect(await received).toBe(`still there? (${transport})`);
    }, 40_000);
  },
);

describe('desktop chat when the server of the session goes away', () => {
  it.each<DesktopChatTransport>(['websocket', 'bosh'])(
    'over %s moves to the other server and remembers it',
    async (transport) => {
      const account = { username: 'ann', password: 'pw-ann' };
      const [first, second] = await Promise.all([
        startProsody({ domain: 'pair.test', users: [account] }),
        startProsody({ domain: 'pair.test', users: [account] }),
      ]);
      try {
        const url = (server: ProsodyServer) =>
          transport === 'websocket' ? server.websocketUrl : server.boshUrl;
        const stored = new Map<string, string>();
        const chat = createDesktopChat({
          service: { primary: url(first), secondary: url(second) },
          transport,
          domain: 'pair.test',
          ...account,
          storage: {
            getItem: (key) => stored.get(key) ?? null,
            setItem: (key, value) => void stored.set(key, value),
          },
          bosh: { wait: 5, maxRetries: 1, retryDelayMs: 200 },
        });
        chats.push(chat);
        await chat.start();
        expect(chat.servedBy).toEqual({ url: url(first), which: 'primary' });
        const moved = new Promise((resolve) => chat.on('served', resolve));
        await first.stop();
        expect(await moved).toEqual({ url: url(second), which: 'secondary' });
        await until(() => chat.status === 'online');
        expect(chat.lastServedBy).toBe(url(second));
        expect(chat.jid).toMatch(/^ann@pair\.test\//);
      } finally {
        await Promise.all(chats.splice(0).map((chat) => chat.stop()));
        await Promise.all([first.stop(), second.stop()]);
      }
    },
    40_000,
  );
});
