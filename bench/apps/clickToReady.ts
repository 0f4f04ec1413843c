/**
 * Click-to-ready of the customer widget on loopback: a host page with the loader, a click on the
 * launcher, and the time until the pre-chat form inside the iframe can be typed into.
 *
 * - cold: a fresh browser context (empty HTTP cache, no storage), as a first-time visitor;
 * - warm: a second tab of that context (the app's hashed files come from the cache; the panel starts
 *   closed because the loader keeps its open state per tab).
 *
 * The host page turns the loader's idle prefetch off (`data-prefetch="off"`): with it on, the app is
 * usually ready in its hidden iframe before anyone clicks, and there would be nothing to time. This is
 * the worst case, a click before the page went idle. The cold loads also record what the iframe
 * fetched before it was ready, to check the size figure.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { probe, stamp, type BenchStamps } from './browser.ts';

/** Loopback and a small app: anything slower than this is a failure, not a figure. */
const STEP_TIMEOUT_MS = 15_000;

export interface ClickToReady {
  coldMs: number[];
  warmMs: number[];
  /** Files under `/widget/` the iframe fetched before it was ready, per cold load. */
  fetchedOnOpen: string[][];
}

/** `/widget/assets/x.js?v` → `assets/x.js`; the page itself (`/widget/`, `?…`) → `index.html`. */
export function widgetFile(url: string, chatUrl: string): string | null {
  const prefix = `${chatUrl}/widget/`;
  if (!url.startsWith(prefix)) return null;
  const path = url.slice(prefix.length).replace(/[?#].*$/, '');
  return path === '' ? 'index.html' : path;
}

/** Opens the host page in a new tab of `context`, clicks the launcher and times it; closes the tab. */
async function openOnce(context: BrowserContext, hostUrl: string, chatUrl: string) {
  const page = await context.newPage();
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const file = widgetFile(request.url(), chatUrl);
    if (file) fetched.add(file);
  });
  await page.goto(hostUrl);
  const launcher = page.getByTestId('widget.launcher');
  await launcher.waitFor({ timeout: STEP_TIMEOUT_MS });
  if ((await page.locator('[data-testid="widget.frame"]').count()) > 0) {
    throw new Error('[bench] the loader created the iframe before the click (prefetch should be off)');
  }
  await launcher.click({ timeout: STEP_TIMEOUT_MS });
  const iframe = await page.waitForSelector('[data-testid="widget.frame"]', { timeout: STEP_TIMEOUT_MS });
  const frame = await iframe.contentFrame();
  if (!frame) throw new Error('[bench] the widget iframe has no frame');
  const readyAt = await stamp(frame, '__benchWidgetReadyAt', STEP_TIMEOUT_MS);
  const form = await frame.evaluate(() => (window as BenchStamps).__benchWidgetForm);
  if (form !== 'prechat') {
    throw new Error(
      `[bench] the widget showed its ${form} form, not the pre-chat form (is WHEN_UNSTAFFED=wait still honoured?)`,
    );
  }
  const clickAt = await stamp(page, '__benchClickAt', STEP_TIMEOUT_MS);
  await page.close();
  return { ms: readyAt - clickAt, fetched: [...fetched].sort() };
}

/** `runs` counted cold/warm pairs after `warmups` uncounted ones. */
export async function measureClickToReady(
  browser: Browser,
  hostUrl: string,
  chatUrl: string,
  { runs, warmups }: { runs: number; warmups: number },
): Promise<ClickToReady> {
  const result: ClickToReady = { coldMs: [], warmMs: [], fetchedOnOpen: [] };
  for (let run = 0; run < warmups + runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      await context.addInitScript(probe);
      const cold = await openOnce(context, hostUrl, chatUrl);
      const warm = await openOnce(context, hostUrl, chatUrl);
      if (run < warmups) continue;
      result.coldMs.push(cold.ms);
      result.warmMs.push(warm.ms);
      result.fetchedOnOpen.push(cold.fetched);
    } finally {
      await context.close();
    }
  }
  return result;
}
