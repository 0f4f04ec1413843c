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
    await desktop.page.screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-height-after.png') });

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

/*
 * Finesse publishes ContainerServices' MAX_AVAILABLE_HEIGHT_CHANGED_EVENT when the room for a
 * gadget changes (Cisco Finesse Web Services Developer and JavaScript Guide, "Container Services"):
 * the simulated desktop does so when its window is resized. The gadget then takes the smaller of
 * its preference and that room, so Send stays on screen in a short window.
 */
test('in a shorter desktop window the gadget shrinks to the room it has; Send stays on screen', async ({
  desktop,
  stack,
}) => {
  const customers: ApiCustomer[] = [];
  try {
    await desktop.signIn('1001');
    await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
    await desktop.goReadyForChat();
    const customer = await startApiCustomer(stack.chatUrl, 'Mira Kessler');
    customers.push(customer);
    await desktop.acceptOffer('Mira Kessler');
    for (let n = 1; n <= 8; n++) await customer.send(`${n}. ${LONG}`);
    await expect(desktop.textMessages().filter({ hasText: '8. I ordered' })).toHaveCount(1);

    const frame = desktop.page.getByTestId('desktop.gadget.chat');
    expect(Math.round((await frame.boundingBox())?.height ?? 0)).toBe(600);

    await desktop.page.setViewportSize({ width: 1280, height: 560 });
    // The room below the gadget's top edge, less the desktop's margin: less than its 600 px.
    await expect.poll(async () => Math.round((await frame.boundingBox())?.height ?? 0)).toBeLessThan(600);
    await desktop.page.waitForTimeout(300);
    mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
    await desktop.page.screenshot({
      path: resolve(SCREENSHOT_DIR, 'polish/gadget-available-height-after.png'),
    });

    const box = await frame.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(300);
    const viewport = { y: 0, height: 560 };
    const send = desktop.gadget.getByTestId('gadget.send');
    expect(await within(send, box ?? { y: 0, height: 0 })).toBe(true);
    expect(await within(send, viewport)).toBe(true);
    await expect(send).toBeInViewport({ ratio: 1 });
    await expect(desktop.gadget.getByTestId('gadget.composer')).toBeInViewport({ ratio: 1 });
    // An offer that comes in now shows its Accept in the short gadget too.
    const next = await startApiCustomer(stack.chatUrl, 'Jonas Berg');
    customers.push(next);
    const accept = desktop.offer.getByTestId('gadget.offer.accept');
    await expect(accept).toBeVisible();
    await expect(accept).toBeInViewport({ ratio: 1 });
    expect(await within(accept, (await frame.boundingBox()) ?? { y: 0, height: 0 })).toBe(true);
    await desktop.page.screenshot({
      path: resolve(SCREENSHOT_DIR, 'polish/gadget-available-height-offer-after.png'),
    });

    // A taller window again: back to the preferred height, never taller.
    await desktop.page.setViewportSize({ width: 1280, height: 1000 });
    await expect.poll(async () => Math.round((await frame.boundingBox())?.height ?? 0)).toBe(600);
  } finally {
    for (const customer of customers) customer.close();
  }
});
