/**
 * The desktop chat against a real Prosody (server/testing/prosodyServer.ts) over WebSocket and over
 * BOSH: mutual presence subscription, presence changes, a message with a chat state and a receipt,
 * carbons to a second client of the same user, roster edits, and failover to the secondary server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/testing/localProcess.ts';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { createDesktopChat } from './desktopChat.ts';
import { XmppAuthError, XmppConnectionError } from './errors.ts';
import type { RosterItem } from './roster.ts';
import type { ChatMessage, DesktopChat, DesktopChatOptions, DesktopChatTransport } from './types.ts';
import { nextEvent as next } from './chatTesting.ts';

let prosody: ProsodyServer;
const chats: DesktopChat[] = [];
const USERS = ['alice', 'bob', 'carol', 'dave'] as const;

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'im.test',
    users: USERS.map((username) => ({ username, password: `pw-${username}` })),
  });
}, 30_000);
afterEach(async () => {
  await Promise.all(chats.splice(0).map((chat) => chat.stop()));
});
afterAll(() => prosody?.stop());

function urlFor(transport: DesktopChatTransport): string {
  return transport === 'websocket' ? prosody.websocketUrl : prosody.boshUrl;
}

function chatFor(user: string, transport: DesktopChatTransport, extra: Partial<DesktopChatOptions> = {}) {
  const chat = createDesktopChat({
    service: { primary: urlFor(transport) },
    transport,
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    bosh: { wait: 10 },
    chatStates: { pausedMs: 200 },
    ...extra,
  });
  chats.push(chat);
  return chat;
}

const jidOf = (user: string) => `${user}@im.test`;

/** Both ask for and approve each other's presence (RFC 6121 section 3). */
async function befriend(a: DesktopChat, aUser: string, b: DesktopChat, bUser: string): Promise<void> {
  const bAsked = next(b, 'subscriptionRequest', (r) => r.jid === jidOf(aUser));
  const aAsked = next(a, 'subscriptionRequest', (r) => r.jid === jidOf(bUser));
  const aSeesB = next(
    a,
    'presence',
    (p) => p.jid === jidOf(bUser) && p.presence.availability === 'available',
  );
  const bSeesA = next(
    b,
    'presence',
    (p) => p.jid === jidOf(aUser) && p.presence.availability === 'available',
  );
  const both = (user: string) => (items: readonly RosterItem[]) =>
    items.some((item) => item.jid === jidOf(user) && item.subscription === 'both');
  const aMutual = next(a, 'roster', both(bUser));
  const bMutual = next(b, 'roster', both(aUser));
  await a.addContact(jidOf(bUser), { name: bUser, groups: ['Team'] });
  await bAsked;
  await b.approveSubscription(jidOf(aUser));
  await b.addContact(jidOf(aUser));
  await aAsked;
  await a.approveSubscription(jidOf(bUser));
  await Promise.all([aSeesB, bSeesA, aMutual, bMutual]);
}

describe.each<DesktopChatTransport>(['websocket', 'bosh'])('desktop chat over %s', (transport) => {
  it('two users see each other go Available, DND and offline, and chat with composing and a receipt', async () => {
    const [aliceUser, bobUser] = transport === 'websocket' ? ['alice', 'bob'] : ['carol', 'dave'];
    const alice = chatFor(aliceUser, transport);
    const bob = chatFor(bobUser, transport);
    await Promise.all([alice.start(), bob.start()]);
    expect(alice.status).toBe('online');
    expect(alice.presence.availability).toBe('available');
    await befriend(alice, aliceUser, bob, bobUser);
    expect(alice.presenceOf(jidOf(bobUser)).availability).toBe('available');
    expect(alice.roster().find((item) => item.jid === jidOf(bobUser))).toMatchObject({
      subscription: 'both',
      groups: ['Team'],
    });

    const dnd = next(alice, 'presence', (p) => p.jid === jidOf(bobUser));
    await bob.setPresence('dnd', 'In a meeting');
    expect((await dnd).presence).toMatchObject({ availability: 'dnd', status: 'In a meeting' });

    const composing = next(alice, 'chatState', (s) => s.state === 'composing');
    const paused = next(alice, 'chatState', (s) => s.state === 'paused');
    bob.typing(jidOf(aliceUser));
    expect(await composing).toEqual({ jid: jidOf(bobUser), state: 'composing' });
    await paused;

    const received = next(
      alice,
      'message',
      (message) => message.body === `Can you take the Spanish queue? (${transport})`,
    );
    const receipt = next(bob, 'receipt');
    const sent = await bob.sendMessage(jidOf(aliceUser), `Can you take the Spanish queue? (${transport})`);
    expect(await received).toMatchObject({
      id: sent.id,
      peer: jidOf(bobUser),
      direction: 'in',
      body: `Can you take the Spanish queue? (${transport})`,
      carbon: false,
    });
    expect(await receipt).toEqual({ jid: jidOf(aliceUser), id: sent.id });

    const gone = next(
      alice,
      'presence',
      (p) => p.jid === jidOf(bobUser) && p.presence.availability === 'offline',
    );
    await bob.stop();
    await gone;
    expect(bob.status).toBe('offline');
  }, 30_000);

  it('gives a second client of the same user the carbon of a sent message', async () => {
    const desk = chatFor('alice', transport, { resource: 'desk' });
    const phone = chatFor('alice', transport, { resource: 'phone' });
    const bob = chatFor('bob', transport);
    await Promise.all([desk.start(), phone.start(), bob.start()]);
    const mine = (message: ChatMessage) => message.body === `Copy for my other client (${transport})`;
    const carbon = next(phone, 'message', mine);
    const atBob = next(bob, 'message', mine);
    const sent = await desk.sendMessage(jidOf('bob'), `Copy for my other client (${transport})`);
    expect(await carbon).toMatchObject({
      id: sent.id,
      peer: jidOf('bob'),
      direction: 'out',
      carbon: true,
      delayed: false,
      body: `Copy for my other client (${transport})`,
    });
    expect((await atBob).body).toBe(`Copy for my other client (${transport})`);
  }, 30_000);
});

describe('desktop chat roster and failover', () => {
  it('renames, regroups and deletes a contact', async () => {
    const alice = chatFor('alice', 'websocket');
    await alice.start();
    const added = next(alice, 'roster', (items) => items.some((i) => i.jid === jidOf('dave')));
    await alice.addContact(jidOf('dave'), { name: 'Dave', groups: ['Sales'] });
    await added;
    const edited = next(alice, 'roster', (items) => items.some((i) => i.name === 'David'));
    await alice.updateContact(jidOf('dave'), { name: 'David', groups: ['Sales', 'Night shift'] });
    expect((await edited).find((i) => i.jid === jidOf('dave'))?.groups).toEqual(['Night shift', 'Sales']);
    const fetched = await alice.fetchRoster();
    expect(fetched.find((i) => i.jid === jidOf('dave'))).toMatchObject({ name: 'David', pendingOut: true });
    const removed = next(alice, 'roster', (items) => !items.some((i) => i.jid === jidOf('dave')));
    await alice.removeContact(jidOf('dave'));
    await removed;
  }, 20_000);

  it.each<DesktopChatTransport>(['websocket', 'bosh'])(
    'over %s uses the secondary only when the primary is unreachable, and remembers it',
    async (transport) => {
      const closed = await freePort();
      const dead =
        transport === 'websocket'
          ? `ws://127.0.0.1:${closed}/xmpp-websocket`
          : `http://127.0.0.1:${closed}/http-bind`;
      const stored = new Map<string, string>();
      const storage = {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      };
      const failover = chatFor('bob', transport, {
        service: { primary: dead, secondary: urlFor(transport) },
        storage,
      });
      const served = next(failover, 'served');
      await failover.start();
      expect(await served).toEqual({ url: urlFor(transport), which: 'secondary' });
      await failover.stop();
      expect(failover.lastServedBy).toBe(urlFor(transport));

      const preferred = chatFor('bob', transport, {
        service: { primary: urlFor(transport), secondary: dead },
        storage,
      });
      await preferred.start();
      expect(preferred.servedBy).toEqual({ url: urlFor(transport), which: 'primary' });
    },
    20_000,
  );

  it('does not try the secondary when the password is refused, and reports both unreachable', async () => {
    const closed = await freePort();
    const dead = `ws://127.0.0.1:${closed}/xmpp-websocket`;
    const refused = chatFor('bob', 'websocket', {
      password: 'wrong',
      service: { primary: prosody.websocketUrl, secondary: dead },
    });
    await expect(refused.start()).rejects.toBeInstanceOf(XmppAuthError);
    expect(refused.status).toBe('offline');
    const nowhere = chatFor('bob', 'websocket', { service: { primary: dead, secondary: dead } });
    const error = await nowhere.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XmppConnectionError);
    expect((error as XmppConnectionError).attempts).toHaveLength(2);
  }, 20_000);
});
