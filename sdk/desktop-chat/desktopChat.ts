/**
 * `createDesktopChat`: agents chatting with colleagues over XMPP (Cisco IM and Presence in
 * production) from the desktop, on xmpp.js over WebSocket (RFC 7395) or BOSH (XEP-0206, our
 * transport in sdk/transport/bosh). Signing in goes Available after fetching the roster (RFC 6121
 * section 4.2) and enables carbons (XEP-0280) so that every client of the agent sees every chat.
 * After a drop it signs in again by itself (reconnect.ts), the session's server first, resumes the
 * stream (resume.ts) or else fetches from the archive what came meanwhile (archive.ts). Incoming
 * stanzas are read in inbound.ts; the models are pure (roster.ts, presence.ts).
 */
import type { XmppClient, XmppElement } from '@xmpp/client';
import { xml } from '@xmpp/client';
import { Emitter } from '../core/emitter.ts';
import { HybridChatError } from '../core/errors.ts';
import { uuid } from '../core/uuid.ts';
import { createArchive } from './archive.ts';
import { ChatStateTracker } from './chatStates.ts';
import { connectFirstReachable, discard, serviceUrls } from './connect.ts';
import { toHybridChatError } from './errors.ts';
import { createInbound, type ChatModel } from './inbound.ts';
import { OFFLINE, presenceOf, type Availability, type CombinedPresence } from './presence.ts';
import { startKeepalive, type Keepalive } from './keepalive.ts';
import { createReconnector } from './reconnect.ts';
import { captureStream, createUnacknowledged, restoreStream, type StreamState } from './resume.ts';
import { emptyRoster, type RosterItem } from './roster.ts';
import { createFileApi } from './files.ts';
import { createRosterApi } from './rosterApi.ts';
import { createSearch } from './search.ts';
import {
  bareJid,
  chatMessage,
  chatStateMessage,
  NS_CARBONS,
  NS_PING,
  NS_ROSTER,
  NS_ROSTER_VER,
  NS_STREAM,
  presenceStanza,
} from './stanzas.ts';
import type {
  ChatMessage,
  DesktopChat,
  DesktopChatEvents,
  DesktopChatOptions,
  DesktopChatStatus,
  ServedBy,
} from './types.ts';

export function createDesktopChat(options: DesktopChatOptions): DesktopChat {
  serviceUrls(options); // Refuses URLs that do not fit the transport before anything starts.
  const emitter = new Emitter<DesktopChatEvents>((error) =>
    console.error('[hybrid-chat] desktop chat', error),
  );
  const storageKey = `hybrid-chat:desktop-chat:served-by:${options.username}@${options.domain}`;
  const model: ChatModel = { roster: emptyRoster, presences: new Map() };
  const trackers = new Map<string, ChatStateTracker>();
  let xmpp: XmppClient | null = null;
  let status: DesktopChatStatus = 'offline';
  let served: DesktopChat['servedBy'] = null;
  let own: { availability: Exclude<Availability, 'offline'>; status?: string | undefined } = {
    availability: 'available',
  };
  let online = false;
  /** Bumped by stop(): an attempt to sign in that started before it must not go on. */
  let session = 0;
  /** The dropped stream, for the next client to resume (XEP-0198, resume.ts). */
  let dropped: StreamState | null = null;
  const unacknowledged = createUnacknowledged();
  let keepalive: Keepalive | null = null;
  // Over BOSH a short outage is bridged by the BOSH session itself (its requests are retried with
  // the same rid, XEP-0124 section 14). Resuming a BOSH session's stream in a new BOSH session was
  // seen to hang on Prosody 0.12 (no <resumed/> nor <failed/> while the old session lives on), so
  // it is not tried: messages we sent that were never acknowledged are sent again, and those sent
  // to us meanwhile are fetched from the archive (archive.ts).
  const resumeStreams = options.streamManagement !== false;
  const resumeAcrossSessions = resumeStreams && options.transport === 'websocket';

  const setStatus = (next: DesktopChatStatus) => {
    if (status === next) return;
    status = next;
    emitter.emit('status', next);
  };
  const ownBare = () => bareJid(xmpp?.jid?.toString() ?? `${options.username}@${options.domain}`);
  const rosterList = (): readonly RosterItem[] => [...model.roster.values()];

  const client = (): XmppClient => {
    if (!xmpp || !online) throw new HybridChatError('DISCONNECTED', 'desktop chat is not signed in');
    return xmpp;
  };
  const rethrow = (error: unknown): never => {
    throw toHybridChatError(error);
  };
  const request = async (stanza: XmppElement): Promise<XmppElement> =>
    client()
      .iqCaller.request(stanza, options.timeoutMs ?? 10_000)
      .catch(rethrow);
  const send = async (stanza: XmppElement): Promise<void> => client().send(stanza).catch(rethrow);

  const inbound = createInbound({
    model,
    emitter,
    ownBare,
    sendReceipt: (stanza) =>
      void send(stanza).catch((error: unknown) => emitter.emit('error', toHybridChatError(error))),
  });

  const archive = createArchive({ request, ownBare, deliver: inbound.archived });
  const rosterApi = createRosterApi({ model, emitter, request, send });
  const search = createSearch({ request, domain: options.domain, directory: options.directory });
  const files = createFileApi({
    emitter,
    sent: inbound.sent,
    request,
    send,
    domain: options.domain,
    limits: options.files,
  });

  /**
   * After each new session: roster, carbons, then Available (or what the agent chose); then what
   * the archive kept since a drop, once offline messages were delivered to the presence.
   */
  async function setUpSession(): Promise<void> {
    online = true;
    model.presences = new Map();
    files.reset();
    search.reset();
    await rosterApi.fetchRoster();
    await request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS })));
    await send(presenceStanza(own.availability, own.status));
    // Messages a stream that could not be resumed never confirmed: sent again (same ids).
    for (const stanza of unacknowledged.take()) await send(stanza);
    await catchUp();
    setStatus('online');
  }

  /** The stream was resumed: roster, carbons and presence are as they were; only ours may have changed. */
  async function resumedSession(): Promise<void> {
    online = true;
    unacknowledged.clear();
    await send(presenceStanza(own.availability, own.status));
    setStatus('online');
  }

  /** The archive is a help, not a need: a server that fails to answer still gives a session. */
  async function catchUp(): Promise<void> {
    await archive.sessionStarted().catch((error: unknown) => emitter.emit('error', toHybridChatError(error)));
  }

  function watchLiveness(candidate: XmppClient): void {
    keepalive?.stop();
    keepalive = startKeepalive(
      options.pingIntervalMs ?? 60_000,
      () =>
        candidate.iqCaller
          .request(
            xml('iq', { type: 'get', to: options.domain }, xml('ping', { xmlns: NS_PING })),
            options.timeoutMs ?? 10_000,
          )
          .catch((error: unknown) => {
            // An error answer is an answer: the server is there.
            if ((error as { name?: string }).name !== 'StanzaError') throw error;
          }),
      () => {
        if (candidate === xmpp) void candidate.disconnect().catch(() => undefined);
      },
    );
  }

  function markServed(now: ServedBy): void {
    if (served?.url === now.url) return;
    served = now;
    options.storage?.setItem(storageKey, now.url);
    emitter.emit('served', now);
  }

  function prepare(candidate: XmppClient): void {
    candidate.reconnect.stop(); // Ours instead (reconnect.ts): a new client for each attempt.
    candidate.on('nonza', (element) => {
      if (candidate === xmpp && element.is('features', NS_STREAM)) {
        model.rosterVersioning = element.getChild('ver', NS_ROSTER_VER) !== undefined;
      }
    });
    candidate.streamManagement.on('resumed', () => {
      // Replayed stanzas may follow at once: their receipts must go out on this session.
      if (candidate === xmpp) online = true;
    });
    candidate.on('stanza', (stanza) => {
      if (candidate !== xmpp) return;
      keepalive?.heard();
      if (!archive.stanza(stanza)) inbound.stanza(stanza);
    });
    if (resumeStreams) {
      if (dropped && resumeAcrossSessions) restoreStream(candidate, dropped);
      unacknowledged.watch(candidate);
    }
    candidate.on('error', (error) => {
      if (candidate === xmpp) emitter.emit('error', toHybridChatError(error));
    });
    candidate.on('status', (next) => {
      if (candidate !== xmpp || next !== 'disconnect' || status !== 'online') return;
      online = false;
      keepalive?.stop();
      archive.dropped();
      dropped = resumeStreams ? captureStream(candidate) : null;
      // Not resumed (BOSH): the next session sends again what this one never confirmed.
      if (dropped && !resumeAcrossSessions) unacknowledged.keep(dropped);
      setStatus('reconnecting');
      void discard(candidate);
      reconnector.start();
    });
    candidate.iqCallee.set(NS_ROSTER, 'query', ({ stanza, element }) => inbound.rosterPush(stanza, element));
  }

  /** Signs in on the first reachable server (`first` before the other) and sets the session up. */
  async function signIn(generation: number, first?: string): Promise<void> {
    const result = await connectFirstReachable(
      options,
      (candidate) => {
        if (generation !== session) throw new HybridChatError('DISCONNECTED', 'desktop chat was stopped');
        xmpp = candidate;
        prepare(candidate);
      },
      first,
    );
    if (generation !== session) {
      await discard(result.xmpp);
      throw new HybridChatError('DISCONNECTED', 'desktop chat was stopped');
    }
    xmpp = result.xmpp;
    dropped = null;
    markServed(result.served);
    if (result.resumed) await resumedSession();
    else await setUpSession();
    watchLiveness(result.xmpp);
  }

  /** One attempt to sign in again; true when no further one is wanted. */
  const reconnector = createReconnector(async () => {
    const generation = session;
    try {
      await signIn(generation, served?.url);
      return true;
    } catch (error) {
      const failed = xmpp;
      online = false;
      if (failed) await discard(failed);
      const converted = toHybridChatError(error);
      if (generation !== session) return true;
      if (converted.retryable) return false;
      // Refused for good (the password changed, the account is gone): say so and stay offline.
      xmpp = null;
      setStatus('offline');
      emitter.emit('error', converted);
      return true;
    }
  }, options.reconnect);

  function tracker(to: string): ChatStateTracker {
    const peer = bareJid(to);
    let found = trackers.get(peer);
    if (!found) {
      found = new ChatStateTracker((state) => {
        if (online) void send(chatStateMessage(peer, state)).catch(() => undefined);
      }, options.chatStates);
      trackers.set(peer, found);
    }
    return found;
  }

  return {
    get status() {
      return status;
    },
    get jid() {
      return online ? (xmpp?.jid?.toString() ?? null) : null;
    },
    get servedBy() {
      return served;
    },
    get lastServedBy() {
      return options.storage?.getItem(storageKey) ?? null;
    },
    get presence(): CombinedPresence {
      return online ? { availability: own.availability, status: own.status } : OFFLINE;
    },
    on: (event, listener) => emitter.on(event, listener),

    async start() {
      if (status !== 'offline') throw new HybridChatError('CONFLICT', 'desktop chat already started');
      setStatus('connecting');
      own = { availability: 'available' }; // Signing in makes the agent Available.
      try {
        await signIn(session);
      } catch (error) {
        const failed = xmpp;
        xmpp = null;
        online = false;
        if (failed) await discard(failed);
        setStatus('offline');
        throw toHybridChatError(error);
      }
    },

    async stop() {
      session += 1;
      reconnector.stop();
      keepalive?.stop();
      dropped = null;
      unacknowledged.clear();
      archive.forget();
      const current = xmpp;
      for (const found of trackers.values()) found.dispose();
      trackers.clear();
      if (online && current)
        await current.send(xml('presence', { type: 'unavailable' })).catch(() => undefined);
      online = false;
      xmpp = null;
      served = null;
      if (current) await discard(current);
      setStatus('offline');
    },

    roster: rosterList,
    ...rosterApi,

    async setPresence(availability, statusText) {
      if (status === 'offline' || status === 'connecting') {
        throw new HybridChatError('DISCONNECTED', 'desktop chat is not signed in');
      }
      own = { availability, status: statusText };
      // While reconnecting the choice is kept, and sent with the next session's initial presence.
      if (online) await send(presenceStanza(availability, statusText));
    },
    presenceOf: (jid) => presenceOf(model.presences, bareJid(jid)),

    async sendMessage(to, body) {
      const id = uuid();
      const peer = bareJid(to);
      await send(chatMessage(peer, id, body));
      trackers.get(peer)?.sent();
      const message: ChatMessage = {
        id,
        peer,
        direction: 'out',
        body,
        at: Date.now(),
        delayed: false,
        carbon: false,
      };
      inbound.sent(message);
      return message;
    },
    typing: (to) => tracker(to).typed(),
    typingCleared: (to) => tracker(to).cleared(),
    chatFocused: (to) => tracker(to).focused(),
    sendFile: files.sendFile,
    answerFile: files.answerFile,
    searchContacts: search.searchContacts,
  };
}
