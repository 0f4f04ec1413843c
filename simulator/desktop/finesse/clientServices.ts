/*
 * finesse.js, part 7: finesse.clientservices.ClientServices (gadgets call `init(cfg, false)`; Cisco
 * Finesse JavaScript Library, "Client Services").
 */
import type { GadgetsWindow, MakeRequestResponse } from '../../container/runtime/gadgetsTypes.ts';
import type { ClientServicesApi, SimInternals } from './types.ts';

declare const __sim: SimInternals;

let connectedAs = '';

const ClientServices: ClientServicesApi = {
  /**
   * Keeps the config (read live: `finesse.gadget.Config`'s fields are getters) and opens the
   * notification connection for `config.id`. Calling it again with the same user is harmless.
   */
  init(config, _bypassServerCheck) {
    __sim.clientConfig = config;
    const identity = `${config.id ?? ''}\n${__sim.authHeader(config)}`;
    if (identity === connectedAs) return;
    connectedAs = identity;
    __sim.notifications.restart();
  },
  /**
   * A request through the container's `gadgets.io.makeRequest` (which Finesse runs on its server)
   * with the agent's Authorization header added to the caller's headers.
   */
  makeRequest(url, handler, params = {}) {
    const io = (window as GadgetsWindow).gadgets?.io;
    if (!io) throw new Error('ClientServices.makeRequest: gadgets.io is not loaded (not in a gadget page)');
    const key = io.RequestParameters.HEADERS;
    const headers = { ...(params[key] as Record<string, string> | undefined) };
    if (__sim.clientConfig) headers.Authorization = __sim.authHeader(__sim.clientConfig);
    io.makeRequest(String(url), (response: MakeRequestResponse) => handler?.(response), {
      ...params,
      [key]: headers,
    });
  },
  /** The Finesse host REST requests go to: the config's `restHost`, else this page's host. */
  getRestHost: () => __sim.clientConfig?.restHost || location.hostname,
  /** Runs `handler` after every (re)connection of the notification channel. */
  registerOnConnectHandler(handler) {
    __sim.notifications.onConnect(handler);
  },
};

__sim.finesse.clientservices = { ClientServices };
