/**
 * Reads what the gadget needs from the Finesse container (finesse.js + Shindig `gadgets`), with
 * fallbacks for pieces a container may not have. See docs/requirements.md, "The gadget in the Finesse desktop".
 */
import { CHAT_SERVER_PREF, finesseAuthHeader, resolveExternalServerUrl } from '../sdk/index.ts';

export interface FinesseContainer {
  finesse: FinesseGlobal;
  gadgets: GadgetsGlobal;
}

/** The container globals, or null when the page is not a gadget inside the Finesse desktop. */
export function readContainer(scope: typeof globalThis = globalThis): FinesseContainer | null {
  const { finesse, gadgets } = scope;
  if (!finesse?.gadget?.Config || !gadgets?.HubSettings) return null;
  return { finesse, gadgets };
}

/**
 * The chat server's base URL from the `externalServerHostAndPort_chat` preference, which Finesse
 * rewrites from the proxy-config map when the desktop is reached through a reverse proxy,
 * so the preference, not the page, says where the server is. Null without the preference; throws
 * the SDK's ProxyPrefError for a value that is not an address.
 */
export function chatServerUrl(gadgets: GadgetsGlobal, protocol: string): string | null {
  return resolveExternalServerUrl(gadgets, { protocol }, CHAT_SERVER_PREF);
}

/**
 * `Basic …` for non-SSO agents, `Bearer …` for SSO: finesse.js's `getAuthHeaderString` (Finesse 11
 * and later), or built from the config on Finesse 10.x, which has no such function.
 */
export function authorizationHeader(finesse: FinesseGlobal, cfg: FinesseGadgetConfig): string {
  return finesseAuthHeader(finesse, cfg);
}

/** The gadget preference (gadget.xml `UserPref`) that sets how tall the gadget is, in CSS pixels. */
export const HEIGHT_PREF = 'gadgetHeight';
export const DEFAULT_GADGET_HEIGHT = 600;
const MIN_GADGET_HEIGHT = 320;
const MAX_GADGET_HEIGHT = 2000;

/**
 * The gadget's fixed height from its `gadgetHeight` preference: a number of pixels, kept between 320
 * and 2000; the default (600) when the preference is missing or not a number. The gadget keeps this
 * height whatever it shows, so the Finesse page around it never jumps or scrolls; its chat scrolls inside.
 */
export function gadgetHeight(gadgets: Pick<GadgetsGlobal, 'Prefs'> | undefined): number {
  let value = Number.NaN;
  try {
    if (gadgets) value = Number.parseInt(new gadgets.Prefs().getString(HEIGHT_PREF), 10);
  } catch {
    // A container without prefs: the default.
  }
  if (!Number.isFinite(value)) return DEFAULT_GADGET_HEIGHT;
  return Math.min(MAX_GADGET_HEIGHT, Math.max(MIN_GADGET_HEIGHT, value));
}

let fixedHeight: number | undefined;

/**
 * Gives the gadget its fixed height: the page's shell takes it (the `--hc-gadget-height` custom
 * property, gadget.css) and the container is told at once. Call again when the height changes.
 */
export function setGadgetHeight(height: number, root: HTMLElement = document.documentElement): void {
  fixedHeight = height;
  root.style.setProperty('--hc-gadget-height', `${height}px`);
  adjustHeight();
}

/**
 * Resizes the gadget's iframe (Shindig's `gadgets.window.adjustHeight`): to the fixed height once it
 * is known, which works even while the gadget's tab is hidden, else to the content, which only works
 * while the tab is visible. A throw must never reach React.
 */
export function adjustHeight(): void {
  try {
    if (fixedHeight === undefined) globalThis.gadgets?.window.adjustHeight();
    else globalThis.gadgets?.window.adjustHeight(fixedHeight);
  } catch (error) {
    console.warn('[hybrid-chat gadget] adjustHeight failed', error);
  }
}

/** Below this the gadget shows too little to be of use; the desktop page scrolls instead. */
const MIN_FITTED_HEIGHT = 240;

/**
 * The height in a MAX_AVAILABLE_HEIGHT_CHANGED_EVENT of finesse.js ContainerServices: a
 * `MaxAvailableHeightChangedEvent` whose `getMaxAvailableHeight()` gives the pixels the desktop has
 * for the gadget (Cisco Finesse Web Services Developer and JavaScript Guide, "Container Services");
 * a bare number is taken as well. Null for anything else, or for no room at all.
 */
export function maxAvailableHeight(event: unknown): number | null {
  let value: unknown = event;
  try {
    const read = (event as { getMaxAvailableHeight?: unknown } | null)?.getMaxAvailableHeight;
    if (typeof read === 'function') value = (read as () => unknown).call(event);
  } catch {
    return null;
  }
  const height = typeof value === 'string' ? Number.parseFloat(value) : value;
  return typeof height === 'number' && Number.isFinite(height) && height > 0 ? Math.floor(height) : null;
}

/** The preferred height, or less when the desktop has less room (never under a usable minimum). */
export function fittedHeight(preferred: number, available: number | null): number {
  if (available === null) return preferred;
  return Math.min(preferred, Math.max(MIN_FITTED_HEIGHT, available));
}

/**
 * Keeps the gadget within the room the desktop gives it: on every maximum-available-height event
 * the gadget takes the smaller of its preference and that room, and grows back to its preference
 * when the room grows. Without the topic (an older finesse.js) the preference stays.
 */
export function followMaxAvailableHeight(
  services: Pick<FinesseContainerServices, 'addHandler'>,
  topics: { MAX_AVAILABLE_HEIGHT_CHANGED_EVENT?: string },
  preferred: number,
  apply: (height: number) => void = setGadgetHeight,
): void {
  const topic = topics.MAX_AVAILABLE_HEIGHT_CHANGED_EVENT;
  if (!topic) return;
  let current: number | undefined;
  services.addHandler(topic, (event) => {
    const available = maxAvailableHeight(event);
    if (available === null) return;
    const height = fittedHeight(preferred, available);
    if (height === current) return;
    current = height;
    apply(height);
  });
}

export function setTitle(title: string): void {
  try {
    globalThis.gadgets?.window.setTitle?.(title);
  } catch (error) {
    console.warn('[hybrid-chat gadget] setTitle failed', error);
  }
}
