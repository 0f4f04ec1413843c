/**
 * End to end against a real Prosody (server/testing/prosodyServer.ts): a raw XEP-0060 publisher signed in as
 * the admin plays Finesse's notification service, and the client under test signs in as agent 1001.
 */
import { EventEmitter } from 'events';
import { client, xml, type XmppClient, type XmppElement } from '@xmpp/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { FinesseError, HybridChatError, TimeoutError } from '../core/errors.ts';
import {
  agentNodes,
  createFinesseNotifications,
  type FinesseNotifications,
  type FinesseNotificationsEvents,
} from './finesseNotifications.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const AGENT = { username: '1001', password: 'agent-secret' };
const [USER_NODE, DIALOGS_NODE] = agentNodes(AGENT.username) as [string, string];

let prosody: ProsodyServer;
/** Signed in once for all tests (each sign-in costs ~0.5 s of SCRAM); replaced after the restart. */
let publisher: Publisher;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  prosody = await startProsody({ users: [AGENT] });
  publisher = await connectAdmin();
  await publisher.createNode(USER_NODE);
  await publisher.createNode(DIALOGS_NODE);
}, 15_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await publisher?.close();
  await prosody?.stop();
});

type Publisher = Awaited<ReturnType<typeof connectAdmin>>;

/** The admin connection that creates nodes and publishes, as Finesse's notification service would. */
async function connectAdmin() {
  const admin: XmppClient = client({
    service: prosody.service,
    domain: prosody.domain,
    username: prosody.adminJid.split('@')[0],
    password: prosody.adminPassword,
  });
  admin.reconnect.stop();
  admin.on('error', () => undefined); // failures surface as rejected requests below
  await admin.start();
  const iq = (...children: XmppElement[]) =>
    admin.iqCaller.request(xml('iq', { type: 'set', to: prosody.pubsubDomain }, ...children), 5_000);
  return {
    admin,
    close: () => admin.stop().catch(() => undefined),
    async createNode(node: string) {
      try {
        await iq(xml('pubsub', { xmlns: NS_PUBSUB }, xml('create', { node })));
      } catch (error) {
        if ((error as { condition?: string }).condition !== 'conflict') throw error;
      }
    },
    publish(node: string, updateXml: string) {
      // The Update travels escaped as the text of <notification> (as Finesse sends it); ltx escapes text.
      return iq(
        xml(
          'pubsub',
          { xmlns: NS_PUBSUB },
          xml('publish', { node }, xml('item', {}, xml('notification', { xmlns: NS_PUBSUB }, updateXml))),
        ),
      );
    },
  };
}

function startClient(password = AGENT.password): FinesseNotifications {
  const notifications = createFinesseNotifications({
    service: prosody.service,
    domain: prosody.domain,
    pubsubDomain: prosody.pubsubDomain,
    username: AGENT.username,
    password,
    backoff: { baseMs: 100, maxMs: 500 },
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 3_000,
  });
  cleanups.push(() => notifications.stop());
  return notifications;
}

/** The next `event` matching `predicate`, or a rejection after `timeoutMs`. */
function next<K extends keyof FinesseNotificationsEvents>(
  notifications: FinesseNotifications,
  event: K,
  predicate: (payload: FinesseNotificationsEvents[K]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<FinesseNotificationsEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = notifications.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const userUpdate = (state: string, requestId = '') =>
  `<Update><data><user><uri>${USER_NODE}</uri><loginId>1001</loginId><loginName>ann</loginName>` +
  `<state>${state}</state><pendingState></pendingState><reasonCodeId>-1</reasonCodeId>` +
  `<extension>1001</extension><firstName>Ann &amp; Co</firstName><lastName>Lee</lastName>` +
  `<teamId>1</teamId><teamName>Sales</teamName><roles><role>Agent</role></roles></user></data>` +
  `<event>PUT</event><requestId>${requestId}</requestId><source>${USER_NODE}</source></Update>`;

const dialogAdded =
  `<Update><data><dialogs><Dialog><id>16804377</id><mediaType>Voice</mediaType>` +
  `<fromAddress>5551234</fromAddress><toAddress>1001</toAddress><state>ALERTING</state>` +
  `<participants><Participant><mediaAddress>1001</mediaAddress><state>ALERTING</state>` +
  `<actions><action>ANSWER</action></actions></Participant></participants>` +
  `<mediaProperties><callType>ACD_IN</callType></mediaProperties></Dialog></dialogs></data>` +
  `<event>POST</event><requestId></requestId><source>${DIALOGS_NODE}</source></Update>`;

describe('createFinesseNotifications against Prosody', () => {
  it('subscribes to the agent nodes and emits typed user and dialog updates', async () => {
    const notifications = startClient();
    const statuses: string[] = [];
    notifications.on('status', (status) => statuses.push(status));
    await notifications.start();
    expect(statuses).toEqual(['connecting', 'subscribing', 'online']);

    const userArrives = next(notifications, 'update');
    await publisher.publish(USER_NODE, userUpdate('READY', 'req-7'));
    const user = await userArrives;
    expect(user.node).toBe(USER_NODE);
    expect(user).toMatchObject({ kind: 'user', event: 'PUT', requestId: 'req-7' });
    expect(user.kind === 'user' && user.user).toMatchObject({
      state: 'READY',
      firstName: 'Ann & Co',
    });

    const dialogArrives = next(notifications, 'update');
    await publisher.publish(DIALOGS_NODE, dialogAdded);
    const dialogs = await dialogArrives;
    expect(dialogs).toMatchObject({ node: DIALOGS_NODE, kind: 'dialogs', event: 'POST' });
    expect(dialogs.kind === 'dialogs' && dialogs.dialogs[0]).toMatchObject({
      id: '16804377',
      state: 'ALERTING',
      rawCallType: 'ACD_IN',
    });
  });

  it('reports hostile payloads as FinesseErrors and keeps delivering', async () => {
    const notifications = startClient();
    await notifications.start();
    const errors: HybridChatError[] = [];
    notifications.on('error', (error) => errors.push(error));

    const laughs =
      '<!DOCTYPE Update [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      userUpdate('&b;');
    await publisher.publish(USER_NODE, laughs);
    await publisher.publish(USER_NODE, '<Update><data><user>');
    await publisher.publish(USER_NODE, userUpdate('READY').replace('PUT', 'PATCH'));
    const fine = next(notifications, 'update');
    await publisher.publish(USER_NODE, userUpdate('NOT_READY'));
    expect(await fine).toMatchObject({ kind: 'user', user: { state: 'NOT_READY' } });

    expect(errors).toHaveLength(3);
    for (const error of errors) expect(error).toBeInstanceOf(FinesseError);
    expect(errors[0]?.message).toMatch(/DOCTYPE/);
    expect(notifications.status).toBe('online');
  });

  it('ignores look-alike notifications that do not come from the pubsub service', async () => {
    const notifications = startClient();
    await notifications.start();
    const updates: unknown[] = [];
    notifications.on('update', (update) => updates.push(update));

    await publisher.admin.send(
      xml(
        'message',
        { to: `${AGENT.username}@${prosody.domain}`, type: 'headline' },
        xml(
          'event',
          { xmlns: `${NS_PUBSUB}#event` },
          xml(
            'items',
            { node: USER_NODE },
            xml('item', {}, xml('notification', { xmlns: NS_PUBSUB }, userUpdate('LOGOUT'))),
          ),
        ),
      ),
    );
    // A real one after it: once it arrives, the forged one would have arrived before it.
    const real = next(notifications, 'update');
    await publisher.publish(USER_NODE, userUpdate('READY'));
    expect(await real).toMatchObject({ kind: 'user', user: { state: 'READY' } });
    expect(updates).toHaveLength(1);
  });

  it('rejects start() and stays offline when the password is refused', async () => {
    const notifications = startClient('wrong');
    const error = await notifications.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HybridChatError);
    expect((error as HybridChatError).code).toBe('UNAUTHORIZED');
    expect(notifications.status).toBe('offline');
  });

  it('can be stopped at any point of signing in', async () => {
    for (const delayMs of [0, 2, 5, 10, 20, 40]) {
      const notifications = startClient();
      const outcome = notifications.start().then(
        () => null,
        (e: unknown) => e,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await notifications.stop();
      expect(await outcome).toMatchObject({ code: 'DISCONNECTED' });
      expect(notifications.status).toBe('offline');
    }
    // Server data still in flight must not reach a dropped stream parser (guardLateSocketData).
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  // Last: it restarts the shared server.
  it('reconnects and subscribes again after Prosody restarts', async () => {
    const notifications = startClient();
    await notifications.start();

    const reconnecting = next(notifications, 'status', (s) => s === 'reconnecting');
    await prosody.restart();
    await reconnecting;
    // Listen before the publisher's own reconnect: the client may well be online again first.
    const online = next(notifications, 'status', (s) => s === 'online', 10_000);
    // Nodes survive the restart in Prosody's data directory; creating them again is harmless.
    await publisher.close();
    publisher = await connectAdmin();
    await publisher.createNode(USER_NODE);
    await online;

    const arrives = next(notifications, 'update');
    await publisher.publish(USER_NODE, userUpdate('TALKING'));
    expect(await arrives).toMatchObject({ kind: 'user', user: { state: 'TALKING' } });
  }, 15_000);
});

/** Just enough of an xmpp.js client to drive the session logic with fake timers. */
class FakeXmpp extends EventEmitter {
  status = 'offline';
  readonly jid = { bare: () => ({ toString: () => '1001@finesse.test' }) };
  readonly reconnect = { delay: 1000, stop: vi.fn() };
  readonly requests: XmppElement[] = [];
  private readonly server: { up: boolean; answersPings: boolean };
  constructor(server: { up: boolean; answersPings: boolean }) {
    super();
    this.server = server;
  }
  readonly iqCaller = {
    request: (stanza: XmppElement, timeout = 30_000) => {
      this.requests.push(stanza);
      if (!stanza.getChild('ping') || this.server.answersPings)
        return Promise.resolve(xml('iq', { type: 'result' }));
      return new Promise<XmppElement>((_, reject) =>
        setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeout),
      );
    },
  };
  private setStatus(status: string) {
    this.status = status;
    this.emit('status', status);
  }
  async start() {
    if (!this.server.up) {
      this.setStatus('disconnect');
      throw new Error('connect ECONNREFUSED');
    }
    this.setStatus('online');
    return this.jid;
  }
  async stop() {
    if (this.status === 'online') this.setStatus('disconnect');
    this.status = 'offline';
  }
  async send() {}
  pings = () => this.requests.filter((r) => r.getChild('ping', 'urn:xmpp:ping')).length;
  subscribes = () => this.requests.filter((r) => r.getChild('pubsub')?.getChild('subscribe')).length;
}

describe('createFinesseNotifications session logic (fake client, fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(options: { reconnect?: boolean } = {}) {
    vi.useFakeTimers();
    const server = { up: true, answersPings: true };
    const clients: FakeXmpp[] = [];
    const notifications = createFinesseNotifications({
      service: 'xmpp://finesse.test:5222',
      domain: 'finesse.test',
      pubsubDomain: 'pubsub.finesse.test',
      username: '1001',
      password: 'pw',
      backoff: { baseMs: 1_000, maxMs: 8_000, random: () => 0.5 },
      xmpp: {
        client: () => {
          const fake = new FakeXmpp(server);
          clients.push(fake);
          return fake as unknown as XmppClient;
        },
        xml,
      },
      ...options,
    });
    cleanups.push(() => notifications.stop());
    const statuses: string[] = [];
    const errors: HybridChatError[] = [];
    notifications.on('status', (status) => statuses.push(status));
    notifications.on('error', (error) => errors.push(error));
    return { server, clients, notifications, statuses, errors };
  }

  it('pings every 20 s and reconnects when a ping goes unanswered', async () => {
    const { server, clients, notifications, errors } = setup();
    await notifications.start();
    expect(clients[0]!.subscribes()).toBe(2);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(clients[0]!.pings()).toBe(2);

    server.answersPings = false;
    await vi.advanceTimersByTimeAsync(20_000 + 10_000);
    expect(notifications.status).toBe('reconnecting');
    expect(errors.at(-1)).toBeInstanceOf(TimeoutError);

    // First retry after half the 1 s base (random 0.5), then subscribed again on the new connection.
    await vi.advanceTimersByTimeAsync(500);
    expect(clients).toHaveLength(2);
    expect(notifications.status).toBe('online');
    expect(clients[1]!.subscribes()).toBe(2);
  });

  it('backs off exponentially while the server is down and resets once online', async () => {
    const { server, clients, notifications } = setup();
    await notifications.start();
    server.up = false;
    clients[0]!.emit('status', 'disconnect');
    // Retries at +500, +1000, +2000, +4000 ms (jitter fixed at 0.5 of 1 s · 2^n).
    for (const [wait, attempts] of [
      [499, 1],
      [1, 2],
      [1_000, 3],
      [2_000, 4],
      [4_000, 5],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(clients).toHaveLength(attempts);
    }
    server.up = true;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(notifications.status).toBe('online');
    const online = clients.length;
    clients.at(-1)!.emit('status', 'disconnect');
    await vi.advanceTimersByTimeAsync(500);
    expect(clients).toHaveLength(online + 1);
  });

  it('goes offline with an error when the connection drops and reconnect is off', async () => {
    const { clients, notifications, statuses, errors } = setup({ reconnect: false });
    await notifications.start();
    clients[0]!.emit('status', 'disconnect');
    expect(statuses.at(-1)).toBe('offline');
    expect(errors.at(-1)?.code).toBe('DISCONNECTED');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clients).toHaveLength(1);
  });
});
