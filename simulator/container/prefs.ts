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
  /** Every pref the gadget sees through `gadgets.Prefs`: the desktop's `up_…` and the declared ones. */
  readonly all: Readonly<Record<string, string>>;
  /** Declared UserPrefs only: these, and only these, replace `__UP_name__` (as Shindig does). */
  readonly declared: Readonly<Record<string, string>>;
}

const UP = 'up_';

/** `up_name=value` query parameters, without the prefix (Finesse hands prefs over as `up_<name>`). */
export function upParams(query: Readonly<Record<string, unknown>>): Map<string, string> {
  const prefs = new Map<string, string>();
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith(UP) && key.length > UP.length && typeof value === 'string') {
      prefs.set(key.slice(UP.length), value);
    }
  }
  return prefs;
}

/**
 * Resolves prefs: each declared UserPref takes its `up_<name>` parameter if given, else its
 * `default_value`; then every rewrite step runs in order.
 */
export function resolvePrefs(
  spec: GadgetSpec,
  given: ReadonlyMap<string, string>,
  rewriters: readonly PrefRewriter[],
  context: PrefRewriteContext,
): ResolvedPrefs {
  const prefs = new Map(given);
  for (const pref of spec.userPrefs) {
    if (!prefs.has(pref.name)) prefs.set(pref.name, pref.defaultValue);
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
