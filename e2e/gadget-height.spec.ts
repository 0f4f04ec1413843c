/**
 * The gadget keeps a stable height in the Finesse desktop (its `gadgetHeight` preference, 600 px by
 * default, gadget.xml): a long chat scrolls inside the gadget, the reply box and an incoming offer
 * stay in view, and the desktop page around the gadget does not grow or scroll.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';

test.slow();
// Thirty messages in a row from one customer: more than the default burst allows (server/limits).
test.use({ stackOptions: { env: { LIMIT_MESSAGES_BURST: '100' } } });

const LONG =
  'I ordered the blue kettle three weeks ago and the tracking page still says it is waiting at the depot, ' +
  'although the shop told me on the phone that it would arrive within five working days. Could you check?';

/** Whether `inner` lies within `outer` from top to bottom (1 px of rounding allowed). */
async function within(inner: Locator, outer: { y: number; height: number }): Promise<boolean> {
  const box = await inner.boundingBox();
  if (!box) return false;
  return box.y >= outer.y - 1 && box.y + box.height <= outer.y + outer.height + 1;
}

test('a long chat and an offer fit in the gadget; the desktop page does not scroll', async ({
  desktop,
  stack,
}) => {
  const customers: ApiCustomer[] = [];
  try {
    await desktop.signIn('1001');
    await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
    await desktop.goReadyForChat();

    const first = await startApiCustomer(stack.chatUrl, 'Mira Kessler');
    customers.push(first);
    await desktop.acceptOffer('Mira Kessler');
    for (let n = 1; n <= 30; n++) await first.send(`${n}. ${LONG}`);
    await expect(desktop.textMessages().filter({ hasText: '30. I ordered' })).toHaveCount(1);

    const second = await startApiCustomer(stack.chatUrl, 'Jonas Berg');
    customers.push(second);
    await expect(desktop.offer).toBeVisible();
    // Let the container apply any resize the new content asked for.
    await desktop.page.waitForTimeout(500);

    mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
    await desktop.page.screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-height.png') });

    const frame = await desktop.page.getByTestId('desktop.gadget.chat').boundingBox();
    expect(frame).not.toBeNull();
    const viewport = { y: 0, height: desktop.page.viewportSize()?.height ?? 0 };
    // The gadget keeps its preferred height whatever it shows.
    expect(Math.round(frame?.height ?? 0)).toBe(600);
    const send = desktop.gadget.getByTestId('gadget.send');
    const accept = desktop.offer.getByTestId('gadget.offer.accept');
    for (const control of [send, accept]) {
      expect(await within(control, frame ?? { y: 0, height: 0 })).toBe(true);
      expect(await within(control, viewport)).toBe(true);
      // Wholly shown in the gadget, not cut off by a squeezed card around it.
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    // The messages scroll inside the gadget, not the desktop page.
    const log = desktop.gadget.locator('.ui-messages');
    expect(await log.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    const pageScrolls = await desktop.page.evaluate(
      () => document.documentElement.scrollHeight > window.innerHeight + 1,
    );
    expect(pageScrolls).toBe(false);
  } finally {
    for (const customer of customers) customer.close();
  }
});
