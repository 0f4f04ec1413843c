/*
 * The gadgets runtime, part 2: `gadgets.Hub`, the OpenAjax Hub 2.0 client Shindig's `pubsub-2`
 * feature gives a gadget (OpenAjax Hub 2.0 Specification, "HubClient"). Finesse gadgets and Cisco's
 * finesse.js talk to the desktop over it: `finesse.info.*` for the notification connection,
 * `finesse.api.User.<id>…` for notifications, `finesse.containerservices.*` for tabs. The desktop
 * is the hub's manager (desktop/hubManager.ts); messages cross by `postMessage` to this origin only
 * and their data as JSON, as OpenAjax serializes what crosses frames.
 */
import type { DesktopToGadget, GadgetToDesktop, WithoutChannel } from '../../desktop/containerProtocol.ts';
import type { GadgetsWindow, HubClient, HubOnData } from './gadgetsTypes.ts';

interface Subscription {
  readonly topic: string;
  readonly onData: HubOnData;
  readonly scope: unknown;
  readonly subscriberData: unknown;
}

const inDesktop = window.parent !== window;
const subscriptions = new Map<string, Subscription>();
let nextId = 0;

function send(message: WithoutChannel<GadgetToDesktop>): void {
  if (inDesktop) window.parent.postMessage({ channel: 'finesse-sim', ...message }, location.origin);
}

/** OpenAjax topics: dot-separated tokens, none empty; `*` and `**` only where allowed. */
function checkTopic(topic: unknown, wildcards: boolean): string {
  if (typeof topic !== 'string' || topic === '' || topic.split('.').some((token) => token === ''))
    throw new Error('OpenAjax.hub.Error.BadParameters');
  if (!wildcards && topic.split('.').some((token) => token === '*' || token === '**'))
    throw new Error('OpenAjax.hub.Error.BadParameters');
  return topic;
}

const later = (fn: () => void) => setTimeout(fn, 0);

const Hub: HubClient = {
  subscribe(topic, onData, scope, onComplete, subscriberData) {
    checkTopic(topic, true);
    if (typeof onData !== 'function') throw new Error('OpenAjax.hub.Error.BadParameters');
    const subId = `sub${(nextId += 1)}`;
    subscriptions.set(subId, { topic, onData, scope: scope ?? window, subscriberData });
    send({ type: 'hubSubscribe', subId, topic });
    if (onComplete) later(() => onComplete.call(scope ?? window, subId, true));
    return subId;
  },
  unsubscribe(subId, onComplete, scope) {
    if (!subscriptions.delete(subId)) throw new Error('OpenAjax.hub.Error.NoSubscription');
    send({ type: 'hubUnsubscribe', subId });
    if (onComplete) later(() => onComplete.call(scope ?? window, subId, true));
  },
  publish(topic, data) {
    checkTopic(topic, false);
    // undefined is a value on the hub (Finesse answers a node subscription with it); JSON has none.
    send({ type: 'hubPublish', topic, data: data === undefined ? '' : JSON.stringify(data) });
  },
  isConnected: () => inDesktop,
  getClientID: () => window.name,
  getPartnerOrigin: () => location.origin,
  getScope: () => window,
  getSubscriberData(subId) {
    const subscription = subscriptions.get(subId);
    if (!subscription) throw new Error('OpenAjax.hub.Error.NoSubscription');
    return subscription.subscriberData;
  },
  getSubscriberScope(subId) {
    const subscription = subscriptions.get(subId);
    if (!subscription) throw new Error('OpenAjax.hub.Error.NoSubscription');
    return subscription.scope;
  },
};

window.addEventListener('message', (event: MessageEvent) => {
  // Only the desktop: the parent window, on this very origin.
  if (event.source !== window.parent || event.origin !== location.origin) return;
  const message = event.data as Partial<DesktopToGadget> | null;
  if (message?.channel !== 'finesse-sim' || message.type !== 'hubMessage') return;
  const subscription = subscriptions.get(String(message.subId));
  if (!subscription || typeof message.data !== 'string') return;
  let data: unknown;
  try {
    data = message.data === '' ? undefined : (JSON.parse(message.data) as unknown);
  } catch {
    return; // not ours
  }
  try {
    subscription.onData.call(subscription.scope, String(message.topic), data, subscription.subscriberData);
  } catch (error) {
    console.error('[gadgets.Hub] a subscriber failed', error); // the others still get the message
  }
});

// A page load starts afresh: the desktop forgets the subscriptions of the page this one replaced.
send({ type: 'hubConnect' });
const gadgets = (window as GadgetsWindow).gadgets;
if (gadgets) gadgets.Hub = Hub;
