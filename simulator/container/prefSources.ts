/**
 * Where a gadget's preferences may come from. The container renders `__UP_name__` into the gadget's
 * HTML on the Finesse origin, and Cisco's own guidance has gadgets load scripts from prefs
 * (`__UP_scheme__://__UP_host__:__UP_hostPort__/desktop/assets/js/finesse.js`, "Import Finesse
 * JavaScript API"; `__UP_externalServerHost__/…`, "Optimizing Gadget Resource Loading"), so a pref
 * that anyone could set would let any host's script run on the Finesse origin. Hence, in order:
 *
 *   1. the gadget XML's `default_value`s;
 *   2. the desktop layout's prefs for that gadget (server-side configuration, `desktopLayout.ts`);
 *   3. the agent's own values the desktop passes as `up_…` in the iframe URL (id, team, locale):
 *      only these names, only in their formats — the container cannot know them itself, as the
 *      iframe request carries no credentials, and none of them names a host;
 *   4. the container's values, from the request it answers and the deployment (`CONTAINER_PREFS`):
 *      the page URL's `up_scheme`, `up_host`… are ignored;
 *   5. the rewrite steps (the reverse-proxy map, `reverseProxy/prefRewriter.ts`).
 */
import type { DeploymentConfig } from '../context.ts';

/** Prefs the container sets for every gadget, whatever the URL says. */
export const CONTAINER_PREFS = [
  'scheme',
  'host',
  'hostPort',
  'restHost',
  'localhostFQDN',
  'localhostPort',
  'externalServerHost',
  'xmppDomain',
  'systemAuthMode',
  'deploymentType',
] as const;

/** The agent's values the desktop hands over in the iframe URL, each with the only form it may take. */
export const DESKTOP_URL_PREFS: Readonly<Record<string, RegExp>> = {
  id: /^[A-Za-z0-9._@-]{1,64}$/,
  teamId: /^[A-Za-z0-9_-]{0,64}$/,
  teamName: /^[^\p{Cc}]{0,128}$/u,
  locale: /^[a-z]{2,3}(?:_[A-Z]{2})?$/,
};

/** Names a layout may not set: the container's own, and the agent's. */
export function isReservedPref(name: string): boolean {
  return (CONTAINER_PREFS as readonly string[]).includes(name) || Object.hasOwn(DESKTOP_URL_PREFS, name);
}

/** The `up_<name>` parameters the desktop may pass (`DESKTOP_URL_PREFS`, valid values only). */
export function desktopUrlPrefs(query: Readonly<Record<string, unknown>>): Map<string, string> {
  const prefs = new Map<string, string>();
  for (const [name, pattern] of Object.entries(DESKTOP_URL_PREFS)) {
    const value = query[`up_${name}`];
    if (typeof value === 'string' && pattern.test(value)) prefs.set(name, value);
  }
  return prefs;
}

/** The origin the browser loaded the container page from. */
export interface PageOrigin {
  readonly scheme: 'http' | 'https';
  /** `host` or `host:port` as the browser wrote it. */
  readonly authority: string;
}

/**
 * The container's prefs (`CONTAINER_PREFS`) for a page loaded from `origin`: what the desktop's own
 * `location` says, so that `__UP_scheme__://__UP_host__:__UP_hostPort__` is the Finesse origin the
 * agent uses (the external one through the reverse proxy). Undefined when the origin is not a URL.
 */
export function containerPrefs(
  origin: PageOrigin,
  deployment: DeploymentConfig,
): Map<string, string> | undefined {
  let url: URL;
  try {
    url = new URL(`${origin.scheme}://${origin.authority}`);
  } catch {
    return undefined;
  }
  if (url.pathname !== '/' || url.username || url.password || url.search || url.hash) return undefined;
  const hostPort = url.port || (origin.scheme === 'https' ? '443' : '80');
  return new Map([
    ['scheme', origin.scheme],
    ['host', url.hostname],
    ['hostPort', hostPort],
    ['restHost', url.hostname],
    // Where Cisco's finesse.js sends REST through gadgets.io.makeRequest (restHost:localhostPort);
    // the container's makeRequest serves this origin's /finesse/ itself (routes/makeRequestRoutes.ts).
    ['localhostFQDN', url.hostname],
    ['localhostPort', hostPort],
    ['externalServerHost', url.origin],
    ['xmppDomain', deployment.xmppDomain],
    ['systemAuthMode', deployment.systemAuthMode],
    ['deploymentType', deployment.deploymentType],
  ]);
}
