/*
 * The gadgets runtime of the container page (`/gadgets/js/gadgets.js`): the part of Shindig a
 * Finesse gadget relies on (docs/requirements.md). A classic script that runs before the gadget's Content;
 * it talks to the desktop by `postMessage` to this origin only.
 */
import type {
  DesktopBridgeHost,
  GadgetContext,
  GadgetToDesktop,
  WithoutChannel,
} from '../../desktop/containerProtocol.ts';
import type { GadgetPageContext } from '../renderGadget.ts';
import type { GadgetsNamespace, GadgetsPrefs, GadgetsWindow, MakeRequestResponse } from './gadgetsTypes.ts';

type Message = WithoutChannel<GadgetToDesktop>;

const contextText = document.getElementById('finesse-sim-gadget-context')?.textContent ?? '{}';
const context = JSON.parse(contextText) as Partial<GadgetPageContext>;

/**
 * The Basic credentials and other Config fields that must not ride in the iframe URL come from
 * the desktop itself, read synchronously through the same-origin parent (as real gadgets read
 * `finesse.gadget.Config.authorization` at load). A cross-origin parent gets nothing.
 */
function readDesktopContext(): GadgetContext | undefined {
  if (window.parent === window) return undefined;
  try {
    return (window.parent as unknown as DesktopBridgeHost).__finesseSimDesktop?.gadgetContext(window);
  } catch {
    return undefined; // Cross-origin parent: not our desktop, so no credentials.
  }
}

const prefStore = new Map<string, string>(Object.entries(context.prefs ?? {}));
for (const [name, value] of Object.entries(readDesktopContext() ?? {})) prefStore.set(name, value);

function post(message: Message): void {
  if (window.parent !== window)
    window.parent.postMessage({ channel: 'finesse-sim', ...message }, location.origin);
}

/** The SSO token is refreshed by the desktop while the gadget runs: always read the current one. */
const LIVE_FROM_DESKTOP = new Set<string>(['authToken']);

class Prefs implements GadgetsPrefs {
  getString(name: string): string {
    if (LIVE_FROM_DESKTOP.has(name)) {
      const live = readDesktopContext()?.[name as keyof GadgetContext];
      if (typeof live === 'string') return live;
    }
    return prefStore.get(name) ?? '';
  }
  getInt(name: string): number {
    const value = Number.parseInt(this.getString(name), 10);
    return Number.isNaN(value) ? 0 : value;
  }
  getBool(name: string): boolean {
    const value = this.getString(name).toLowerCase();
    return value === 'true' || value === '1';
  }
  set(name: string, value: string | number | boolean): void {
    prefStore.set(name, String(value)); // setprefs: kept for this page's life
  }
}

/**
 * Whether the desktop shows this frame. On a real desktop a gadget on a hidden tab lays out at no
 * size, so Shindig's `adjustHeight()` measures 0 and nothing changes (a container rule: adjustHeight only
 * works while the tab is visible). Our desktop keeps hidden tabs laid out (desktop.css), so the
 * frame asks its own iframe element (same origin) instead; a cross-origin parent counts as shown.
 */
function frameShown(): boolean {
  try {
    const frame = window.frameElement as (Element & { checkVisibility?(o?: object): boolean }) | null;
    return frame?.checkVisibility?.({ visibilityProperty: true }) ?? true;
  } catch {
    return true;
  }
}

/** The height the content needs; the document's own height would never let the frame shrink. */
function contentHeight(): number {
  if (!frameShown()) return 0;
  let bottom = document.body.getBoundingClientRect().bottom;
  for (const child of Array.from(document.body.children)) {
    bottom = Math.max(bottom, child.getBoundingClientRect().bottom);
  }
  return Math.ceil(bottom + window.scrollY);
}

const onLoadHandlers: Array<() => void> = [];

const REQUEST = {
  METHOD: 'METHOD',
  CONTENT_TYPE: 'CONTENT_TYPE',
  POST_DATA: 'POST_DATA',
  HEADERS: 'HEADERS',
  AUTHORIZATION: 'AUTHORIZATION',
  /** Seconds the container may cache the response; 0 = never (Shindig's proxy cache). */
  REFRESH_INTERVAL: 'REFRESH_INTERVAL',
} as const;

/** The container's server-side proxy (routes/makeRequestRoutes.ts), on the Finesse origin. */
const MAKE_REQUEST_URL = new URL('/gadgets/makeRequest', location.origin).href;

/**
 * `gadgets.io.makeRequest`: run by the container's server, as Shindig does on Finesse, not by this
 * browser (so a gadget reaches its LAN server through Finesse, and Cisco's finesse.js reaches
 * `http://<restHost>:<localhostPort>/finesse/api`). A relative URL is the gadget's own (`<base>`).
 * `REFRESH_INTERVAL` is accepted; nothing is cached, so every request goes out.
 */
async function makeRequest(
  url: string,
  callback: (response: MakeRequestResponse) => void,
  params: Record<string, unknown> = {},
): Promise<void> {
  const method = String(params[REQUEST.METHOD] ?? 'GET').toUpperCase();
  const contentType = String(params[REQUEST.CONTENT_TYPE] ?? 'TEXT');
  const headers = Object.fromEntries(
    Object.entries((params[REQUEST.HEADERS] ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      String(value),
    ]),
  );
  const postData = params[REQUEST.POST_DATA];
  const body =
    typeof postData === 'string'
      ? postData
      : postData && typeof postData === 'object'
        ? new URLSearchParams(postData as Record<string, string>).toString()
        : undefined;
  const failed = (rc: number, error: string) =>
    callback({ data: null, text: '', rc, errors: [error], headers: {} });
  let answer: { rc: number; body: string; headers: Record<string, string[]> };
  try {
    const response = await fetch(MAKE_REQUEST_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: new URL(url, document.baseURI).href, method, headers, body }),
      cache: 'no-store',
      credentials: 'omit',
    });
    const json = (await response.json()) as { error?: string } & typeof answer;
    if (!response.ok) return failed(response.status, json.error ?? String(response.status));
    answer = json;
  } catch (error) {
    return failed(500, String(error));
  }
  let data: unknown = answer.body;
  try {
    if (contentType === 'JSON') data = answer.body ? (JSON.parse(answer.body) as unknown) : null;
    if (contentType === 'DOM') data = new DOMParser().parseFromString(answer.body, 'application/xml');
  } catch (error) {
    data = null;
    return callback({
      data,
      text: answer.body,
      rc: answer.rc,
      errors: [String(error)],
      headers: answer.headers,
    });
  }
  callback({
    data,
    text: answer.body,
    rc: answer.rc,
    errors: answer.rc >= 200 && answer.rc < 400 ? [] : [String(answer.rc)],
    headers: answer.headers,
  });
}

/** Shindig's `gadgets.json`: `parse` answers false for text that is not JSON, as the OpenSocial spec says. */
const json: GadgetsNamespace['json'] = {
  parse: (text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return false;
    }
  },
  stringify: (value) => JSON.stringify(value),
};

const gadgets: GadgetsNamespace = {
  util: {
    getUrlParameters: () => Object.fromEntries(new URLSearchParams(location.search)),
    registerOnLoadHandler: (fn) => void onLoadHandlers.push(fn),
  },
  Prefs,
  json,
  window: {
    adjustHeight: (height) => {
      // A measured 0 (a hidden tab) is not a size: the frame keeps the height it has.
      const next = height ?? contentHeight();
      if (next > 0) post({ type: 'adjustHeight', height: next });
    },
    setTitle: (title) => post({ type: 'setTitle', title: String(title) }),
    getViewportDimensions: () => ({ width: window.innerWidth, height: window.innerHeight }),
  },
  HubSettings: { onConnect: null, params: {} },
  io: {
    makeRequest: (url, callback, params) => void makeRequest(url, callback, params),
    RequestParameters: REQUEST,
    ContentType: { TEXT: 'TEXT', DOM: 'DOM', JSON: 'JSON', FEED: 'FEED' },
    MethodType: { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD' },
  },
  loadingindicator: { dismiss: () => post({ type: 'loadingDismissed' }) },
};
(window as GadgetsWindow).gadgets = gadgets;

if (context.height) post({ type: 'adjustHeight', height: context.height });

// The hub connects after the page has loaded (gadgets start in HubSettings.onConnect),
// so gadgets must not assume finesse.* is usable before then.
window.addEventListener('load', () => {
  for (const handler of onLoadHandlers) handler();
  if (!context.manualDismiss) post({ type: 'loadingDismissed' });
  setTimeout(() => gadgets.HubSettings.onConnect?.(gadgets.Hub, Boolean(gadgets.Hub)), 0);
});
