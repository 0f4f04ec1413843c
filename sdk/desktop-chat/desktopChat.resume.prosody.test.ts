/**
 * Stream management (XEP-0198) on a real Prosody: the connection between the desktop chat and the
 * server is cut mid-chat (a TCP proxy in between drops every connection and refuses new ones for a
 * moment); the chat resumes its stream, and no message is lost in either direction: the one the
 * colleague sent while we were cut off arrives, and the one we sent as the connection died reaches
 * them (each once).
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
    users: ['ann', 'ben', 'cat', 'dan'].map((username) => ({ username, password: `pw-${username}` })),
  });
  proxy = await cutProxy(prosody.httpPort);
}, 30_000);
afterAll(async () => {
  await Promise.all(chats.map((chat) => chat.stop()));
  await proxy?.close();
  await prosody?.stop();
});

function chatFor(user: string, transport: DesktopChatTransport, viaProxy: boolean): DesktopChat {
  const base = viaProxy ? `127.0.0.1:${proxy.port}` : `127.0.0.1:${prosody.httpPort}`;
  const chat = createDesktopChat({
    service: {
      primary: transport === 'websocket' ? `ws://${base}/xmpp-websocket` : `http://${base}/http-bind`,
    },
    transport,
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    // Retries bridge about 7.5 s (0.5 + 1 + 2 + 4 s) without a new BOSH session: the cut lasts 1.5 s,
    // and a loaded machine (two test workers on two cores) can stretch what happens around it.
    bosh: { wait: 5, maxRetries: 4, retryDelayMs: 500 },
    reconnect: { baseDelayMs: 1_000, maxDelayMs: 1_000 },
  });
  chats.push(chat);
  return chat;
}

describe.each<[DesktopChatTransport, string, string, string[]]>([
  // The WebSocket closes: a new one resumes the stream (XEP-0198).
  ['websocket', 'ann', 'ben', ['reconnecting', 'online']],
  // The BOSH session outlives the cut: its requests are retried (XEP-0124 section 14).
  ['bosh', 'cat', 'dan', []],
])('a connection cut mid-chat over %s', (transport, me, colleague, expectedStatuses) => {
  it('carries on and loses no message either way', async () => {
    const mine = chatFor(me, transport, true);
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
    if (transport === 'websocket') await until(() => mine.status === 'reconnecting', 20_000);
    await theirs.sendMessage(myJid, 'while you were away');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    proxy.restore();

    await until(() => mine.status === 'online', 20_000);
    await until(() => (myChats.getSnapshot().chats[0]?.messages.length ?? 0) >= 3);
    await until(() => received.some((m) => m.body === 'sent as it broke'));
    await mine.sendMessage(theirJid, 'after');
    await until(() => received.some((m) => m.body === 'after'));

    const bodies = myChats.getSnapshot().chats[0]?.messages.map((m) => m.body);
    expect(bodies).toEqual(['before the cut', 'sent as it broke', 'while you were away', 'after']);
    expect(received.filter((m) => m.body === 'sent as it broke')).toHaveLength(1);
    expect(resumedStatuses).toEqual(expectedStatuses);
    expect(mine.jid).toBe(jidBefore);
  }, 60_000);
});
