/**
 * finesse.js on Finesse 10.5(1). Finesse serves its JavaScript library and jQuery to gadgets at
 * `/desktop/assets/js/` only from 10.6(1) on (Cisco's finesse-sample-code, "Cisco Finesse JavaScript
 * Library"); on 10.5(1) gadget.xml's imports from there fail. There an administrator uploads Cisco's
 * 10.5(1) library and jQuery to Finesse's third-party gadget folder (README, "Finesse 10.5"), and the
 * gadget loads them from the Finesse server the container names (`scheme`, `host`, `hostPort`).
 */

/** Where on the Finesse server the administrator puts the two files on 10.5(1). */
export const FALLBACK_LIBRARY_DIR = '/3rdpartygadget/files/hybrid-chat/';
/** In the order they must run: finesse.js needs jQuery. */
export const FALLBACK_LIBRARY_FILES = ['jquery.min.js', 'finesse.js'] as const;

type Prefs = { getString(name: string): string };

/** The fallback URLs on the Finesse server, or null when the container names no Finesse server. */
export function fallbackLibraryUrls(prefs: Prefs): string[] | null {
  const scheme = prefs.getString('scheme');
  const host = prefs.getString('host');
  const port = prefs.getString('hostPort');
  if (!/^https?$/.test(scheme) || !/^[A-Za-z0-9.-]+$/.test(host) || !/^\d{1,5}$/.test(port)) return null;
  return FALLBACK_LIBRARY_FILES.map((file) => `${scheme}://${host}:${port}${FALLBACK_LIBRARY_DIR}${file}`);
}

/** Runs one classic script; resolves whether it loaded. */
export function loadClassicScript(url: string, doc: Document = document): Promise<boolean> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    script.src = url;
    script.async = false;
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    doc.head.append(script);
  });
}

/**
 * When the page has the gadget container but no finesse.js (Finesse 10.5(1)), loads the library from
 * the fallback folder. Resolves whether `finesse` is there afterwards.
 */
export async function ensureFinesseJs(
  scope: { finesse?: unknown; gadgets?: { Prefs?: new () => Prefs } } = globalThis,
  load: (url: string) => Promise<boolean> = loadClassicScript,
): Promise<boolean> {
  if (scope.finesse) return true;
  if (!scope.gadgets?.Prefs) return false;
  const urls = fallbackLibraryUrls(new scope.gadgets.Prefs());
  if (!urls) return false;
  for (const url of urls) {
    if (!(await load(url))) {
      console.error(
        `[hybrid-chat gadget] finesse.js is missing; ${url} did not load (README, "Finesse 10.5")`,
      );
      return false;
    }
  }
  return Boolean(scope.finesse);
}
