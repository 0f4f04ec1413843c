/**
 * Finesse notifications over XMPP: the agent's pubsub nodes as typed updates (docs/requirements.md,
 * "Notifications"). The chat server's Communication Server signs in to Finesse's XMPP service on
 * 5222 with the agent's credentials (docs/requirements.md, Ports); `ws://`/`wss://` services use XMPP over
 * WebSocket (Finesse's `:8445/ws/`).
 *
 * Finesse subscribes each agent to their nodes itself; other pubsub servers (Prosody in our tests
 * and simulator) do not, so the client subscribes to every node once online — idempotent
 * (XEP-0060 §6.1) and repeated after each reconnect. It pings every 20 s as Finesse's clients do
 * (XEP-0199), which also detects a dead connection, and reconnects with jittered exponential
 * backoff; xmpp.js's own `reconnect` retries every second forever, so it is switched off.
 *
 * Ongoing trouble is an `error` event (the connection, a refused subscription, a malformed update);
 * only `start()` rejects, when the credentials are refused or `stop()` comes first.
 */
import type { xml, XmppClient, XmppClientOptions, XmppElement } from '@xmpp/client';
import { backoffDelay, type BackoffOptions } from '../core/backoff.ts';
import { Emitter, type Listener } from '../core/emitter.ts';
import { HybridChatError, TimeoutError, type HybridChatErrorCode } from '../core/errors.ts';
import {
  parseFinesseUpdate,
  pubsubNotificationItems,
  type FinesseNotification,
  type FinesseUpdate,
} from '../core/finesseUpdate.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PING = 'urn:xmpp:ping';

export type FinesseNotificationsStatus = 'offline' | 'connecting' | 'subscribing' | 'online' | 'reconnecting';

// A type alias (not an interface) so it satisfies the emitter's `Record<string, unknown>`.
export type FinesseNotificationsEvents = {
  update: FinesseNotification;
  status: FinesseNotificationsStatus;
  error: HybridChatError;
};

export interface FinesseNotificationsOptions {
  /** `xmpp://finesse.example.com:5222` (Node only) or `wss://finesse.example.com:8445/ws/`. */
  service: string;
  /** Finesse's `xmppDomain` (SystemInfo). */
  domain: string;
  /** Finesse's `xmppPubSubDomain`, usually `pubsub.<domain>`; only its messages are read. */
  pubsubDomain: string;
  /** The agent's Finesse id and password (non-SSO). */
  username: string;
  password: string;
  /** Default: the agent's User and Dialogs nodes (`agentNodes(username)`). */
  nodes?: readonly string[];
  /** Reconnect after the connection drops. Default true. */
  reconnect?: boolean;
  /** Default 20 s, as Finesse's clients. */
  pingIntervalMs?: number;
  /** Bound on each iq (subscribe, ping). Default 10 s. */
  requestTimeoutMs?: number;
  /** Bound on connect + sign-in + subscriptions. Default 15 s. */
  connectTimeoutMs?: number;
  /** Between reconnect attempts. Default 1 s doubling up to 30 s, full jitter. */
  backoff?: BackoffOptions;
  /** xmpp.js (tests inject fakes). By default imported on `start()`, see `XmppLibrary`. */
  xmpp?: XmppLibrary;
  onListenerError?: (error: unknown) => void;
}

export interface FinesseNotifications {
  readonly status: FinesseNotificationsStatus;
  on<K extends keyof FinesseNotificationsEvents>(
    event: K,
    listener: Listener<FinesseNotificationsEvents[K]>,
  ): () => void;
  /** Connects; resolves once online (subscribed). Rejects if the credentials are refused or on `stop()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The nodes Finesse subscribes an agent to for their own state and calls (docs/requirements.md). */
export function agentNodes(userId: string): string[] {
  return [`/finesse/api/User/${userId}`, `/finesse/api/User/${userId}/Dialogs`];
}

/**
 * The parts of @xmpp/client used here. It is imported when a client starts, not with this module:
 * `sdk/index.ts` also feeds the browser apps, which must not carry an XMPP stack they never use.
 */
export interface XmppLibrary {
  client(options: XmppClientOptions): XmppClient;
  xml: typeof xml;
}

let defaultLibrary: Promise<XmppLibrary> | undefined;
const importXmpp = () => (defaultLibrary ??= import('@xmpp/client'));

/**
 * xmpp.js 0.14.0 throws, uncaught, when socket data arrives after `stop()` has dropped the stream
 * parser (a stop during sign-in): https://github.com/xmppjs/xmpp.js/issues/860, fixed upstream by
 * https://github.com/xmppjs/xmpp.js/pull/1100. Call before `start()`: the socket listener binds
 * `_onData` on first connect. Harmless once the fix is released.
 */
export function guardLateSocketData(xmpp: XmppClient): void {
  const connection = xmpp as unknown as { parser: unknown; _onData(data: unknown): void };
  const onData = connection._onData;
  if (typeof onData !== 'function') return;
  connection._onData = function (this: typeof connection, data: unknown) {
    if (this.parser) onData.call(this, data);
  };
}

/** Never retry faster than this, whatever the jitter draws. */
const MIN_RETRY_MS = 250;

const isNamed = (error: unknown, name: string): error is Error & { condition?: string } =>
  error instanceof Error && error.name === name;

/** Refused credentials will not get better by retrying (RFC 6120 §6.5). */
const isAuthFailure = (error: unknown) =>
  isNamed(error, 'SASLError') && error.condition !== 'temporary-auth-failure';

function asHybridError(error: unknown, what: string): HybridChatError {
  if (error instanceof HybridChatError) return error;
  if (isNamed(error, 'TimeoutError')) return new TimeoutError(`${what}: no answer in time`);
  if (isNamed(error, 'StanzaError')) {
    const code: HybridChatErrorCode =
      error.condition === 'item-not-found'
        ? 'NOT_FOUND'
        : error.condition === 'forbidden' || error.condition === 'not-authorized'
          ? 'FORBIDDEN'
          : 'PROTOCOL';
    return new HybridChatError(code, `${what}: ${error.condition ?? 'error'}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HybridChatError('DISCONNECTED', `${what}: ${message}`, { cause: error });
}

export function createFinesseNotifications(options: FinesseNotificationsOptions): FinesseNotifications {
  const {
    service,
    domain,
    pubsubDomain,
    username,
    password,
    reconnect = true,
    pingIntervalMs = 20_000,
    requestTimeoutMs = 10_000,
    connectTimeoutMs = 15_000,
    backoff = { baseMs: 1_000, maxMs: 30_000 },
  } = options;
  const nodes = [...(options.nodes ?? agentNodes(username))];
  // Domains compare case-insensitively (RFC 7622 §3.2).
  const pubsubService = pubsubDomain.toLowerCase();
  const emitter = new Emitter<FinesseNotificationsEvents>(options.onListenerError);

  let lib: XmppLibrary | undefined = options.xmpp;
  let status: FinesseNotificationsStatus = 'offline';
  let running = false;
  /** Bumped by every start, stop and failure: a connect() from an earlier run must not proceed. */
  let run = 0;
  let current: XmppClient | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let started: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | null = null;

  const setStatus = (next: FinesseNotificationsStatus) => {
    if (status === next) return;
    status = next;
    emitter.emit('status', next);
  };
  const report = (error: HybridChatError) => emitter.emit('error', error);

  const clearTimers = () => {
    clearTimeout(retryTimer);
    clearTimeout(connectTimer);
    clearInterval(pingTimer);
  };

  /** Closes a connection we no longer use; its own failures no longer matter to anyone. */
  const release = (xmpp: XmppClient) => void xmpp.stop().catch(() => undefined);

  /** Ends everything with a fatal error (refused credentials; a drop when `reconnect` is off). */
  function fail(error: HybridChatError): void {
    running = false;
    run++;
    clearTimers();
    if (current) release(current);
    current = null;
    setStatus('offline');
    report(error);
    started?.reject(error);
    started = null;
  }

  /** The connection `xmpp` is gone (or useless): report why and schedule the next attempt. */
  function lost(xmpp: XmppClient, error?: HybridChatError): void {
    if (xmpp !== current) return; // already handled, or stopped
    current = null;
    clearTimers();
    release(xmpp);
    if (!running) return;
    if (!reconnect) return fail(error ?? new HybridChatError('DISCONNECTED', 'XMPP connection lost'));
    if (error) report(error);
    setStatus('reconnecting');
    const delay = Math.max(Math.min(MIN_RETRY_MS, backoff.baseMs), backoffDelay(attempt++, backoff));
    const token = run;
    retryTimer = setTimeout(() => void connect(token), delay);
  }

  async function request(xmpp: XmppClient, stanza: XmppElement, what: string): Promise<XmppElement> {
    try {
      return await xmpp.iqCaller.request(stanza, requestTimeoutMs);
    } catch (error) {
      throw asHybridError(error, what);
    }
  }

  // XEP-0060 §6.1: subscribing again answers with the existing subscription.
  async function subscribe(
    xmpp: XmppClient,
    xml: XmppLibrary['xml'],
    node: string,
    jid: string,
  ): Promise<void> {
    const iq = xml(
      'iq',
      { type: 'set', to: pubsubDomain },
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node, jid })),
    );
    const reply = await request(xmpp, iq, `subscribe to ${node}`);
    const state = reply.getChild('pubsub', NS_PUBSUB)?.getChild('subscription')?.attrs['subscription'];
    // No <subscription> in the reply means subscribed (XEP-0060 §6.1.2); 'pending' needs an owner's approval.
    if (state && state !== 'subscribed')
      throw new HybridChatError('FORBIDDEN', `subscribe to ${node}: subscription ${state}`);
  }

  let pinging = false;
  async function ping(xmpp: XmppClient, xml: XmppLibrary['xml']): Promise<void> {
    if (pinging) return;
    pinging = true;
    try {
      await xmpp.iqCaller.request(
        xml('iq', { type: 'get', to: domain }, xml('ping', { xmlns: NS_PING })),
        requestTimeoutMs,
      );
    } catch (error) {
      // Any answer, even an error, shows the server is there; silence means the connection is dead.
      if (!isNamed(error, 'StanzaError'))
        lost(xmpp, new TimeoutError(`XMPP ping: no answer within ${requestTimeoutMs} ms`));
    } finally {
      pinging = false;
    }
  }

  function onStanza(stanza: XmppElement): void {
    // Only the pubsub service publishes Finesse's updates; anyone else could send a look-alike message.
    const from = stanza.attrs['from']?.toLowerCase();
    if (!stanza.is('message') || stanza.attrs['type'] === 'error' || from !== pubsubService) return;
    let items: ReturnType<typeof pubsubNotificationItems>;
    try {
      // Serialized again so that the SDK's hardened parser, not ltx, decides what the payload is.
      items = pubsubNotificationItems(stanza.toString());
    } catch (error) {
      return report(asHybridError(error, 'pubsub message'));
    }
    for (const payload of items?.payloads ?? []) {
      const node = items?.node ?? '';
      let update: FinesseUpdate;
      try {
        update = parseFinesseUpdate(payload);
      } catch (error) {
        report(asHybridError(error, `update on ${node}`));
        continue;
      }
      emitter.emit('update', { ...update, node });
    }
  }

  async function session(xmpp: XmppClient, { xml }: XmppLibrary): Promise<void> {
    try {
      const jid = await xmpp.start();
      if (xmpp !== current) return;
      setStatus('subscribing');
      // Available presence with a non-negative priority, as Finesse asks of its clients ("Real-Time
      // Events"): messages to the bare JID only reach such resources (RFC 6121 §8.5.2.1). We
      // subscribe with the bare JID so a new resource after a reconnect still gets them.
      await xmpp.send(xml('presence', {}, xml('priority', {}, '0')));
      const bare = jid.bare().toString();
      await Promise.all(nodes.map((node) => subscribe(xmpp, xml, node, bare)));
      if (xmpp !== current) return;
      clearTimeout(connectTimer);
      attempt = 0;
      pingTimer = setInterval(() => void ping(xmpp, xml), pingIntervalMs);
      setStatus('online');
      started?.resolve();
    } catch (error) {
      if (xmpp !== current) return;
      if (isAuthFailure(error))
        return fail(
          new HybridChatError('UNAUTHORIZED', `XMPP sign-in refused for ${username}`, { cause: error }),
        );
      lost(xmpp, asHybridError(error, 'XMPP session'));
    }
  }

  async function connect(token: number): Promise<void> {
    let xmpp: XmppClient;
    try {
      lib ??= await importXmpp();
      if (token !== run) return;
      xmpp = lib.client({ service, domain, username, password });
    } catch (error) {
      if (token !== run) return;
      return fail(
        new HybridChatError('BAD_REQUEST', `XMPP client not created: ${String(error)}`, { cause: error }),
      );
    }
    xmpp.reconnect.stop();
    guardLateSocketData(xmpp);
    current = xmpp;
    // Always listening: an EventEmitter 'error' without a listener would throw.
    xmpp.on('error', (error) => {
      if (xmpp === current && status === 'online') report(asHybridError(error, 'XMPP connection'));
    });
    xmpp.on('status', (next) => {
      if (next === 'disconnect') lost(xmpp);
    });
    xmpp.on('stanza', (stanza) => {
      if (xmpp === current) onStanza(stanza);
    });
    connectTimer = setTimeout(
      () => lost(xmpp, new TimeoutError(`XMPP: not online within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    void session(xmpp, lib);
  }

  return {
    get status() {
      return status;
    },
    on: (event, listener) => emitter.on(event, listener),
    start() {
      if (started) return started.promise;
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Also reported as 'error' events: a caller that does not await start() must not crash.
      promise.catch(() => undefined);
      started = { promise, resolve, reject };
      running = true;
      run++;
      attempt = 0;
      setStatus('connecting');
      void connect(run);
      return promise;
    },
    async stop() {
      running = false;
      run++;
      clearTimers();
      const xmpp = current;
      current = null;
      started?.reject(new HybridChatError('DISCONNECTED', 'stopped'));
      started = null;
      setStatus('offline');
      if (xmpp) await xmpp.stop().catch(() => undefined);
    },
  };
}
