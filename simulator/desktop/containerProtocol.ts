/**
 * Messages between a gadget iframe (gadgets runtime, finesse.js ContainerServices) and the desktop
 * that hosts it, sent with `postMessage` to the shared origin only. Type-only: every side imports
 * it with `import type`, so nothing here is ever served.
 */
export type Channel = 'finesse-sim';

export type GadgetToDesktop =
  | { channel: Channel; type: 'adjustHeight'; height: number }
  | { channel: Channel; type: 'setTitle'; title: string }
  | { channel: Channel; type: 'loadingDismissed' }
  | { channel: Channel; type: 'activeTabReq' }
  | { channel: Channel; type: 'activateTab' }
  | { channel: Channel; type: 'showDialog'; title: string; message: string; isBlocking: boolean }
  | { channel: Channel; type: 'hideDialog' }
  | { channel: Channel; type: 'reloadGadget'; url?: string }
  // OpenAjax hub client (`gadgets.Hub`, container/runtime/hub.ts). `data` is JSON text ('' = undefined),
  // as the hub serializes what crosses frames. `hubConnect` comes first from every page load.
  | { channel: Channel; type: 'hubConnect' }
  | { channel: Channel; type: 'hubSubscribe'; subId: string; topic: string }
  | { channel: Channel; type: 'hubUnsubscribe'; subId: string }
  | { channel: Channel; type: 'hubPublish'; topic: string; data: string };

/** A message as a sender writes it; the `channel` field is added when posting. */
export type WithoutChannel<M> = M extends unknown ? Omit<M, 'channel'> : never;

export type DesktopToGadget =
  | { channel: Channel; type: 'activeTab'; tabId: string }
  | { channel: Channel; type: 'maxAvailableHeight'; height: number }
  | { channel: Channel; type: 'hubMessage'; subId: string; topic: string; data: string };

/**
 * What the desktop hands a gadget of its own when the gadget page starts (same origin only): the
 * `finesse.gadget.Config` fields that are not `up_…` URL parameters, the Basic credentials above
 * all, which must never travel in a URL (logs, history, Referer).
 */
export interface GadgetContext {
  readonly authorization: string;
  readonly authToken: string;
  readonly extension: string;
  readonly scheme: string;
  readonly hostPort: string;
  readonly pubsubDomain: string;
}

/** The desktop exposes this on its window; a gadget iframe calls it with its own `window`. */
export interface DesktopBridge {
  gadgetContext(gadgetWindow: Window): GadgetContext | undefined;
}

/** The desktop window as a gadget sees it (the property name is checked here, written on both sides). */
export interface DesktopBridgeHost {
  __finesseSimDesktop?: DesktopBridge;
}
