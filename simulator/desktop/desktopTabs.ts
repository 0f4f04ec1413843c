/**
 * Which desktop tab is shown, and who hears about a switch. No DOM here, so the rules are unit
 * tested (simulator/desktopTabs.test.ts): one tab at a time; showing another tab (a click, the
 * keyboard, a gadget's `activateMyTab`) tells the listeners, which hide the old panel, show the new
 * one and publish ACTIVE_TAB to the gadgets on it — what finesse.js's ContainerServices delivers
 * to a gadget whose tab becomes visible, so the gadget can `adjustHeight()` now that it can measure.
 */

export interface DesktopTabs {
  /** The id of the tab on show. */
  active(): string;
  /** Shows `tabId`; false (and nothing happens) for an unknown tab or the one already shown. */
  show(tabId: string): boolean;
  /** The tab `step` places after `tabId`, wrapping around (arrow keys in the tab strip). */
  neighbour(tabId: string, step: 1 | -1): string;
}

export type TabListener = (shown: string, hidden: string) => void;

export function createDesktopTabs(tabIds: readonly string[], listener: TabListener): DesktopTabs {
  let active = tabIds[0] ?? '';
  return {
    active: () => active,
    show(tabId) {
      if (tabId === active || !tabIds.includes(tabId)) return false;
      const hidden = active;
      active = tabId;
      listener(tabId, hidden);
      return true;
    },
    neighbour(tabId, step) {
      const index = tabIds.indexOf(tabId);
      if (index < 0 || tabIds.length === 0) return active;
      return tabIds[(index + step + tabIds.length) % tabIds.length] ?? active;
    },
  };
}

/**
 * The gadgets ACTIVE_TAB goes to when `tabId` is shown: those on that tab. (Finesse's hub carries
 * the topic to every gadget and ContainerServices drops it where the tab is not the gadget's own;
 * our finesse.js checks the tab id too, so a stray message would be dropped the same way.)
 */
export function activeTabAudience<G extends { readonly tab: { readonly id: string } }>(
  hosted: readonly G[],
  tabId: string,
): G[] {
  return hosted.filter((gadget) => gadget.tab.id === tabId);
}
