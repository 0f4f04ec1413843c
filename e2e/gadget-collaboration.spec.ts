/**
 * Agents working a chat together in the simulated Finesse desktop: a transfer with a
 * note to a named agent; a consult that becomes a conference; a whisper that never reaches the
 * customer, not even after their reload; wrap-up with reason codes and a timer that holds the
 * agent's only slot until it ends, once with the mouse and once with the keyboard alone. A transfer's
 * or consult's note stays with the chat as an agent-only whisper. axe-core
 * checks the open transfer dialog and the wrap-up panel with its timer.
 */
import type { Browser } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer } from './support/apiCustomer.ts';
import { axe } from './support/gadgetAxe.ts';
import { AgentDesktop, type CustomerPage } from './support/pages.ts';

/** A second agent in a browser context of their own (another computer). */
async function secondDesktop(browser: Browser, simUrl: string): Promise<AgentDesktop> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  return new AgentDesktop(await context.newPage(), simUrl);
}

async function signedInReady(desktop: AgentDesktop, id: string): Promise<void> {
  await desktop.signIn(id);
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
  await desktop.goReadyForChat();
}

/** María (1001) has Dana's chat; James (1002) is ready with a free slot. */
async function chatWithTwoAgents(
  browser: Browser,
  simUrl: string,
  customer: CustomerPage,
  desktop: AgentDesktop,
): Promise<AgentDesktop> {
  await customer.open();
  await customer.startChat('Dana Whitfield');
  await signedInReady(desktop, '1001');
  await desktop.acceptOffer('Dana Whitfield');
  await customer.send('My card was charged twice');
  await expect(desktop.textMessages()).toHaveCount(1);
  const second = await secondDesktop(browser, simUrl);
  await signedInReady(second, '1002');
  return second;
}

test.describe('transfer and conference', () => {
  test.use({ stackOptions: { offerTimeoutMs: 20_000 } });

  test('transfer to a named agent with a note: the history moves, the customer sees a neutral line', async ({
    browser,
    stack,
    customer,
    desktop,
  }) => {
    const james = await chatWithTwoAgents(browser, stack.simUrl, customer, desktop);
    await desktop.gadget.getByTestId('gadget.transfer.open').click();
    const dialog = desktop.gadget.getByTestId('gadget.transfer');
    await expect(dialog.getByTestId('gadget.transfer.agent')).toContainText("James O'Brien");
    await dialog.getByTestId('gadget.transfer.note').fill('Double charge on 12 May, refund not started');
    await screenshot(desktop.page, 'gadget-transfer-dialog');
    await axe(desktop, 'transfer dialog open');
    await dialog.getByTestId('gadget.transfer.submit').click();
    await expect(dialog).toBeHidden();

    const offer = james.gadget.getByTestId('gadget.offer');
    await expect(offer.getByTestId('gadget.offer.invite')).toContainText('Transferred by María González');
    await expect(offer.getByTestId('gadget.offer.note')).toContainText('Double charge on 12 May');
    await screenshot(james.page, 'gadget-transfer-offer');
    await james.acceptOffer('Dana Whitfield');

    // The whole history came along; María's tab is gone and she is told.
    await expect(james.textMessages()).toHaveCount(1);
    await expect(james.textMessages().first()).toContainText('My card was charged twice');
    await expect(desktop.chatTabs).toHaveCount(0);
    await expect(desktop.gadget.getByTestId('gadget.notice')).toContainText(
      "James O'Brien took over the chat",
    );
    await expect(customer.messages.last()).toContainText("James O'Brien");
    await expect(customer.widget.locator('body')).not.toContainText('refund not started');
    // The offer card is gone; the note stays with the chat among its agent-only notes.
    await expect(james.gadget.getByTestId('gadget.whisper')).toHaveText([/refund not started/]);

    await james.send('Hi Dana, I am looking at the refund now');
    await expect(customer.textMessages().last()).toContainText('looking at the refund');
  });

  test('conference: both agents write, a whisper never reaches the customer even after a reload', async ({
    browser,
    stack,
    customer,
    desktop,
  }) => {
    const james = await chatWithTwoAgents(browser, stack.simUrl, customer, desktop);
    await desktop.gadget.getByTestId('gadget.invite.open').click();
    await desktop.gadget.getByTestId('gadget.transfer.note').fill('Can you confirm the card block?');
    await desktop.gadget.getByTestId('gadget.transfer.submit').click();
    await expect(james.offer.getByTestId('gadget.offer.invite')).toContainText(
      'María González asks you to join',
    );
    await james.acceptOffer('Dana Whitfield');

    await expect(customer.messages.last()).toContainText("James O'Brien joined");
    await james.send('James from cards here');
    await expect(desktop.textMessages().last()).toContainText('James from cards here');
    await expect(customer.textMessages().last()).toContainText('James from cards here');
    await desktop.send('Thanks James');
    await expect(james.textMessages().last()).toContainText('Thanks James');
    // Only the owner ends the chat: James may leave, not end.
    await expect(james.gadget.getByTestId('gadget.end')).toHaveCount(0);

    // A whisper: both agents see it, the customer never does.
    await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
    await expect(desktop.gadget.getByTestId('gadget.whisper.toggle')).toHaveAttribute('aria-pressed', 'true');
    await desktop.send('WHISPER: she sounds upset, offer the fee refund');
    // The consult's note comes first, kept as María's whisper when she asked James in.
    await expect(james.gadget.getByTestId('gadget.whisper')).toHaveText([/Can you/, /offer the fee refund/]);
    await expect(desktop.gadget.getByTestId('gadget.whisper')).toHaveText([
      /Can you/,
      /offer the fee refund/,
    ]);
    await screenshot(desktop.page, 'gadget-conference');
    await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
    await desktop.send('We will refund the fee today');
    await expect(customer.textMessages().last()).toContainText('refund the fee today');
    await expect(customer.widget.locator('body')).not.toContainText('WHISPER');
    await screenshot(customer.page, 'widget-conference');

    await customer.reload();
    await expect(customer.textMessages().last()).toContainText('refund the fee today');
    await expect(customer.widget.locator('body')).not.toContainText('WHISPER');
    await expect(customer.widget.locator('body')).not.toContainText('card block');
    // The agents keep it after their own reload.
    await james.page.reload();
    await expect(james.gadget.getByTestId('gadget.whisper')).toHaveText([/Can you/, /offer the fee refund/], {
      timeout: 30_000,
    });

    await james.gadget.getByTestId('gadget.leave').click();
    await expect(james.chatTabs).toHaveCount(0);
    await expect(customer.messages.last()).toContainText("James O'Brien left");
    await desktop.send('Anything else?');
    await expect(customer.textMessages().last()).toContainText('Anything else?');
  });
});

test.describe('wrap-up timer', () => {
  test.use({
    stackOptions: { offerTimeoutMs: 20_000, env: { MAX_CHATS_PER_AGENT: '1', WRAP_UP_SECONDS: '12' } },
  });

  test('ending a chat opens wrap-up with a timer; the only slot frees when it runs out', async ({
    stack,
    customer,
    desktop,
  }) => {
    await customer.open();
    await customer.startChat('Dana Whitfield');
    await signedInReady(desktop, '1001');
    await desktop.acceptOffer('Dana Whitfield');
    const next = await startApiCustomer(stack.chatUrl, 'Eli Waiting');
    try {
      await desktop.endChat();
      const panel = desktop.gadget.getByTestId('gadget.wrapup');
      await expect(panel).toContainText('Wrap-up: Dana Whitfield');
      await expect(panel.getByTestId('gadget.wrapup.timer')).toHaveText(/\d s left/);
      await expect(panel.getByTestId('gadget.wrapup.reason')).toHaveCount(4);
      await screenshot(desktop.page, 'gadget-wrapup');
      // Nothing is offered into the slot while wrap-up runs.
      await desktop.page.waitForTimeout(2000);
      await expect(desktop.offer).toHaveCount(0, { timeout: 100 });
      await expect(panel).toBeVisible();
      await expect(panel).toBeHidden({ timeout: 15_000 });
      await expect(desktop.gadget.getByTestId('gadget.notice')).toContainText(
        'Wrap-up time for Dana Whitfield ended',
      );
      await expect(desktop.offer.getByTestId('gadget.offer.customer')).toContainText('Eli Waiting');
    } finally {
      next.close();
    }
  });
});

test.describe('wrap-up by keyboard', () => {
  test.use({
    stackOptions: { offerTimeoutMs: 20_000, env: { MAX_CHATS_PER_AGENT: '1', WRAP_UP_SECONDS: '60' } },
  });

  test('keyboard-only wrap-up, and a chat the customer left is marked and wraps up when closed', async ({
    stack,
    customer,
    desktop,
  }) => {
    await signedInReady(desktop, '1001');
    const eli = await startApiCustomer(stack.chatUrl, 'Eli Early');
    try {
      await desktop.acceptOffer('Eli Early');
      await customer.open();
      await customer.startChat('Dana Whitfield');
      await desktop.endChat();
      // The first reason has the focus: Space ticks it, Tab to the notes, Tab to Done, Enter.
      const panel = desktop.gadget.getByTestId('gadget.wrapup');
      await expect(panel.getByTestId('gadget.wrapup.reason').first()).toBeFocused();
      await desktop.page.keyboard.press('Enter');
      await expect(panel.getByTestId('gadget.wrapup.problem')).toContainText('Choose at least one reason');
      await desktop.page.keyboard.press('Space');
      for (let i = 0; i < 4; i++) await desktop.page.keyboard.press('Tab');
      await expect(panel.getByTestId('gadget.wrapup.notes')).toBeFocused();
      await desktop.page.keyboard.type('Refund confirmed');
      await desktop.page.keyboard.press('Tab');
      await expect(panel.getByTestId('gadget.wrapup.submit')).toBeFocused();
      await desktop.page.keyboard.press('Enter');
      await expect(panel).toBeHidden();
      await expect(desktop.gadget.getByTestId('gadget.notice')).toContainText('Wrap-up saved');
      await desktop.acceptOffer('Dana Whitfield');

      // Dana leaves: the tab says so, and the wrap-up starts only when María closes the chat.
      await customer.widget.getByTestId('widget.end').click();
      await customer.widget.getByTestId('widget.end.confirm').click();
      await expect(desktop.gadget.getByTestId('gadget.chatTab.ended')).toHaveText('customer left');
      await expect(desktop.gadget.getByTestId('gadget.wrapup')).toHaveCount(0);
      await desktop.gadget.getByTestId('gadget.chat.close').click();
      await expect(desktop.gadget.getByTestId('gadget.wrapup')).toContainText('Wrap-up: Dana Whitfield');
      await expect(desktop.gadget.getByTestId('gadget.wrapup.timer')).toHaveText(/\d s left/);
      // Here the timer runs for a minute: time enough for axe on a busy machine.
      await axe(desktop, 'wrap-up panel with its timer');
    } finally {
      eli.close();
    }
  });
});
