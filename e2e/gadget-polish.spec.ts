/**
 * The gadget inside the desktop, as an agent sees it and as a screen reader hears it: one title (the
 * desktop's, above the gadget; the gadget's own is for screen readers only), no status badge saying
 * again what the Ready/Not ready switch says, and no "Press Alt+A to accept" left in the assertive
 * live region once the offer is accepted. Screenshots under e2e/screenshots/polish/gadget-*.png
 * (POLISH_STAGE=before names a run of the previous build, for comparison; default `after`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, screenshot, test } from './fixtures.ts';
import { startApiCustomer } from './support/apiCustomer.ts';

const STAGE = process.env['POLISH_STAGE'] ?? 'after';
// A run of the previous build notes what is wrong and goes on, to take every screenshot.
const check = STAGE === 'before' ? expect.soft : expect;

/**
 * Writes what a screen reader would find in the gadget's assertive live region into a note on the
 * desktop page (outside the gadget), so that a screenshot shows the otherwise invisible text.
 */
async function noteLiveRegion(page: Page, text: string): Promise<void> {
  await page.evaluate((said) => {
    const note = document.createElement('div');
    note.textContent = `Screenshot note: the gadget's assertive live region (read by screen readers) holds ${
      said.trim() === '' ? 'nothing' : `“${said.trim()}”`
    }`;
    // Through the CSSOM: the desktop's Content-Security-Policy refuses inline style attributes.
    note.style.cssText =
      'position:fixed;left:0;right:0;bottom:0;padding:10px 16px;background:#fff4c2;color:#222;' +
      'font:600 15px system-ui,sans-serif;border-top:2px solid #c9a400;z-index:99999';
    document.body.append(note);
  }, text);
}

test('one title and no status badge repeating the Ready switch', async ({ desktop }) => {
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  await screenshot(desktop.page, `polish/gadget-idle-ready-${STAGE}`);

  // The desktop names the gadget above it; the gadget's own heading is for screen readers only.
  const heading = desktop.gadget.getByRole('heading', { level: 1, name: 'Hybrid Chat' });
  await expect(heading).toHaveCount(1);
  await check(heading).not.toBeInViewport();
  // The switch already says Ready: no badge beside it saying so again.
  await check(desktop.gadget.locator('.hc-status__badge')).toHaveCount(0);

  // What a screen reader and a mouse pointer tell of each button that shows only an icon.
  const iconButtons = await desktop.gadget.locator('body').evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((button) => !button.textContent?.trim())
      .map((button) => ({
        testId: button.dataset['testid'] ?? '',
        name: button.getAttribute('aria-label') ?? '',
        tooltip: button.title,
      })),
  );
  writeFileSync(
    resolve(SCREENSHOT_DIR, `polish/gadget-icon-buttons-${STAGE}.txt`),
    `Icon-only buttons of the idle gadget (${STAGE}): test id, accessible name (aria-label), tooltip (title)\n` +
      iconButtons
        .map((b) => `${b.testId}\t${b.name || '(no name)'}\t${b.tooltip || '(no tooltip)'}`)
        .join('\n') +
      '\n',
  );
  check(iconButtons.length).toBeGreaterThan(0);
  for (const button of iconButtons) {
    check(button.name.trim(), button.testId).not.toBe('');
    check(button.tooltip, button.testId).toBe(button.name);
  }
});

test('the offer announcement is cleared once the offer is accepted', async ({ desktop, stack }) => {
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  const customer = await startApiCustomer(stack.chatUrl, 'Jonas Berg');
  try {
    const region = desktop.gadget.getByTestId('gadget.announce.assertive');
    await expect(region).toContainText('Alt+A');
    await desktop.acceptOffer('Jonas Berg');
    await expect(desktop.chatTabs).toHaveCount(1);
    await expect(desktop.offer).toHaveCount(0);
    await desktop.page.waitForTimeout(300);
    const said = (await region.textContent()) ?? '';
    await noteLiveRegion(desktop.page, said);
    await screenshot(desktop.page, `polish/gadget-announcement-${STAGE}`);
    check(said.trim()).toBe('');
  } finally {
    customer.close();
  }
});
