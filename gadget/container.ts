/**
 * Reads what the gadget needs from the Finesse container (finesse.js + Shindig `gadgets`), with
 * fallbacks for pieces a container may not have. See /work/shared/FINESSE.md.
 */

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

const CHAT_PREF = 'externalServerHostAndPort_chat';

/**
 * The chat server's base URL. Finesse rewrites the `externalServerHostAndPort_chat` preference from
 * the proxy-config map when the desktop is reached through a reverse proxy (seed 003), so the
 * preference, not the page, says where the server is.
 */
export function chatServerUrl(gadgets: GadgetsGlobal, protocol: string): string | null {
  let hostPort = '';
  try {
    hostPort = new gadgets.Prefs().getString(CHAT_PREF);
  } catch {
    // No prefs feature in this container: the URL parameter below carries the same value.
  }
  if (!hostPort) hostPort = gadgets.util.getUrlParameters()[`up_${CHAT_PREF}`] ?? '';
  hostPort = hostPort.trim().replace(/\/+$/, '');
  if (!hostPort) return null;
  return /^https?:\/\//i.test(hostPort) ? hostPort : `${protocol}//${hostPort}`;
}

/** `Basic …` for non-SSO agents, `Bearer …` for SSO, as finesse.js itself builds it. */
export function authorizationHeader(finesse: FinesseGlobal, cfg: FinesseGadgetConfig): string {
  const fromFinesse = finesse.utilities?.Utilities?.getAuthHeaderString?.(cfg);
  if (fromFinesse) return fromFinesse;
  if (cfg.authToken && !cfg.authorization) return `Bearer ${cfg.authToken}`;
  return `Basic ${cfg.authorization ?? ''}`;
}

/** `adjustHeight` only works while the gadget's tab is visible; a throw must never reach React. */
export function adjustHeight(): void {
  try {
    globalThis.gadgets?.window.adjustHeight();
  } catch (error) {
    console.warn('[hybrid-chat gadget] adjustHeight failed', error);
  }
}

export function setTitle(title: string): void {
  try {
    globalThis.gadgets?.window.setTitle?.(title);
  } catch (error) {
    console.warn('[hybrid-chat gadget] setTitle failed', error);
  }
}
