/**
 * What a Finesse desktop provides to the finesse.js in its gadgets, so that Cisco's own library (or
 * any written the same way) runs unmodified, as described in Cisco's Finesse JavaScript Library
 * documentation and seen in how that library is used:
 *
 * - the "master" ClientServices on the hub: the notification connection's status on
 *   `finesse.info.connection` (again on a `ConnectionInfoReq` in `finesse.info.requests`), node
 *   subscriptions answered on `finesse.info.responses.<invokeID>`, and every notification published
 *   on its node's topic (`/finesse/api/User/1001` → `finesse.api.User.1001`) as `{ content, object }`;
 * - the "master" ContainerServices: `finesse.containerservices.requests` (`ActiveTabReq`,
 *   `SetActiveTabReq`, `ReloadGadgetReq`), `finesse.containerservices.activeTab` with the tab id;
 * - `finesse.container.Container` (showDialog, hideDialog, reloadGadget, modifyGadgetUrl),
 *   `finesse.container.Tabs` and `finesse.container.Config` on the desktop window, which gadgets
 *   reach as `parent.finesse.container`.
 *
 * The notifications come from the simulator's stream (`/sim/notifications/User/{id}`, what XMPP is
 * on a real Finesse). Which status strings and payload shapes Cisco's library expects is our
 * reading of it; the simulator README lists these guesses.
 */
import type { DesktopConfig } from './desktopConfig.ts';
import type { HubManager } from './hubManager.ts';
import type { Session } from './session.ts';
import { xmlToObject } from './xmlToObject.ts';

export interface FinesseMasterOptions {
  readonly hub: HubManager;
  readonly userId: string;
  /** The Authorization header for the notification stream (read each time: SSO tokens change). */
  readonly authHeader: () => string;
  readonly tabs: { active(): string; show(tabId: string): boolean };
  readonly container: ContainerApi;
  /** `finesse.container.Config` on the desktop window. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** `finesse.container.Container`, as gadgets call it through `parent`. */
export interface ContainerApi {
  showDialog(options?: { title?: unknown; message?: unknown; isBlocking?: unknown }): void;
  hideDialog(): void;
  reloadGadget(gadgetId: string): void;
  modifyGadgetUrl(gadgetId: string, url: string): void;
}

export interface FinesseMaster {
  /** A tab came on show: `finesse.containerservices.activeTab` with its id. */
  tabShown(tabId: string): void;
  dispose(): void;
}

/**
 * `finesse.container.Config` on the desktop window: the signed-in agent's configuration, what
 * `finesse.gadget.Config` holds in a gadget (the credentials read live: SSO tokens are refreshed).
 */
export function containerConfig(config: DesktopConfig, getSession: () => Session): Record<string, unknown> {
  const port = location.port || (location.protocol === 'https:' ? '443' : '80');
  const fixed = {
    id: getSession().id,
    host: location.hostname,
    hostPort: port,
    restHost: location.hostname,
    localhostFQDN: location.hostname,
    localhostPort: port,
    scheme: location.protocol.replace(':', ''),
    xmppDomain: config.deployment.xmppDomain,
    pubsubDomain: `pubsub.${config.deployment.xmppDomain}`,
    locale: config.locale,
    systemAuthMode: config.deployment.systemAuthMode,
    deploymentType: config.deployment.deploymentType,
  };
  return Object.defineProperties(fixed, {
    authorization: { enumerable: true, get: () => getSession().authorization ?? '' },
    authToken: { enumerable: true, get: () => getSession().sso?.token ?? '' },
    extension: { enumerable: true, get: () => getSession().extension },
  });
}

export const TOPICS = {
  clientRequests: 'finesse.info.requests',
  clientResponses: 'finesse.info.responses',
  connection: 'finesse.info.connection',
  containerRequests: 'finesse.containerservices.requests',
  activeTab: 'finesse.containerservices.activeTab',
  reloadGadget: 'finesse.containerservices.reloadGadget',
  maxAvailableHeight: 'finesse.containerservices.maxAvailableHeightChangedEvent',
} as const;

/** A REST URI as a hub topic: no leading slash, slashes become dots. */
export const nodeTopic = (node: string): string => node.replace(/^\//, '').replace(/\//g, '.');

interface Request {
  type?: unknown;
  data?: { node?: unknown; id?: unknown; gadgetId?: unknown } | null;
  invokeID?: unknown;
}

export function startFinesseMaster(options: FinesseMasterOptions): FinesseMaster {
  const { hub } = options;
  const resourceID = `desktop-${Math.random().toString(36).slice(2, 10)}`;
  let status = 'connecting';
  const connectionInfo = (invokeID?: unknown) => ({
    status,
    resourceID,
    ...(invokeID === undefined ? {} : { invokeID }),
  });
  const setStatus = (next: string) => {
    if (next === status) return;
    status = next;
    hub.publish(TOPICS.connection, connectionInfo());
  };

  const subscriptions = [
    hub.subscribe(TOPICS.clientRequests, (_topic, data) => {
      const request = (data ?? {}) as Request;
      if (request.type === 'ConnectionInfoReq')
        hub.publish(TOPICS.connection, connectionInfo(request.invokeID));
      // Every node of the user is subscribed already (Finesse subscribes users implicitly): success.
      else if (request.type === 'SubscribeNodeReq' || request.type === 'UnsubscribeNodeReq')
        hub.publish(`${TOPICS.clientResponses}.${String(request.invokeID)}`, undefined);
    }),
    hub.subscribe(TOPICS.containerRequests, (_topic, data) => {
      const request = (data ?? {}) as Request;
      if (request.type === 'ActiveTabReq') hub.publish(TOPICS.activeTab, options.tabs.active());
      else if (request.type === 'SetActiveTabReq' && typeof request.data?.id === 'string') {
        if (!options.tabs.show(request.data.id)) hub.publish(TOPICS.activeTab, options.tabs.active());
      } else if (request.type === 'ReloadGadgetReq' && request.data?.gadgetId !== undefined)
        options.container.reloadGadget(String(request.data.gadgetId));
    }),
  ];

  const stream = new AbortController();
  void readNotifications(options, stream.signal, {
    connected: () => setStatus('connected'),
    dropped: () => setStatus('reconnecting'),
    notification: (node, payload) =>
      hub.publish(nodeTopic(node), { content: payload, object: xmlToObject(payload) ?? null }),
  });

  const globals = window as unknown as { finesse?: { container?: Record<string, unknown> } };
  const finesse = (globals.finesse ??= {});
  const container = (finesse.container ??= {});
  container.Container = options.container;
  container.Tabs = {
    getActiveTab: () => options.tabs.active(),
    activateTab: (tabId: unknown) => typeof tabId === 'string' && options.tabs.show(tabId),
  };
  container.Config = options.config;

  return {
    tabShown: (tabId) => hub.publish(TOPICS.activeTab, tabId),
    dispose() {
      stream.abort();
      for (const id of subscriptions) hub.unsubscribe(id);
      delete container.Container;
      delete container.Tabs;
      delete container.Config;
    },
  };
}

/** Reads the simulator's notification stream (Server-Sent Events) until aborted, reconnecting with backoff. */
async function readNotifications(
  options: Pick<FinesseMasterOptions, 'userId' | 'authHeader'>,
  signal: AbortSignal,
  on: { connected(): void; dropped(): void; notification(node: string, payload: string): void },
): Promise<void> {
  for (let failures = 0; !signal.aborted; failures += 1) {
    try {
      const url = new URL(`/sim/notifications/User/${encodeURIComponent(options.userId)}`, location.origin);
      const response = await fetch(url, {
        headers: { Authorization: options.authHeader(), Accept: 'text/event-stream' },
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r/g, '');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: ?(.*)$/m.exec(block)?.[1];
            const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
            if (event === 'connected') {
              failures = 0;
              on.connected();
            } else if (event === 'notification') {
              const { node, payload } = JSON.parse(data) as { node: string; payload: string };
              on.notification(node, payload);
            }
          }
        }
      }
    } catch {
      // Network trouble or abort; the loop decides.
    }
    if (signal.aborted) return;
    on.dropped();
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** Math.min(failures, 4), 15_000)));
  }
}
