/**
 * The gadget's icon buttons in the simulated Finesse desktop: each has a name and a tooltip, the
 * emoji button is a drawing (it shows without a colour emoji font), and on a system without one
 * (this test machine's Chromium has none) the emoji picker offers short names instead of boxes, and
 * a line under the reply box spells out an inserted emoji by its short name; the emoji itself is sent.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { drawsColourEmoji } from './support/emoji.ts';

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
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-icons-after.png') });

    const colourEmoji = await drawsColourEmoji(desktop.gadget);
    const panel = desktop.gadget.getByTestId('gadget.emoji.panel');
    if (!colourEmoji) await expect(panel).toContainText(':+1:');
    await panel.getByRole('button', { name: '👍' }).click();
    const box = desktop.gadget.getByTestId('gadget.composer');
    await expect(box).toHaveValue('👍');
    await box.pressSequentially(' thanks, see you ', { delay: 10 });
    await desktop.gadget.getByTestId('gadget.emoji').click();
    await panel.getByRole('button', { name: '😀' }).click();
    await desktop.page
      .getByTestId('desktop.gadget.chat')
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/composer-emoji-after.png') });
    // Without a colour emoji font the box would show a blank box for the emoji: a line under it
    // spells the text out with the emoji's short names. What is sent is the emoji itself.
    const preview = desktop.gadget.getByTestId('gadget.composer.preview');
    if (colourEmoji) await expect(preview).toBeHidden();
    else await expect(preview).toHaveText(/:\+1: thanks, see you :grinning:$/);
    await desktop.gadget.getByTestId('gadget.send').click();
    await expect.poll(() => customer.received()).toContain('👍 thanks, see you 😀');
    await expect(preview).toBeHidden();

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
