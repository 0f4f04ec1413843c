/**
 * `createDesktopChat`: agents chatting with colleagues over XMPP (Cisco IM and Presence in
 * production) from the desktop, on xmpp.js over WebSocket (RFC 7395) or BOSH (XEP-0206, our
 * transport in sdk/transport/bosh). Signing in goes Available after fetching the roster (RFC 6121
 * section 4.2) and enables carbons (XEP-0280) so that every client of the agent sees every chat.
 * Incoming stanzas are read in inbound.ts; the models are pure (roster.ts, presence.ts).
 */
import type { XmppClient, XmppElement } from '@xmpp/client';
import { xml } from '@xmpp/client';
import { Emitter } from '../core/emitter.ts';
import { HybridChatError } from '../core/errors.ts';
import { uuid } from '../core/uuid.ts';
import { ChatStateTracker } from './chatStates.ts';
import { connectFirstReachable, discard, serviceUrls } from './connect.ts';
import { toHybridChatError } from './errors.ts';
import { createInbound, type ChatModel } from './inbound.ts';
import { superviseReconnect } from './reconnect.ts';
import { OFFLINE, presenceOf, type Availability, type CombinedPresence } from './presence.ts';
import { emptyRoster, rosterFrom, type RosterItem } from './roster.ts';
import {
  bareJid,
  chatMessage,
  chatStateMessage,
  NS_CARBONS,
  NS_ROSTER,
  parseRosterItem,
  presenceStanza,
  rosterGet,
  rosterRemove,
  rosterSet,
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
  const request = async (stanza: XmppElement): Promise<XmppElement> => {
    try {
      return await client().iqCaller.request(stanza, options.timeoutMs ?? 10_000);
    } catch (error) {
      throw toHybridChatError(error);
    }
  };
  const send = async (stanza: XmppElement): Promise<void> => {
    try {
      await client().send(stanza);
    } catch (error) {
      throw toHybridChatError(error);
    }
  };

  const inbound = createInbound({
    model,
    emitter,
    ownBare,
    sendReceipt: (stanza) =>
      void send(stanza).catch((error: unknown) => emitter.emit('error', toHybridChatError(error))),
  });

  async function fetchRoster(): Promise<readonly RosterItem[]> {
    const result = await request(rosterGet());
    const items = (result.getChild('query', NS_ROSTER)?.getChildren('item') ?? []).map(parseRosterItem);
    model.roster = rosterFrom(
      items.filter((item): item is RosterItem => item !== null && item.subscription !== 'remove'),
    );
    emitter.emit('roster', rosterList());
    return rosterList();
  }

  /** After each new session (not after a resumed one): roster, carbons, then Available. */
  async function setUpSession(): Promise<void> {
    online = true;
    model.presences = new Map();
    await fetchRoster();
    await request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS })));
    await send(presenceStanza(own.availability, own.status));
    setStatus('online');
  }

  function markServed(now: ServedBy): void {
    if (served?.url === now.url) return;
    served = now;
    options.storage?.setItem(storageKey, now.url);
    emitter.emit('served', now);
  }

  function prepare(candidate: XmppClient): void {
    candidate.on('stanza', (stanza) => inbound.stanza(stanza));
    superviseReconnect(candidate, options, {
      onServed: (now) => {
        if (candidate === xmpp && status !== 'connecting') markServed(now);
      },
    });
    candidate.on('error', (error) => {
      if (candidate === xmpp) emitter.emit('error', toHybridChatError(error));
    });
    candidate.on('status', (next) => {
      if (candidate !== xmpp) return;
      if (next === 'disconnect' && status === 'online') {
        online = false;
        setStatus('reconnecting');
      }
    });
    candidate.on('online', () => {
      if (candidate !== xmpp || status !== 'reconnecting') return;
      void setUpSession().catch((error: unknown) => emitter.emit('error', toHybridChatError(error)));
    });
    candidate.streamManagement.on('resumed', () => {
      if (candidate !== xmpp) return;
      online = true;
      setStatus('online');
    });
    candidate.iqCallee.set(NS_ROSTER, 'query', ({ stanza, element }) => inbound.rosterPush(stanza, element));
  }

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
      try {
        const result = await connectFirstReachable(options, (candidate) => {
          xmpp = candidate;
          prepare(candidate);
        });
        xmpp = result.xmpp;
        markServed(result.served);
        await setUpSession();
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
      const current = xmpp;
      for (const found of trackers.values()) found.dispose();
      trackers.clear();
      if (!current) return;
      current.reconnect.stop();
      if (online) await current.send(xml('presence', { type: 'unavailable' })).catch(() => undefined);
      online = false;
      xmpp = null;
      served = null;
      await current.stop().catch(() => undefined);
      setStatus('offline');
    },

    roster: rosterList,
    fetchRoster,
    async addContact(jid, fields = {}) {
      await request(rosterSet(bareJid(jid), fields.name, fields.groups ?? []));
      await send(xml('presence', { to: bareJid(jid), type: 'subscribe' }));
    },
    async updateContact(jid, fields) {
      const current = model.roster.get(bareJid(jid));
      const name = 'name' in fields ? fields.name : current?.name;
      await request(rosterSet(bareJid(jid), name, fields.groups ?? current?.groups ?? []));
    },
    async removeContact(jid) {
      await request(rosterRemove(bareJid(jid)));
    },
    approveSubscription: (jid) => send(xml('presence', { to: bareJid(jid), type: 'subscribed' })),
    denySubscription: (jid) => send(xml('presence', { to: bareJid(jid), type: 'unsubscribed' })),

    async setPresence(availability, statusText) {
      await send(presenceStanza(availability, statusText));
      own = { availability, status: statusText };
    },
    presenceOf: (jid) => presenceOf(model.presences, bareJid(jid)),

    async sendMessage(to, body) {
      const id = uuid();
      const peer = bareJid(to);
      await send(chatMessage(peer, id, body));
      trackers.get(peer)?.sent();
      const message: ChatMessage = { id, peer, direction: 'out', body, at: Date.now(), carbon: false };
      return message;
    },
    typing: (to) => tracker(to).typed(),
    typingCleared: (to) => tracker(to).cleared(),
    chatFocused: (to) => tracker(to).focused(),
  };
}
