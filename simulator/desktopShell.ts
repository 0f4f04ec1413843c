import type { DeploymentConfig } from './context.ts';
import { escapeHtml } from './container/prefs.ts';
import { jsonForScript } from './container/renderGadget.ts';

/** A gadget on a desktop tab, like a `<gadget>` in Finesse's desktop layout XML. */
export interface LayoutGadget {
  /** The module id (`mid`, what `ContainerServices.getMyGadgetId()` returns): `0`, `1`… in layout order. */
  readonly id: string;
  readonly title: string;
  /** The gadget spec URL the container fetches (`…/gadget.xml`). */
  readonly url: string;
  /** e2e test id of the iframe. */
  readonly testId: string;
  /** The iframe's `id` and `name` (`finesse_gadget_<mid>`). */
  readonly frameName: string;
  /** User prefs the layout sets for this gadget (the container applies them; see container/prefSources.ts). */
  readonly prefs: Readonly<Record<string, string>>;
}

export interface LayoutTab {
  readonly id: string;
  readonly label: string;
  readonly gadgets: readonly LayoutGadget[];
}

/** What the desktop page's script reads at start (`desktop/desktopConfig.ts` mirrors this type). */
export interface DesktopConfig {
  readonly productName: string;
  readonly locale: string;
  readonly deployment: DeploymentConfig;
  readonly tabs: readonly LayoutTab[];
}

export const DESKTOP_CONFIG_ELEMENT_ID = 'desktop-config';

/**
 * The desktop's HTML shell. Everything visible is built by `/desktop/app/main.ts`; the config
 * rides along as a JSON data block (not executed, so the strict CSP holds).
 */
export function renderDesktopShell(config: DesktopConfig): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.productName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/desktop/desktop.css">
<script type="application/json" id="${DESKTOP_CONFIG_ELEMENT_ID}">${jsonForScript(config)}</script>
<script src="/desktop/assets/sim/finesse.js"></script>
<script type="module" src="/desktop/app/main.ts"></script>
</head>
<body>
<div id="app" class="app"><p class="boot">Loading…</p></div>
</body>
</html>
`;
}

/**
 * The desktop is our own page: nothing inline executes, frames only from this origin (the gadget
 * container), and no one may frame the desktop itself.
 */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
