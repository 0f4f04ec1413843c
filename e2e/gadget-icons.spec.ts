/**
 * The gadget's icon buttons in the simulated Finesse desktop: each has a name and a tooltip, the
 * emoji button is a drawing (it shows without a colour emoji font), and on a system without one
 * (this test machine's Chromium has none) the emoji picker offers short names instead of boxes.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';

test.slow();

test('icon buttons are named and the emoji picker stays readable', async ({ desktop, stack }) => {
  const customers: ApiCustomer[] = [];
  try {
    await desktop.signIn('1001');
    await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
    await desktop.goReadyForChat();
    const customer = await startApiCustomer(stack.chatUrl, 'Mira Kessler');
    customers.push(customer);
    await desktop.acceptOffer('Mira Kessler');
    await customer.send('Hello, can you help me?');
    await desktop.gadget.getByTestId('gadget.emoji').click();
    await expect(desktop.gadget.getByTestId('gadget.emoji.panel')).toBeVisible();

    mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
    await desktop.page
      .getByTestId('desktop.gadget.chat')
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-icons.png') });

    const colourEmoji = await desktop.gadget.locator('body').evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 32;
      const context = canvas.getContext('2d');
      if (!context) return true;
      context.textBaseline = 'top';
      context.font = '24px sans-serif';
      context.fillText('\u{1F600}', 2, 2);
      const { data } = context.getImageData(0, 0, 32, 32);
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) return true;
      }
      return false;
    });
    const panel = desktop.gadget.getByTestId('gadget.emoji.panel');
    if (!colourEmoji) await expect(panel).toContainText(':+1:');
    await panel.getByRole('button', { name: '👍' }).click();
    await expect(desktop.gadget.getByTestId('gadget.composer')).toHaveValue('👍');

    await expect(desktop.gadget.getByTestId('gadget.emoji').locator('svg')).toBeVisible();
    const unnamed = await desktop.gadget.locator('body').evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((button) => !button.textContent?.trim())
        .filter((button) => !button.getAttribute('aria-label')?.trim() || !button.title)
        .map((button) => button.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  } finally {
    for (const customer of customers) customer.close();
  }
});
