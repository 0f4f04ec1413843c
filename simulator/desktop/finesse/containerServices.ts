/*
 * finesse.js, part 8: finesse.containerservices.ContainerServices. Talks to the
 * desktop by postMessage on this origin only; outside a desktop (no parent) it is inert.
 */
import type { DesktopToGadget, GadgetToDesktop, WithoutChannel } from '../containerProtocol.ts';
import type { ContainerServicesApi, SimInternals } from './types.ts';

declare const __sim: SimInternals;

type Outgoing = WithoutChannel<GadgetToDesktop>;

const Topics = {
  ACTIVE_TAB: 'finesse.containerservices.activeTab',
  ACTIVE_CALL_STATUS_EVENT: 'finesse.containerservices.activeCallStatusEvent',
  MAX_AVAILABLE_HEIGHT_CHANGED_EVENT: 'finesse.containerservices.maxAvailableHeightChangedEvent',
  GADGET_VIEW_CHANGED_EVENT: 'finesse.containerservices.gadgetViewChangedEvent',
};

const handlers = new Map<string, Set<(data?: unknown) => void>>();
const params = new URLSearchParams(location.search);
const inDesktop = window.parent !== window;
let listening = false;

function post(message: Outgoing): void {
  if (inDesktop) window.parent.postMessage({ channel: 'finesse-sim', ...message }, location.origin);
}

function publish(topic: string, data?: unknown): void {
  for (const handler of [...(handlers.get(topic) ?? [])]) {
    try {
      handler(data);
    } catch (error) {
      console.error('[finesse.js] container handler failed', error);
    }
  }
}

function onMessage(event: MessageEvent): void {
  // Only our desktop: the parent window, on this very origin.
  if (event.source !== window.parent || event.origin !== location.origin) return;
  const message = event.data as Partial<DesktopToGadget> | null;
  if (message?.channel !== 'finesse-sim') return;
  if (message.type === 'activeTab' && message.tabId === params.get('tabId')) {
    publish(Topics.ACTIVE_TAB, message.tabId);
  } else if (message.type === 'maxAvailableHeight') {
    const height = message.height;
    publish(Topics.MAX_AVAILABLE_HEIGHT_CHANGED_EVENT, { getMaxAvailableHeight: () => height });
  }
}

const ContainerServices: ContainerServicesApi = {
  Topics,
  init() {
    if (!listening && inDesktop) {
      listening = true;
      window.addEventListener('message', onMessage);
    }
    return ContainerServices;
  },
  addHandler(topic, handler) {
    let set = handlers.get(topic);
    if (!set) handlers.set(topic, (set = new Set()));
    set.add(handler);
  },
  removeHandler(topic, handler) {
    handlers.get(topic)?.delete(handler);
  },
  /** Asks the desktop which tab is active; ACTIVE_TAB handlers run if it is this gadget's. */
  makeActiveTabReq: () => post({ type: 'activeTabReq' }),
  activateMyTab: () => post({ type: 'activateTab' }),
  getMyTabId: () => params.get('tabId') ?? '',
  getMyGadgetId: () => params.get('mid') ?? '',
  // A container rule: never alert/confirm/prompt in a gadget; the desktop shows this dialog instead.
  showDialog: ({ title = '', message = '', isBlocking = false } = {}) =>
    post({
      type: 'showDialog',
      title: String(title),
      message: String(message),
      isBlocking: Boolean(isBlocking),
    }),
  hideDialog: () => post({ type: 'hideDialog' }),
  reloadMyGadget: () => post({ type: 'reloadGadget' }),
  /** Reloads this gadget from another gadget spec URL (absolute http(s)). */
  reloadMyGadgetFromUrl: (url) => post({ type: 'reloadGadget', url: String(url) }),
  /** Whether this gadget's tab is on show: its iframe is rendered (same-origin desktop). */
  tabVisible() {
    try {
      const frame = window.frameElement as (Element & { checkVisibility?(): boolean }) | null;
      if (frame) return frame.checkVisibility ? frame.checkVisibility() : frame.getClientRects().length > 0;
    } catch {
      // A desktop on another origin: fall back to the page's own visibility.
    }
    return document.visibilityState === 'visible';
  },
};

__sim.finesse.containerservices = { ContainerServices };
