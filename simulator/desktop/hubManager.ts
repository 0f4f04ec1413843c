/**
 * The OpenAjax hub's manager (OpenAjax Hub 2.0 Specification, "ManagedHub"), run by the desktop as
 * Finesse's container does: every gadget's `gadgets.Hub` (container/runtime/hub.ts) subscribes and
 * publishes through it, and the desktop's own services (finesseMaster.ts) take part as a client of
 * their own. A message goes to every subscription whose topic matches, the publisher's included.
 * No DOM here beyond `postMessage` targets, so the routing is unit tested (simulator/hubManager.test.ts).
 */

/** Where a gadget's messages go: its window (`postMessage` with JSON text data). */
export interface HubPeer {
  postMessage(message: unknown, targetOrigin: string): void;
}

export type LocalOnData = (topic: string, data: unknown) => void;

export interface HubManager {
  /** A subscription of the desktop itself; returns its id. */
  subscribe(topic: string, onData: LocalOnData): string;
  unsubscribe(id: string): void;
  /** Publishes as the desktop: to every matching subscription, gadgets' and the desktop's. */
  publish(topic: string, data: unknown): void;
  /** Delivers to one gadget's matching subscriptions only (a value that differs per gadget). */
  publishTo(peer: HubPeer, topic: string, data: unknown): void;
  /** A hub message from a gadget's page (hubConnect, hubSubscribe, hubUnsubscribe, hubPublish). */
  receive(peer: HubPeer, message: { type?: unknown; subId?: unknown; topic?: unknown; data?: unknown }): void;
  /** Drops every subscription of a gadget (reloaded or removed). */
  forget(peer: HubPeer): void;
}

/**
 * OpenAjax topic matching: tokens separated by dots; `*` in a subscription matches exactly one
 * token, `**` (last only) one or more.
 */
export function topicMatches(pattern: string, topic: string): boolean {
  const want = pattern.split('.');
  const got = topic.split('.');
  for (let i = 0; i < want.length; i += 1) {
    const token = want[i];
    if (token === '**') return i === want.length - 1 && got.length > i;
    if (i >= got.length) return false;
    if (token !== '*' && token !== got[i]) return false;
  }
  return want.length === got.length;
}

const MAX_SUBSCRIPTIONS_PER_PEER = 500;
const MAX_DATA = 1_000_000;

interface Subscription {
  readonly topic: string;
  readonly peer?: HubPeer;
  /** The gadget's own id for it (peers) or ours (local). */
  readonly subId: string;
  readonly onData?: LocalOnData;
}

export function createHubManager(origin: string): HubManager {
  let subscriptions: Subscription[] = [];
  let nextLocal = 0;

  const toPeer = (subscription: Subscription, topic: string, text: string) =>
    subscription.peer?.postMessage(
      { channel: 'finesse-sim', type: 'hubMessage', subId: subscription.subId, topic, data: text },
      origin,
    );

  const deliver = (topic: string, data: unknown, only?: HubPeer) => {
    const text = data === undefined ? '' : JSON.stringify(data);
    // Each subscriber gets its own copy, as across frames: no one can change what another sees.
    const copy = () => (text === '' ? undefined : (JSON.parse(text) as unknown));
    for (const subscription of [...subscriptions]) {
      if (only && subscription.peer !== only) continue;
      if (!topicMatches(subscription.topic, topic)) continue;
      if (subscription.peer) toPeer(subscription, topic, text);
      else {
        try {
          subscription.onData?.(topic, copy());
        } catch (error) {
          console.error('[desktop hub] a subscriber failed', error);
        }
      }
    }
  };

  const validTopic = (topic: unknown): topic is string =>
    typeof topic === 'string' && topic.length <= 512 && topic.split('.').every((token) => token !== '');

  return {
    subscribe(topic, onData) {
      const subId = `desktop${(nextLocal += 1)}`;
      subscriptions.push({ topic, subId, onData });
      return subId;
    },
    unsubscribe(id) {
      subscriptions = subscriptions.filter((s) => s.peer || s.subId !== id);
    },
    publish: (topic, data) => deliver(topic, data),
    publishTo: (peer, topic, data) => deliver(topic, data, peer),
    receive(peer, message) {
      switch (message.type) {
        case 'hubConnect':
          this.forget(peer);
          break;
        case 'hubSubscribe': {
          if (!validTopic(message.topic) || typeof message.subId !== 'string') return;
          const own = subscriptions.filter((s) => s.peer === peer).length;
          if (own >= MAX_SUBSCRIPTIONS_PER_PEER) return;
          subscriptions.push({ topic: message.topic, subId: message.subId, peer });
          break;
        }
        case 'hubUnsubscribe':
          subscriptions = subscriptions.filter((s) => s.peer !== peer || s.subId !== message.subId);
          break;
        case 'hubPublish': {
          if (!validTopic(message.topic) || typeof message.data !== 'string') return;
          if (message.data.length > MAX_DATA || /(^|\.)\*\*?(\.|$)/.test(message.topic)) return;
          let data: unknown;
          try {
            data = message.data === '' ? undefined : (JSON.parse(message.data) as unknown);
          } catch {
            return;
          }
          deliver(message.topic, data);
          break;
        }
      }
    },
    forget(peer) {
      subscriptions = subscriptions.filter((s) => s.peer !== peer);
    },
  };
}
