/**
 * Reads what the gadget needs from the Finesse container (finesse.js + Shindig `gadgets`), with
 * fallbacks for pieces a container may not have. See docs/requirements.md, "The gadget in the Finesse desktop".
 */
import { CHAT_SERVER_PREF, resolveExternalServerUrl } from '../sdk/index.ts';

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
