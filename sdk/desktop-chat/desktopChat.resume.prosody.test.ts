/**
 * A connection cut mid-chat on a real Prosody (a TCP proxy in between drops every connection and
 * refuses new ones for a while), and no message lost in either direction: the one the colleague
 * sent while we were cut off arrives, and the one we sent as the connection died reaches them, each
 * once. Over WebSocket the stream is resumed (XEP-0198); over BOSH a short cut is bridged by the
 * BOSH session's retries, and a longer one ends it: the new session sends again what was not
 * acknowledged and fetches the rest from the archive (XEP-0313).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutProxy, type CutProxy } from '../../server/testing/prosodyCutProxy.ts';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { createConversations } from './conversations.ts';
import { createDesktopChat } from './desktopChat.ts';
import type { ChatMessage, DesktopChat, DesktopChatTransport } from './types.ts';
import { until } from './chatTesting.ts';

let prosody: ProsodyServer;
const chats: DesktopChat[] = [];

let proxy: CutProxy;

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'resume.test',
    users: ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'].map((username) => ({
      username,
      password: `pw-${username}`,
    })),
  });
  proxy = await cutProxy(prosody.httpPort);
}, 30_000);
afterAll(async () => {
  await Promise.all(chats.map((chat) => chat.stop()));
  await proxy?.close();
  await prosody?.stop();
});

/** Retries bridge about 7.5 s (0.5 + 1 + 2 + 4 s) without a new BOSH session. */
const PATIENT_BOSH = { wait: 5, maxRetries: 4, retryDelayMs: 500 };

function chatFor(
  user: string,
  transport: DesktopChatTransport,
  viaProxy: boolean,
  bosh = PATIENT_BOSH,
): DesktopChat {
  const base = viaProxy ? `127.0.0.1:${proxy.port}` : `127.0.0.1:${prosody.httpPort}`;
  const chat = createDesktopChat({
    service: {
      primary: transport === 'websocket' ? `ws://${base}/xmpp-websocket` : `http://${base}/http-bind`,
    },
    transport,
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    bosh,
    reconnect: { baseDelayMs: 1_000, maxDelayMs: 1_000 },
  });
  chats.push(chat);
  return chat;
}

interface Case {
  readonly transport: DesktopChatTransport;
  readonly me: string;
  readonly colleague: string;
  readonly cutMs: number;
  readonly bosh?: typeof PATIENT_BOSH;
  readonly statuses: string[];
  readonly sameSession: boolean;
}

describe.each<[string, Case]>([
  // The WebSocket closes: a new one resumes the stream (XEP-0198).
  [
    'websocket',
    {
      transport: 'websocket',
      me: 'ann',
      colleague: 'ben',
      cutMs: 1_500,
      statuses: ['reconnecting', 'online'],
      sameSession: true,
    },
  ],
  // The BOSH session outlives the cut (1.5 s, where a loaded machine's two test workers can stretch
  // what happens around it): its requests are retried (XEP-0124 section 14).
  ['bosh', { transport: 'bosh', me: 'cat', colleague: 'dan', cutMs: 1_500, statuses: [], sameSession: true }],
  // Retries give up after about 0.6 s: a new BOSH session, and the archive fills the gap.
  [
    'bosh, a cut longer than its retries',
    {
      transport: 'bosh',
      me: 'eve',
      colleague: 'fay',
      cutMs: 4_000,
      bosh: { wait: 5, maxRetries: 1, retryDelayMs: 300 },
      statuses: ['reconnecting', 'online'],
      sameSession: false,
    },
  ],
])(
  'a connection cut mid-chat over %s',
  (_name, { transport, me, colleague, cutMs, bosh, statuses, sameSession }) => {
    it('carries on and loses no message either way', async () => {
      const mine = chatFor(me, transport, true, bosh);
      const theirs = chatFor(colleague, transport, false);
      await Promise.all([mine.start(), theirs.start()]);
      const myChats = createConversations(mine);
      const received: ChatMessage[] = [];
      theirs.on('message', (m) => {
        if (m.direction === 'in') received.push(m);
      });
      const resumedStatuses: string[] = []; // statuses after signing in
      mine.on('status', (s) => resumedStatuses.push(s));

      const myJid = `${me}@resume.test`;
      const theirJid = `${colleague}@resume.test`;
      await theirs.sendMessage(myJid, 'before the cut');
      await until(() => myChats.getSnapshot().chats[0]?.messages.length === 1);

      const jidBefore = mine.jid;
      proxy.cut();
      // Sent into the dying connection: not acknowledged by the server yet.
      await mine.sendMessage(theirJid, 'sent as it broke').catch(() => undefined);
      if (statuses.length > 0) await until(() => mine.status === 'reconnecting', 20_000);
      await theirs.sendMessage(myJid, 'while you were away');
      await new Promise((resolve) => setTimeout(resolve, cutMs));
      proxy.restore();

      await until(() => mine.status === 'online', 20_000);
      await until(() => (myChats.getSnapshot().chats[0]?.messages.length ?? 0) >= 3);
      await until(() => received.some((m) => m.body === 'sent as it broke'));
      await mine.sendMessage(theirJid, 'after');
      await until(() => received.some((m) => m.body === 'after'));

      const bodies = myChats.getSnapshot().chats[0]?.messages.map((m) => m.body);
      expect(bodies).toEqual(['before the cut', 'sent as it broke', 'while you were away', 'after']);
      expect(received.filter((m) => m.body === 'sent as it broke')).toHaveLength(1);
      expect(resumedStatuses).toEqual(statuses);
      if (sameSession) expect(mine.jid).toBe(jidBefore);
      else expect(mine.jid).not.toBe(jidBefore);
    }, 60_000);
  },
);
