/**
 * The widget for people who use a keyboard or a screen reader: axe-core finds
 * no serious or critical violation on the launcher, the pre-chat form, the waiting and the chat
 * states (English, and the chat in Arabic); the whole chat works with the keyboard alone (focus into
 * the panel on open, back to the launcher on close, Escape closes); a polite live region reads the
 * agent's messages out.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { demoPage, startHostSite, type HostSite } from './support/hostPage.ts';
import { appFrame, loaderFocus, widgetFrame } from './support/widgetHost.ts';

// Chats wait in the queue before the agent signs in; axe takes its time, the offer waits for it.
test.use({ stackOptions: { offerTimeoutMs: 60_000, env: { WHEN_UNSTAFFED: 'wait' } } });
// Each axe run takes seconds (the page and the widget's iframe); a test runs several.
test.describe.configure({ timeout: 240_000 });

let site: HostSite;
test.beforeEach(async () => {
  site = await startHostSite();
});
test.afterEach(async () => {
  await site.close();
});

/** Serious and critical violations (WCAG 2.1 A/AA and best practice), the widget's iframe included. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The test id (or tag) of what has the focus inside the chat app's iframe. */
async function appFocus(page: Page): Promise<string | null> {
  return (await appFrame(page)).evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active && active !== document.body ? (active.dataset['testid'] ?? active.tagName) : null;
  });
}

test('keyboard only, with axe at every step: launcher, pre-chat, waiting, chat', async ({
  browser,
  stack,
  desktop,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(site.page('/', { html: demoPage(stack.chatUrl) }));
  const launcher = page.getByTestId('widget.launcher');
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  expect(await axeProblems(page)).toEqual([]);

  // The launcher is the page's last stop: Shift+Tab from the top reaches it.
  await page.locator('body').focus();
  await page.keyboard.press('Shift+Tab');
  expect(await loaderFocus(page)).toBe('widget.launcher');
  await page.keyboard.press('Enter');
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => appFocus(page)).toBe('widget.prechat.name');
  expect(await axeProblems(page)).toEqual([]);

  // The form with the keyboard: an empty name is refused and announced, then the chat starts.
  await page.keyboard.press('Enter');
  await expect(widgetFrame(page).getByRole('alert')).toBeVisible();
  await page.keyboard.type('Jordan Blake');
  await page.keyboard.press('Enter');
  const widget = widgetFrame(page);
  await expect(widget.getByTestId('widget.status')).toHaveAttribute('data-status', 'waiting');
  expect(await axeProblems(page)).toEqual([]);

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Jordan Blake');
  await expect(widget.getByTestId('widget.status')).toHaveAttribute('data-status', 'active');
  await desktop.send('Hello Jordan, how can I help?');
  // Read out politely: who says what.
  await expect(widget.getByTestId('widget.announcer')).toHaveText(
    /María González: Hello Jordan, how can I help\?/,
  );
  await expect(widget.getByTestId('widget.announcer')).toHaveAttribute('aria-live', 'polite');
  await expect.poll(() => appFocus(page)).toBe('widget.composer');
  await page.keyboard.type('My bill is wrong.');
  await page.keyboard.press('Enter');
  await expect(desktop.textMessages().last()).toContainText('My bill is wrong.');
  expect(await axeProblems(page)).toEqual([]);

  // Escape minimises and gives the focus back to the launcher; Enter brings the chat back.
  await page.keyboard.press('Escape');
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  expect(await loaderFocus(page)).toBe('widget.launcher');
  await page.keyboard.press('Enter');
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => appFocus(page)).toBe('widget.composer');
  await context.close();
});

test('axe on the chat in Arabic (right to left) and on the launcher with unread messages', async ({
  browser,
  stack,
  desktop,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(site.page('/ar', { html: demoPage(stack.chatUrl, ' data-locale="ar"') }));
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await page.getByTestId('widget.launcher').click();
  const widget = widgetFrame(page);
  await widget.getByTestId('widget.prechat.name').fill('سلمى يوسف');
  await widget.getByTestId('widget.prechat.start').click();
  await desktop.acceptOffer('سلمى يوسف');
  await desktop.send('أهلًا سلمى');
  await expect(widget.getByTestId('widget.announcer')).toHaveText(/أهلًا سلمى/);
  expect(await axeProblems(page)).toEqual([]);

  await widget.getByTestId('widget.close').click();
  await desktop.send('هل ما زلتِ هنا؟');
  await expect(page.getByTestId('widget.launcher')).toHaveAttribute(
    'aria-label',
    'فتح المحادثة (رسالة جديدة واحدة)',
  );
  expect(await axeProblems(page)).toEqual([]);
  await context.close();
});
