import type { GadgetSpec } from './gadgetSpec.ts';
import { escapeHtml, substitutePrefs, type ResolvedPrefs } from './prefs.ts';

/** What the gadgets runtime (`/gadgets/js/gadgets.js`) reads from the page it runs in. */
export interface GadgetPageContext {
  readonly title: string;
  readonly height: number | undefined;
  readonly prefs: Readonly<Record<string, string>>;
  readonly features: readonly string[];
  /** `loadingindicator` with `manual-dismiss`: the desktop waits for `gadgets.loadingindicator.dismiss()`. */
  readonly manualDismiss: boolean;
}

export const GADGET_CONTEXT_ELEMENT_ID = 'finesse-sim-gadget-context';
export const GADGETS_RUNTIME_PATH = '/gadgets/js/gadgets.js';

/** JSON safe inside a `<script>` element: nothing in it can close the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function pageContext(spec: GadgetSpec, prefs: ResolvedPrefs): GadgetPageContext {
  const loading = spec.features.find((feature) => feature.name === 'loadingindicator');
  return {
    title: spec.title,
    height: spec.height,
    prefs: prefs.all,
    features: spec.features.map((feature) => feature.name),
    manualDismiss: loading?.params['manual-dismiss']?.[0] === 'true',
  };
}

/** Where the rendered page points the browser: both absolute, as a `<base>` element is in force. */
export interface GadgetPageUrls {
  /** The gadget XML's URL: relative URLs in the Content resolve against it. */
  readonly base: string;
  /** The gadgets runtime on the container's own origin (the origin the browser used). */
  readonly runtime: string;
}

/**
 * The iframe document Shindig would render: a `<base>` naming the gadget XML's URL (Shindig's
 * rendering rewriter inserts one, so `<img src="icon.png">` in the Content comes from the gadget's
 * server, not from `/gadgets/`), the gadgets runtime, then the gadget's Content with `__UP_name__`
 * replaced. The Content is the gadget author's HTML and is inserted as is (it is trusted like any
 * gadget on a real desktop); only pref values are escaped.
 */
export function renderGadgetPage(
  spec: GadgetSpec & { content: { type: 'html' } },
  prefs: ResolvedPrefs,
  urls: GadgetPageUrls,
): string {
  const context = pageContext(spec, prefs);
  const lang = (prefs.all.locale ?? 'en_US').split('_')[0] || 'en';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    `<base href="${escapeHtml(urls.base)}">`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(spec.title)}</title>`,
    '<style>html,body{margin:0;padding:0;background:transparent}</style>',
    `<script type="application/json" id="${GADGET_CONTEXT_ELEMENT_ID}">${jsonForScript(context)}</script>`,
    `<script src="${escapeHtml(urls.runtime)}"></script>`,
    '</head>',
    '<body>',
    substitutePrefs(spec.content.body, prefs.declared),
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * For `<Content type="url">` the container sends the iframe to the gadget's own page, with the
 * prefs as `up_…` parameters (Shindig's behaviour for URL gadgets).
 */
export function urlGadgetLocation(href: string, base: URL, prefs: ResolvedPrefs): string | undefined {
  let target: URL;
  try {
    target = new URL(
      substitutePrefs(href, prefs.declared, (value) => value),
      base,
    );
  } catch {
    return undefined;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  for (const [name, value] of Object.entries(prefs.all)) target.searchParams.set(`up_${name}`, value);
  return target.href;
}
