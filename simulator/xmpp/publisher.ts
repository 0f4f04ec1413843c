/**
 * Forwards the simulator's notifications into a real XMPP pubsub service (Prosody), the way
 * Finesse's notification service publishes them (docs/requirements.md, "Notifications"): one node per
 * resource, each `<Update>` entity-escaped as the text of
 * `<notification xmlns="http://jabber.org/protocol/pubsub">` inside the item. Agents' clients
 * (sdk/transport/finesseNotifications.ts) then receive exactly what a real Finesse sends.
 *
 * Signs in as a server admin, who owns every node of Prosody's pubsub component and may create
 * them (XEP-0060 §8.1). Nodes are open (agents subscribe themselves; Finesse subscribes them
 * server-side) and keep only the last item in memory: notifications are events, not history.
 */
import {
  client as xmppClient,
  xml,
  type XmppClient,
  type XmppClientOptions,
  type XmppElement,
} from '@xmpp/client';
import { guardLateSocketData } from '../../sdk/transport/finesseNotifications.ts';
import type { Notification } from '../notificationHub.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_OWNER = 'http://jabber.org/protocol/pubsub#owner';
const NS_DATA = 'jabber:x:data';

/** What the publisher needs of the simulator's `NotificationHub`. */
export interface NotificationSource {
  subscribe(nodes: readonly string[], listener: (notification: Notification) => void): () => void;
}

export interface XmppPublisherOptions {
  /** e.g. `xmpp://127.0.0.1:5222`. */
  service: string;
  /** The XMPP domain the admin signs in to. */
  domain: string;
  /** The pubsub component, e.g. `pubsub.finesse.test`. */
  pubsubDomain: string;
  /** A server admin (Prosody's `admins`), e.g. `admin@finesse.test`. */
  adminJid: string;
  password: string;
  /** Hub nodes to forward; created as soon as the admin is online. Every agent's `userNodes(id)`. */
  nodes: readonly string[];
  /** Updates kept while offline; the oldest are dropped beyond it. Default 1000. */
  maxQueue?: number;
  requestTimeoutMs?: number;
  onError?: (error: Error) => void;
  createClient?: (options: XmppClientOptions) => XmppClient;
}

export interface XmppPublisher {
  /** Resolves once signed in with `nodes` created; rejects if the admin's sign-in is refused. */
  readonly ready: Promise<void>;
  /** Resolves when every update received so far has been published (or dropped). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

// XEP-0060 §8.1.3 create-and-configure form; Prosody's mod_pubsub reads these fields.
const nodeConfig = () =>
  xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    field('FORM_TYPE', 'http://jabber.org/protocol/pubsub#node_config', 'hidden'),
    field('pubsub#access_model', 'open'),
    field('pubsub#persist_items', '0'),
    field('pubsub#max_items', '1'),
    field('pubsub#send_last_published_item', 'never'),
  );

function field(name: string, value: string, type?: string): XmppElement {
  return xml('field', { var: name, type }, xml('value', {}, value));
}

const condition = (error: unknown) =>
  error instanceof Error && error.name === 'StanzaError'
    ? (error as { condition?: string }).condition
    : undefined;

export function attachXmppPublisher(hub: NotificationSource, options: XmppPublisherOptions): XmppPublisher {
  const {
    pubsubDomain,
    maxQueue = 1000,
    requestTimeoutMs = 10_000,
    onError = (error) => console.warn('[simulator xmpp]', error),
    createClient = xmppClient,
  } = options;
  const nodes = [...new Set(options.nodes)];
  const [username] = options.adminJid.split('@');
  const xmpp = createClient({
    service: options.service,
    domain: options.domain,
    username,
    password: options.password,
  });
  guardLateSocketData(xmpp);

  const queue: Notification[] = [];
  const ensured = new Set<string>();
  let flushWaiters: Array<() => void> = [];
  let online = false;
  let draining = false;
  let closed = false;

  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined); // also reported through onError: nobody has to await it

  const iq = (child: XmppElement) =>
    xmpp.iqCaller.request(xml('iq', { type: 'set', to: pubsubDomain }, child), requestTimeoutMs);

  async function ensureNode(node: string): Promise<void> {
    if (ensured.has(node)) return;
    try {
      await iq(
        xml('pubsub', { xmlns: NS_PUBSUB }, xml('create', { node }), xml('configure', {}, nodeConfig())),
      );
    } catch (error) {
      if (condition(error) !== 'conflict') throw error;
      // It exists (from an earlier run, or it survived a restart): make its config ours (§8.2.4).
      await iq(xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('configure', { node }, nodeConfig())));
    }
    ensured.add(node);
  }

  // The payload is a text child: ltx escapes it, which is Finesse's wrapping.
  const publish = (node: string, payload: string) =>
    iq(
      xml(
        'pubsub',
        { xmlns: NS_PUBSUB },
        xml('publish', { node }, xml('item', {}, xml('notification', { xmlns: NS_PUBSUB }, payload))),
      ),
    );

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (online && queue.length > 0) {
        const next = queue[0] as Notification;
        try {
          await ensureNode(next.node);
          await publish(next.node, next.payload);
        } catch (error) {
          if (!online) break; // kept: published after the reconnect
          onError(new Error(`[simulator xmpp] publish to ${next.node} failed`, { cause: error }));
        }
        queue.shift();
      }
    } finally {
      draining = false;
    }
    if (queue.length === 0 || closed) {
      for (const resolve of flushWaiters.splice(0)) resolve();
    }
  }

  const unsubscribe = hub.subscribe(nodes, (notification) => {
    if (closed) return;
    if (queue.length >= maxQueue) {
      queue.shift();
      onError(new Error(`[simulator xmpp] more than ${maxQueue} updates waiting: dropped the oldest`));
    }
    queue.push(notification);
    void drain();
  });

  xmpp.on('error', (error) => {
    if (!closed) onError(error);
  });
  xmpp.on('status', (status) => {
    if (status !== 'online') online = false;
  });
  // Every (re)connection: the server may have restarted without its data, so nodes are ensured again.
  xmpp.on('online', () => {
    online = true;
    ensured.clear();
    void (async () => {
      for (const node of nodes) {
        try {
          await ensureNode(node);
        } catch (error) {
          onError(new Error(`[simulator xmpp] could not create ${node}`, { cause: error }));
        }
      }
      resolveReady();
      await drain();
    })();
  });

  xmpp.start().catch((error: unknown) => {
    if (error instanceof Error && error.name === 'SASLError') {
      // Refused credentials: retrying every second would only fill the logs.
      xmpp.reconnect.stop();
      rejectReady(error);
    }
    // Anything else (server not up yet): xmpp.js's reconnect tries again every second.
  });

  return {
    ready,
    flush() {
      if (closed || queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => flushWaiters.push(resolve));
    },
    async close() {
      if (closed) return;
      closed = true;
      online = false;
      unsubscribe();
      queue.length = 0;
      for (const resolve of flushWaiters.splice(0)) resolve();
      flushWaiters = [];
      rejectReady(new Error('[simulator xmpp] closed'));
      xmpp.reconnect.stop();
      await xmpp.stop().catch(() => undefined); // already disconnected: nothing left to close
    },
  };
}
