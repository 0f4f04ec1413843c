/**
 * The widget on a phone: 390×844 with touch, the notch and the home indicator.
 * The panel fills the screen inside the safe areas, follows the on-screen keyboard (visualViewport),
 * its fields are at least 16 px (no iOS zoom) and its buttons at least 44 px; in Arabic everything
 * mirrors, the launcher included. Screenshots under e2e/screenshots/widget-mobile-*.png.
 */
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { demoPage, startHostSite, type HostSite } from './support/hostPage.ts';
import {
  emulateSafeArea,
  keyboard,
  phoneContext,
  SAFE_AREA,
  smallFields,
  smallTargets,
} from './support/mobile.ts';
import { appFrame, widgetFrame } from './support/widgetHost.ts';

let site: HostSite;
test.beforeEach(async () => {
  site = await startHostSite();
});
test.afterEach(async () => {
  await site.close();
});

async function panelBox(page: Page) {
  const box = await page.locator('[data-testid="widget.frame"]').boundingBox();
  if (!box) throw new Error('the panel is not visible');
  return box;
}

test('a phone: launcher, full-screen pre-chat inside the safe areas, a chat above the keyboard', async ({
  browser,
  stack,
  desktop,
}) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await emulateSafeArea(page);
  await page.goto(site.page('/', { html: demoPage(stack.chatUrl) }));
  const launcher = page.getByTestId('widget.launcher');
  await expect(launcher).toBeVisible();
  const button = await launcher.boundingBox();
  expect(button?.width).toBeGreaterThanOrEqual(44);
  // Above the home indicator: 20 px plus the bottom inset.
  expect(Math.round((button?.y ?? 0) + (button?.height ?? 0))).toBe(844 - 20 - SAFE_AREA.bottom);
  await screenshot(page, 'widget-mobile-launcher');

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await launcher.tap();
  const widget = widgetFrame(page);
  await expect(widget.getByTestId('widget.prechat.name')).toBeVisible();
  // Full screen between the notch and the home indicator; the launcher steps aside.
  expect(await panelBox(page)).toEqual({
    x: 0,
    y: SAFE_AREA.top,
    width: 390,
    height: 844 - SAFE_AREA.top - SAFE_AREA.bottom,
  });
  await expect(launcher).toBeHidden();
  const app = await appFrame(page);
  expect(await smallFields(app)).toEqual([]);
  expect(await smallTargets(app)).toEqual([]);
  await screenshot(page, 'widget-mobile-prechat');

  await widget.getByTestId('widget.prechat.name').tap();
  await widget.getByTestId('widget.prechat.name').fill('Kai Tanaka');
  await widget.getByTestId('widget.prechat.start').tap();
  await desktop.acceptOffer('Kai Tanaka');
  await expect(widget.getByTestId('widget.status')).toHaveAttribute('data-status', 'active');
  await desktop.send('Hi Kai, I am looking at your line now.');
  await widget.getByTestId('widget.composer').tap();
  await widget.getByTestId('widget.composer').fill('Thanks! It drops every evening.');
  await widget.getByTestId('widget.send').tap();
  await desktop.send('I see it. Let me reset your port.');
  await expect(widget.locator('[data-testid="widget.message"][data-from-role="agent"]')).toHaveCount(2);
  expect(await smallFields(app)).toEqual([]);
  expect(await smallTargets(app)).toEqual([]);
  await screenshot(page, 'widget-mobile-chat');

  // The keyboard opens: the panel shrinks to the visual viewport (the keyboard covers the home
  // indicator, so no bottom inset), the message box and the latest message stay in view.
  await widget.getByTestId('widget.composer').tap();
  await keyboard(page, 500);
  await expect.poll(async () => (await panelBox(page)).height).toBe(500 - SAFE_AREA.top);
  const composer = await widget.getByTestId('widget.composer').boundingBox();
  expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeLessThanOrEqual(500);
  const latest = widget.locator('[data-testid="widget.message"]').last();
  await expect
    .poll(async () => {
      const box = await latest.boundingBox();
      return (box?.y ?? 0) + (box?.height ?? 0) <= (composer?.y ?? 0);
    })
    .toBe(true);
  await screenshot(page, 'widget-mobile-keyboard');
  // iOS may scroll the layout under the keyboard: the panel follows the visual viewport's offset.
  await keyboard(page, 500, 120);
  await expect.poll(async () => (await panelBox(page)).y).toBe(120 + SAFE_AREA.top);
  await keyboard(page, null);
  await expect.poll(async () => (await panelBox(page)).height).toBe(844 - SAFE_AREA.top - SAFE_AREA.bottom);

  // Minimise: the host page is back, the launcher in its corner.
  await widget.getByTestId('widget.close').tap();
  await expect(launcher).toBeVisible();
  await context.close();
});

test('Arabic on a phone and on a desktop: right to left, mirrored, the launcher on the left', async ({
  browser,
  stack,
  desktop,
}) => {
  const url = site.page('/ar', { html: demoPage(stack.chatUrl, ' data-locale="ar"') });
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  const launcher = page.getByTestId('widget.launcher');
  await expect(launcher).toHaveAttribute('aria-label', 'فتح المحادثة');
  expect((await launcher.boundingBox())?.x).toBe(20);

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await launcher.tap();
  const widget = widgetFrame(page);
  await expect(widget.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(widget.getByTestId('widget.prechat.start')).toHaveText('بدء المحادثة');
  await screenshot(page, 'widget-mobile-rtl-prechat');
  await widget.getByTestId('widget.prechat.name').fill('ليلى حسن');
  await widget.getByTestId('widget.prechat.start').tap();
  await desktop.acceptOffer('ليلى حسن');
  await desktop.send('مرحبًا ليلى، كيف يمكنني مساعدتك؟');
  await widget.getByTestId('widget.composer').fill('لدي مشكلة في الفاتورة.');
  await widget.getByTestId('widget.send').tap();
  const own = widget.locator('[data-testid="widget.message"][data-from-role="customer"]').last();
  const theirs = widget.locator('[data-testid="widget.message"][data-from-role="agent"]').last();
  await expect(own).toBeVisible();
  await expect(theirs).toBeVisible();
  // Mirrored: the customer's own bubbles on the left, the agent's on the right.
  const [ownBox, theirBox] = [await own.boundingBox(), await theirs.boundingBox()];
  expect((ownBox?.x ?? 0) + (ownBox?.width ?? 0)).toBeLessThan(390 - 40);
  expect((theirBox?.x ?? 0) + (theirBox?.width ?? 0)).toBeGreaterThan(390 - 40);
  expect(ownBox?.x).toBeLessThan(theirBox?.x ?? 0);
  await screenshot(page, 'widget-mobile-rtl-chat');

  // The same chat on a desktop: the panel opens on the left side too.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(async () => (await panelBox(page)).x).toBe(20);
  await screenshot(page, 'widget-rtl-desktop');
  await context.close();
});
