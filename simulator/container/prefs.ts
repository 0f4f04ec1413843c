import type { RequestFacts } from '../reverseProxy/requestFacts.ts';
import type { GadgetSpec } from './gadgetSpec.ts';

/** Everything a rewrite step may look at: the request the desktop made, and the spec. */
export interface PrefRewriteContext {
  readonly spec: GadgetSpec;
  /** `host:port` the desktop was reached at (the `Host` header), to tell LAN from reverse proxy. */
  readonly requestHost: string;
  /** Peer address, scheme and `X-Forwarded-*` of the container request (believed only from a proxy). */
  readonly request: RequestFacts;
}

/**
 * A step that may change resolved prefs before they reach the gadget. The reverse-proxy step
 * (`reverseProxy/prefRewriter.ts`: VPN-less access, `externalServerHostAndPort*` prefs
 * rewritten from the proxy-config map when the desktop is reached through the proxy) is one.
 */
export type PrefRewriter = (prefs: Map<string, string>, context: PrefRewriteContext) => void;

export interface ResolvedPrefs {
  /** Every pref the gadget sees through `gadgets.Prefs`: the declared ones and those the desktop sets. */
  readonly all: Readonly<Record<string, string>>;
  /** Declared UserPrefs only: these, and only these, replace `__UP_name__` (as Shindig does). */
  readonly declared: Readonly<Record<string, string>>;
}

/** The values a gadget's prefs start from, before the rewrite steps (see `prefSources.ts` for why). */
export interface PrefSources {
  /** The desktop layout's prefs for this gadget. */
  readonly layout: ReadonlyMap<string, string>;
  /** The agent's values from the iframe URL, already checked (`desktopUrlPrefs`). */
  readonly desktop: ReadonlyMap<string, string>;
  /** The container's own values (`containerPrefs`). */
  readonly container: ReadonlyMap<string, string>;
}

/**
 * Resolves prefs: each declared UserPref's `default_value`, then the layout's, the desktop's and the
 * container's values, each overriding the one before; then every rewrite step runs in order.
 */
export function resolvePrefs(
  spec: GadgetSpec,
  sources: PrefSources,
  rewriters: readonly PrefRewriter[],
  context: PrefRewriteContext,
): ResolvedPrefs {
  const prefs = new Map(spec.userPrefs.map((pref) => [pref.name, pref.defaultValue]));
  for (const source of [sources.layout, sources.desktop, sources.container]) {
    for (const [name, value] of source) prefs.set(name, value);
  }
  for (const rewrite of rewriters) rewrite(prefs, context);
  const declared = Object.fromEntries(spec.userPrefs.map((pref) => [pref.name, prefs.get(pref.name) ?? '']));
  return { all: Object.fromEntries(prefs), declared };
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes a value for HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/**
 * Replaces `__UP_name__` with the value of each declared pref, HTML-escaped unless told otherwise
 * (a URL gadget's href wants the raw value); leaves unknown names as they are.
 */
export function substitutePrefs(
  text: string,
  declared: Readonly<Record<string, string>>,
  escape: (value: string) => string = escapeHtml,
): string {
  return text.replace(/__UP_([A-Za-z0-9_.-]+?)__/g, (whole, name: string) =>
    Object.hasOwn(declared, name) ? escape(declared[name] ?? '') : whole,
  );
}
