/**
 * The gadget under the container's rules (docs/requirements.md, container rules), in desktop layouts with
 * several copies of it (simulator/README.md "Desktop", SIM_LAYOUT):
 * - two copies in one desktop, one agent: the server gives both sockets every event, each copy has
 *   its own store; an offer accepted in one leaves the other showing the same chat, not a stale offer;
 *   no message shows twice; a voice/chat state switch shows in both; a draft stays in its copy; a
 *   setting changed in one copy shows in the other's settings panel;
 * - a copy on a hidden tab cannot measure itself (adjustHeight gives 0 there); the gadget asks for its
 *   fixed height instead, which works there, and asks again on ACTIVE_TAB when its tab is shown.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { AgentDesktop } from './support/pages.ts';

test.slow();

/** The gadget has signed in (slow on a busy machine: a cold bundle and a sign-in round trip). */
async function gadgetReady(copy: AgentDesktop): Promise<void> {
  await expect(copy.gadget.getByTestId('gadget.status')).toBeAttached({ timeout: 30_000 });
}

/** The iframe's height as the desktop set it, in CSS pixels. */
const frameHeight = (frame: Locator) =>
  frame.evaluate((element) => Math.round(element.getBoundingClientRect().height));

/** What the gadget's content needs, measured inside its document (as the runtime does when shown). */
function contentHeight(page: Page, frameName: string): Promise<number> {
  const frame = page.frame({ name: frameName });
  if (!frame) throw new Error(`no frame ${frameName}`);
  return frame.evaluate(() => {
    let bottom = document.body.getBoundingClientRect().bottom;
    for (const child of Array.from(document.body.children)) {
      bottom = Math.max(bottom, child.getBoundingClientRect().bottom);
    }
    return Math.ceil(bottom + window.scrollY);
  });
}

test.describe('two copies of the gadget on Home', () => {
  test.use({ stackOptions: { simEnv: { SIM_LAYOUT: 'two-on-home' } } });

  test('share one agent session without corrupting each other', async ({ desktop, stack }) => {
    const first = desktop;
    const second = new AgentDesktop(desktop.page, stack.simUrl, 'desktop.gadget.chat.2');
    const customers: ApiCustomer[] = [];
    try {
      await first.signIn('1001');
      // Two frames with their own module ids, as the layout numbered them.
      const frames = desktop.page.locator('iframe.gadget-frame');
      await expect(frames).toHaveCount(2);
      await expect(frames.nth(0)).toHaveAttribute('name', 'finesse_gadget_0');
      await expect(frames.nth(1)).toHaveAttribute('name', 'finesse_gadget_1');
      await expect(frames.nth(1)).toHaveAttribute('src', /[?&]mid=1(&|$)/);
      await gadgetReady(first);
      await gadgetReady(second);

      // A state switch in one copy shows in the other (the server's status reaches both sockets).
      await first.goReadyForChat();
      await expect(second.chatState).toHaveAttribute('data-state', /READY|ACTIVE/);

      const customer = await startApiCustomer(stack.chatUrl, 'Mira Kessler');
      customers.push(customer);
      // The offer reaches both copies; the agent answers it in the first one.
      await expect(second.offer).toBeVisible();
      await first.acceptOffer('Mira Kessler');
      // The other copy does not keep a stale offer: it shows the same chat instead.
      await expect(second.offer).toHaveCount(0);
      await expect(first.offer).toHaveCount(0);
      await expect(second.chatTabs.filter({ hasText: 'Mira Kessler' })).toBeVisible();
      await expect(first.gadget.getByTestId('gadget.notice')).toHaveCount(0);
      await expect(second.gadget.getByTestId('gadget.notice')).toHaveCount(0);

      await customer.send('Is my parcel on its way?');
      await first.send('Yes, it left the warehouse this morning.');
      for (const copy of [first, second]) {
        await expect(copy.textMessages().filter({ hasText: 'Is my parcel on its way?' })).toHaveCount(1);
        await expect(copy.textMessages().filter({ hasText: 'left the warehouse' })).toHaveCount(1);
      }

      // A draft belongs to the box it was typed in; a reply sent from the other copy leaves it alone.
      await first.type('Let me check the tracking');
      await expect(second.gadget.getByTestId('gadget.composer')).toHaveValue('');
      await second.send('One moment please.');
      for (const copy of [first, second]) {
        await expect(copy.textMessages().filter({ hasText: 'One moment please.' })).toHaveCount(1);
      }
      await expect(first.gadget.getByTestId('gadget.composer')).toHaveValue('Let me check the tracking');
      await expect(second.gadget.getByTestId('gadget.composer')).toHaveValue('');
      // Tall enough to show both copies, from the top of the desktop.
      await desktop.page.setViewportSize({ width: 1280, height: 1500 });
      await desktop.page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(desktop.page, 'gadget-layout-two-copies');

      // Settings are the agent's, not the copy's: a switch flipped in one panel shows in the other.
      for (const copy of [first, second]) await copy.gadget.getByTestId('gadget.settings.toggle').click();
      await expect(second.gadget.getByTestId('gadget.settings.sound')).toBeChecked();
      // Space, as a keyboard user switches it (the drawn track lies over the native checkbox).
      await first.gadget.getByTestId('gadget.settings.sound').press('Space');
      await expect(first.gadget.getByTestId('gadget.settings.sound')).not.toBeChecked();
      await expect(second.gadget.getByTestId('gadget.settings.sound')).not.toBeChecked();
    } finally {
      for (const customer of customers) customer.close();
    }
  });
});

test.describe('a copy of the gadget on a second tab', () => {
  test.use({ stackOptions: { simEnv: { SIM_LAYOUT: 'two-tabs' } } });

  test('keeps its preferred height on a hidden tab and still fits it when the tab is shown', async ({
    desktop,
    stack,
  }) => {
    const home = desktop;
    const hidden = new AgentDesktop(desktop.page, stack.simUrl, 'desktop.gadget.chat.2');
    const hiddenFrame = desktop.page.getByTestId('desktop.gadget.chat.2');
    const customers: ApiCustomer[] = [];
    try {
      await home.signIn('1001');
      await expect(desktop.page.getByTestId('desktop.tab.home')).toHaveAttribute('aria-selected', 'true');
      await expect(desktop.page.getByTestId('desktop.tabPanel.chats')).toBeHidden();
      await gadgetReady(home);
      await gadgetReady(hidden);
      await home.goReadyForChat();

      // A chat arrives and is taken on Home; the hidden copy shows it too, so its content grows.
      const customer = await startApiCustomer(stack.chatUrl, 'Jonas Berg');
      customers.push(customer);
      await home.acceptOffer('Jonas Berg');
      await customer.send('My invoice shows the wrong address.');
      await expect(hidden.textMessages().filter({ hasText: 'wrong address' })).toHaveCount(1);
      // The gadget asks for its fixed height (the `gadgetHeight` preference, 600 px by default), which
      // needs no measuring: the copy on the hidden tab has it already, and a growing chat changes nothing.
      await desktop.page.waitForTimeout(500);
      expect(await frameHeight(hiddenFrame)).toBe(600);

      await desktop.page.getByTestId('desktop.tab.chats').click();
      await expect(desktop.page.getByTestId('desktop.tab.chats')).toHaveAttribute('aria-selected', 'true');
      await expect(desktop.page.getByTestId('desktop.tabPanel.home')).toBeHidden();
      await expect(hiddenFrame).toBeVisible();
      // ACTIVE_TAB → adjustHeight(): the frame now fits what the gadget shows.
      await expect
        .poll(
          async () =>
            Math.abs(
              (await frameHeight(hiddenFrame)) - (await contentHeight(desktop.page, 'finesse_gadget_1')),
            ),
          {
            timeout: 5_000,
          },
        )
        .toBeLessThanOrEqual(2);
      await screenshot(desktop.page, 'gadget-layout-second-tab');

      // Keyboard: the tab strip moves with the arrow keys and shows Home again.
      await desktop.page.getByTestId('desktop.tab.chats').press('ArrowLeft');
      await expect(desktop.page.getByTestId('desktop.tab.home')).toBeFocused();
      await expect(desktop.page.getByTestId('desktop.tabPanel.home')).toBeVisible();
      await expect(hiddenFrame).toBeHidden();
    } finally {
      for (const customer of customers) customer.close();
    }
  });
});
