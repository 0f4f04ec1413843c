import type { DesktopConfig } from '../desktopShell.ts';

export type { DesktopConfig, LayoutGadget, LayoutTab } from '../desktopShell.ts';

/** The layout and deployment facts the server put in the page (see desktopShell.ts). */
export function readDesktopConfig(): DesktopConfig {
  const text = document.getElementById('desktop-config')?.textContent;
  if (!text) throw new Error('[desktop] the page has no desktop-config');
  return JSON.parse(text) as DesktopConfig;
}
