/**
 * XSS payloads in every customer-typed field — the name, the
 * messages, a file's name — are shown as the text they are, in the widget and in the agent's gadget,
 * and none of them runs. Every frame of both pages gets an `alert` that records a call, and the
 * payloads also set a flag of their own; neither may happen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { png } from './support/files.ts';

const NAME = '<img src=x onerror="window.__xss=1;alert(1)">';
const MESSAGES = [
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg onload="window.__xss=3;alert(3)">',
  'javascript:window.__xss=4;alert(4)',
  '<a href="javascript:alert(5)">click me</a> <iframe src="javascript:alert(6)"></iframe>',
];
const FILE_NAME = '"><img src=x onerror="window.__xss=7;alert(7)">.png';

async function armTraps(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Runs in every frame of the page, before its own scripts.
  await page.addInitScript(() => {
    const w = window as unknown as { __alerts: number; alert: (message?: string) => void };
    w.__alerts = 0;
    w.alert = () => {
      w.__alerts += 1;
    };
  });
  return dialogs;
}

/** Any sign of a payload having run, in any frame of the page. */
async function ranAnything(page: Page): Promise<unknown[]> {
  const signs = await Promise.all(
    page.frames().map((frame) =>
      frame
        .evaluate(() => {
          const w = window as unknown as { __xss?: unknown; __alerts?: number };
          return w.__xss ?? (w.__alerts ? `alerts:${w.__alerts}` : null);
        })
        .catch(() => null),
    ),
  );
  return signs.filter((sign) => sign !== null);
}

test('payloads in the name, messages and file name stay text in the widget and the gadget', async ({
  customer,
  desktop,
}) => {
  const customerDialogs = await armTraps(customer.page);
  const agentDialogs = await armTraps(desktop.page);

  await customer.open();
  await customer.startChat(NAME);
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  // The offer card names the customer literally.
  await desktop.acceptOffer(NAME);
  await expect(customer.status).toHaveAttribute('data-status', 'active');

  for (const text of MESSAGES) await customer.send(text);
  await customer.widget.getByTestId('widget.attach.input').setInputFiles({
    name: FILE_NAME,
    mimeType: 'image/png',
    buffer: png(8, 8, [0, 120, 200]),
  });

  // Shown literally on both sides.
  await expect(desktop.textMessages()).toHaveCount(MESSAGES.length + 1);
  for (const [i, text] of MESSAGES.entries()) {
    await expect(desktop.textMessages().nth(i)).toContainText(text);
    await expect(customer.textMessages().nth(i)).toContainText(text);
  }
  await expect(desktop.gadget.getByTestId('gadget.file')).toContainText(FILE_NAME);
  await expect(customer.widget.getByTestId('widget.file')).toContainText(FILE_NAME);
  await expect(desktop.gadget.getByRole('tabpanel').getByRole('heading', { level: 2 })).toHaveText(NAME);
  await expect(desktop.gadget.getByTestId('gadget.file').getByRole('img')).toHaveAttribute('alt', FILE_NAME);

  // No markup from a payload made it into either document.
  const injected = 'script, iframe, svg[onload], [onerror], [onload], a[href^="javascript"]';
  await expect(desktop.gadget.getByTestId('gadget.root').locator(injected)).toHaveCount(0);
  await expect(customer.widget.locator('.w-app').locator(injected)).toHaveCount(0);

  // Give any injected handler its chance to fire, then look for traces in every frame.
  await customer.page.waitForTimeout(500);
  expect(await ranAnything(customer.page)).toEqual([]);
  expect(await ranAnything(desktop.page)).toEqual([]);
  expect(customerDialogs).toEqual([]);
  expect(agentDialogs).toEqual([]);
});
