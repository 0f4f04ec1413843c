import type { DesktopConfig } from '../desktopShell.ts';

export type { DesktopConfig, LayoutGadget, LayoutTab } from '../desktopShell.ts';

/** `ll` or `ll_CC`, as Finesse names its locales (`en_US`, `ar_SA`). */
const LOCALE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/**
 * The layout and deployment facts the server put in the page (see desktopShell.ts). The agent's
 * language comes from the desktop URL (`/desktop/?locale=ar_SA`, as an agent picks a language for
 * Finesse's sign-in) and reaches the gadgets as their `locale` pref; without it, the server's default.
 */
export function readDesktopConfig(search: string = location.search): DesktopConfig {
  const text = document.getElementById('desktop-config')?.textContent;
  if (!text) throw new Error('[desktop] the page has no desktop-config');
  const config = JSON.parse(text) as DesktopConfig;
  const locale = new URLSearchParams(search).get('locale');
  return locale && LOCALE.test(locale) ? { ...config, locale } : config;
}
