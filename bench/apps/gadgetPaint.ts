/**
 * The agent gadget's first paint inside the simulated Finesse desktop: an agent signs in on the
 * desktop (password and extension, as in the e2e tests); the desktop then inserts the gadget's iframe,
 * the container renders gadget.xml, which loads finesse.js and our gadget.js from the chat server.
 * Timed from the iframe's insertion to:
 *
 * - first paint: the gadget's first own content on screen (its boot panel while it signs in);
 * - ready: the status control, i.e. signed in to the chat server and the workspace shown.
 *
 * Each run is a fresh browser context (cold cache) and the next agent of the simulator's list, so no
 * run inherits another's session. Warm-up runs come first and are not counted (first-use costs).
 */
import type { Browser } from '@playwright/test';
import { AGENTS } from '../../e2e/support/pages.ts';
import { probe, stamp } from './browser.ts';

const STEP_TIMEOUT_MS = 20_000;

export interface GadgetPaint {
  firstPaintMs: number[];
  readyMs: number[];
}

/** `runs` counted sign-ins after `warmups` uncounted ones. */
export async function measureGadgetPaint(
  browser: Browser,
  simUrl: string,
  { runs, warmups }: { runs: number; warmups: number },
): Promise<GadgetPaint> {
  const result: GadgetPaint = { firstPaintMs: [], readyMs: [] };
  for (let run = 0; run < warmups + runs; run += 1) {
    const agent = AGENTS[run % AGENTS.length];
    if (!agent) throw new Error('[bench] the simulator has no agents');
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      await context.addInitScript(probe);
      const page = await context.newPage();
      await page.goto(`${simUrl}/desktop/`);
      await page.getByTestId('desktop.signin.id').fill(agent.id, { timeout: STEP_TIMEOUT_MS });
      await page.getByTestId('desktop.signin.password').fill(agent.password);
      await page.getByTestId('desktop.signin.extension').fill(agent.extension);
      await page.getByTestId('desktop.signin.submit').click();
      const iframe = await page.waitForSelector('iframe[data-testid="desktop.gadget.chat"]', {
        timeout: STEP_TIMEOUT_MS,
      });
      const frame = await iframe.contentFrame();
      if (!frame) throw new Error('[bench] the gadget iframe has no frame');
      const readyAt = await stamp(frame, '__benchGadgetReadyAt', STEP_TIMEOUT_MS);
      const paintAt = await stamp(frame, '__benchGadgetPaintAt', STEP_TIMEOUT_MS);
      const frameAt = await stamp(page, '__benchGadgetFrameAt', STEP_TIMEOUT_MS);
      if (run < warmups) continue;
      result.firstPaintMs.push(paintAt - frameAt);
      result.readyMs.push(readyAt - frameAt);
    } finally {
      await context.close();
    }
  }
  return result;
}
