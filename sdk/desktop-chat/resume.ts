/**
 * Stream management (XEP-0198) across our reconnects. xmpp.js resumes a session only when the same
 * client reconnects, while the desktop chat makes a new client for each attempt (reconnect.ts). So
 * the state of the dropped stream (its id, the count of stanzas handled, and what we sent that the
 * server has not acknowledged) is carried into the next client: xmpp.js then asks to resume, and the
 * server replays what it had queued for us while the client sends again what was not acknowledged.
 * When the server cannot resume (the session expired, or this is the other server after a failover),
 * the messages not acknowledged are collected here and sent again on the new session; a message
 * the server kept while we were gone comes from offline storage (the store drops repeated ids).
 */
import type { XmppClient, XmppElement, XmppJid } from '@xmpp/client';

interface QueueItem {
  readonly stanza: XmppElement;
  readonly stamp: string;
}

/** The parts of xmpp.js's stream-management object (stream-management/index.js) carried over. */
interface SmInternals {
  id: string;
  inbound: number;
  outbound: number;
  outbound_q: QueueItem[];
  on(event: 'fail', listener: (stanza: XmppElement) => void): void;
}

export interface StreamState {
  readonly id: string;
  readonly inbound: number;
  readonly outbound: number;
  readonly queue: readonly QueueItem[];
  /** The full JID of the session (a resumed session keeps its resource). */
  readonly jid: XmppJid;
}

const NS_SM = 'urn:xmpp:sm:3';

const internals = (client: XmppClient) => client.streamManagement as unknown as SmInternals;

/** The resumable state of a client whose stream just dropped, or null when it had none. */
export function captureStream(client: XmppClient): StreamState | null {
  const sm = internals(client);
  if (!sm.id || !client.jid) return null;
  return {
    id: sm.id,
    inbound: sm.inbound,
    outbound: sm.outbound,
    queue: [...sm.outbound_q],
    jid: client.jid,
  };
}

/** Gives a new client the dropped stream's state, so that it asks to resume it. */
export function restoreStream(client: XmppClient, state: StreamState): void {
  const sm = internals(client);
  sm.id = state.id;
  sm.inbound = state.inbound;
  sm.outbound = state.outbound;
  sm.outbound_q = [...state.queue];
  // Resumed, the stream binds no resource again: the client keeps the session's full JID.
  (client as { jid: XmppJid | null }).jid = state.jid;
  // xmpp.js 0.14 keeps the old count when the server refuses to resume (the session expired, or a
  // restarted or other server): its next ack then claims stanzas of the old stream, and Prosody
  // ends the new one ("Client acknowledged more stanzas than sent by server"). Counted anew.
  client.on('nonza', (element) => {
    if (element.is('failed', NS_SM)) sm.inbound = 0;
  });
}

/**
 * Collects, from every client it watches, the messages the server never acknowledged when their
 * stream could not be resumed; each once, whichever clients reported it.
 */
export function createUnacknowledged() {
  const pending = new Map<string, XmppElement>();
  return {
    watch(client: XmppClient): void {
      internals(client).on('fail', (stanza) => {
        if (stanza.name !== 'message') return; // presence and iq are redone by the new session
        pending.set(stanza.attrs['id'] ?? stanza.toString(), stanza);
      });
    },
    /** Keeps the messages of a dropped stream that will not be resumed. */
    keep(state: StreamState): void {
      for (const { stanza } of state.queue) {
        if (stanza.name === 'message') pending.set(stanza.attrs['id'] ?? stanza.toString(), stanza);
      }
    },
    /** The messages to send again, in the order they were first sent; forgets them. */
    take(): XmppElement[] {
      const all = [...pending.values()];
      pending.clear();
      return all;
    },
    clear(): void {
      pending.clear();
    },
  };
}
