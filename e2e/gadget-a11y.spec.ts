/**
 * axe-core on the agent gadget inside the simulated Finesse desktop, in the states an agent spends
 * the day in: idle, the settings and shortcut panels, an incoming offer, three chats with unread
 * messages, a missed-offer notice, and the Arabic (right-to-left) gadget. Only the gadget's iframe is
 * checked; the simulated desktop around it is not the product. No serious or critical violation.
 */
import { expect, screenshot, test } from './fixtures.ts';
import { axe } from './support/gadgetAxe.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { agent } from './support/pages.ts';

// Long enough for an axe run (~10 s on a busy machine) while an offer is showing.
const OFFER_TIMEOUT_MS = 30_000;
test.use({ stackOptions: { offerTimeoutMs: OFFER_TIMEOUT_MS } });
// Several axe runs and one offer left to run out.
test.slow();

test('the gadget has no serious accessibility violations: idle, panels, offer, chats, missed offer', async ({
  desktop,
  stack,
}) => {
  await desktop.signIn('1001');
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
  await desktop.goReadyForChat();
  await expect(desktop.gadget.getByTestId('gadget.empty')).toBeVisible();
  await axe(desktop, 'idle');

  await desktop.gadget.getByTestId('gadget.settings.toggle').click();
  await expect(desktop.gadget.getByTestId('gadget.settings')).toBeVisible();
  await axe(desktop, 'settings');
  await screenshot(desktop.page, 'gadget-settings');
  await desktop.gadget.getByTestId('gadget.shortcuts.toggle').click();
  await expect(desktop.gadget.getByTestId('gadget.shortcuts')).toBeVisible();
  await axe(desktop, 'shortcuts');
  await screenshot(desktop.page, 'gadget-shortcuts');
  await desktop.page.keyboard.press('Escape');
  await expect(desktop.gadget.getByTestId('gadget.shortcuts')).toHaveCount(0);

  const customers: ApiCustomer[] = [];
  try {
    customers.push(
      await startApiCustomer(stack.chatUrl, 'Ada Park', { email: 'ada@example.com', topic: 'billing' }),
    );
    await expect(desktop.offer).toBeVisible();
    await axe(desktop, 'offer');
    await desktop.acceptOffer('Ada Park');
    for (const name of ['Bruno Silva', 'Chen Wei']) {
      customers.push(await startApiCustomer(stack.chatUrl, name));
      await desktop.acceptOffer(name);
    }
    await expect(desktop.chatTabs).toHaveCount(3);
    await customers[0]?.send('Is my order on its way?');
    await expect(desktop.chatTabs.first().getByTestId('gadget.chatTab.unread')).toBeVisible();
    await axe(desktop, 'three chats');

    // The next offer runs out: the missed-offer notice with its button.
    customers.push(await startApiCustomer(stack.chatUrl, 'Dora Novak'));
    await expect(desktop.offer).toBeVisible();
    await expect(desktop.gadget.getByTestId('gadget.notice')).toBeVisible({
      timeout: OFFER_TIMEOUT_MS + 10_000,
    });
    await axe(desktop, 'missed offer');
  } finally {
    for (const customer of customers) customer.close();
  }
});

test('the Arabic, right-to-left gadget has no serious accessibility violations', async ({
  desktop,
  stack,
}) => {
  const who = agent('1002');
  await desktop.page.goto(`${stack.simUrl}/desktop/?locale=ar_SA`);
  await desktop.page.getByTestId('desktop.signin.id').fill(who.id);
  await desktop.page.getByTestId('desktop.signin.password').fill(who.password);
  await desktop.page.getByTestId('desktop.signin.extension').fill(who.extension);
  await desktop.page.getByTestId('desktop.signin.submit').click();
  await expect(desktop.gadget.getByTestId('gadget.root')).toHaveAttribute('dir', 'rtl', { timeout: 30_000 });
  await desktop.goReadyForChat();
  const customer = await startApiCustomer(stack.chatUrl, 'ليلى حسن', { email: 'layla@example.com' });
  try {
    await expect(desktop.offer).toBeVisible();
    await axe(desktop, 'Arabic offer');
    await desktop.acceptOffer('ليلى حسن');
    await customer.send('مرحبا');
    await expect(desktop.textMessages().last()).toContainText('مرحبا');
    await axe(desktop, 'Arabic chat');
  } finally {
    customer.close();
  }
});
