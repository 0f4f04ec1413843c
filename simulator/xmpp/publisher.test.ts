/**
 * The simulator's hub → publisher → real Prosody → the SDK's notifications client: what an agent's
 * chat server would receive from a real Finesse.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import type { FinesseNotification } from '../../sdk/core/finesseUpdate.ts';
import {
  createFinesseNotifications,
  type FinesseNotifications,
} from '../../sdk/transport/finesseNotifications.ts';
import { createNotificationHub, userNodes, type NotificationHub } from '../notificationHub.ts';
import { el, renderXml } from '../xml/xmlBuilder.ts';
import { attachXmppPublisher, type XmppPublisher } from './publisher.ts';

const AGENT = { username: '1001', password: 'agent-secret' };
const USER_NODE = '/finesse/api/User/1001';

let prosody: ProsodyServer;
let hub: NotificationHub;
let publisher: XmppPublisher;
const hubErrors: unknown[] = [];
const publisherErrors: Error[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  prosody = await startProsody({ users: [AGENT] });
  hub = createNotificationHub((error) => hubErrors.push(error));
  publisher = attachXmppPublisher(hub, {
    service: prosody.service,
    domain: prosody.domain,
    pubsubDomain: prosody.pubsubDomain,
    adminJid: prosody.adminJid,
    password: prosody.adminPassword,
    nodes: userNodes(AGENT.username),
    onError: (error) => publisherErrors.push(error),
  });
  await publisher.ready;
}, 15_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await publisher?.close();
  await prosody?.stop();
});

async function agentClient(): Promise<FinesseNotifications> {
  const notifications = createFinesseNotifications({
    service: prosody.service,
    domain: prosody.domain,
    pubsubDomain: prosody.pubsubDomain,
    username: AGENT.username,
    password: AGENT.password,
    nodes: userNodes(AGENT.username),
    backoff: { baseMs: 100, maxMs: 500 },
  });
  cleanups.push(() => notifications.stop());
  await notifications.start();
  return notifications;
}

function nextUpdate(notifications: FinesseNotifications, timeoutMs = 5_000): Promise<FinesseNotification> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no update within ${timeoutMs} ms`)), timeoutMs);
    const off = notifications.on('update', (update) => {
      clearTimeout(timer);
      off();
      resolve(update);
    });
  });
}

/** An `<Update>` as the simulator renders it, text escaped by the builder. */
const userUpdate = (state: string, firstName: string, requestId: string) =>
  renderXml(
    el(
      'Update',
      el(
        'data',
        el(
          'user',
          el('loginId', '1001'),
          el('loginName', 'ann'),
          el('state', state),
          el('firstName', firstName),
          el('roles', el('role', 'Agent')),
        ),
      ),
      el('event', 'PUT'),
      el('requestId', requestId),
      el('source', USER_NODE),
    ),
  );

describe('attachXmppPublisher', () => {
  it('publishes hub updates to Prosody wrapped as Finesse does, and the SDK client reads them', async () => {
    const notifications = await agentClient();
    const arrives = nextUpdate(notifications);
    hub.publish(USER_NODE, userUpdate('READY', `O'Brien & <Co>`, 'req-1'));
    const received = await arrives;
    expect(received.node).toBe(USER_NODE);
    expect(received).toMatchObject({ kind: 'user', event: 'PUT', requestId: 'req-1' });
    expect(received.kind === 'user' && received.user).toMatchObject({
      state: 'READY',
      firstName: `O'Brien & <Co>`,
    });

    const systemInfo = nextUpdate(notifications);
    hub.publish(
      '/finesse/api/SystemInfo',
      renderXml(
        el(
          'Update',
          el('data', el('SystemInfo', el('status', 'OUT_OF_SERVICE'))),
          el('event', 'PUT'),
          el('requestId'),
          el('source', '/finesse/api/SystemInfo'),
        ),
      ),
    );
    expect(await systemInfo).toMatchObject({
      kind: 'systemInfo',
      systemInfo: { status: 'OUT_OF_SERVICE' },
    });
    await publisher.flush();
    expect(publisherErrors).toEqual([]);
  });

  it('keeps publishing after Prosody restarts', async () => {
    const notifications = await agentClient();
    const back = new Promise<void>((resolve) => {
      let dropped = false;
      notifications.on('status', (status) => {
        if (status === 'reconnecting') dropped = true;
        if (dropped && status === 'online') resolve();
      });
    });
    await prosody.restart();
    await back;
    const arrives = nextUpdate(notifications);
    hub.publish(USER_NODE, userUpdate('TALKING', 'Ann', 'req-2'));
    expect(await arrives).toMatchObject({ kind: 'user', user: { state: 'TALKING' } });
    await publisher.flush();
    // Connection errors during the restart are expected; a refused create or publish is not.
    expect(publisherErrors.filter((error) => /create|publish/.test(error.message))).toEqual([]);
  }, 15_000);

  it('stops listening to the hub when closed', async () => {
    const extra = attachXmppPublisher(hub, {
      service: prosody.service,
      domain: prosody.domain,
      pubsubDomain: prosody.pubsubDomain,
      adminJid: prosody.adminJid,
      password: prosody.adminPassword,
      nodes: userNodes('1002'),
      onError: (error) => publisherErrors.push(error),
    });
    expect(hub.subscriberCount('/finesse/api/User/1002')).toBe(1);
    await extra.close();
    expect(hub.subscriberCount('/finesse/api/User/1002')).toBe(0);
    await expect(extra.ready).rejects.toThrow(/closed/);
  });

  it('rejects ready when the admin credentials are refused', async () => {
    const errors: Error[] = [];
    const refused = attachXmppPublisher(hub, {
      service: prosody.service,
      domain: prosody.domain,
      pubsubDomain: prosody.pubsubDomain,
      adminJid: prosody.adminJid,
      password: 'wrong',
      nodes: [],
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => refused.close());
    await expect(refused.ready).rejects.toMatchObject({ name: 'SASLError' });
  });
});
