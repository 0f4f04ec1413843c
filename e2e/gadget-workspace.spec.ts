/**
 * The agent desk in the simulated Finesse desktop: `/greet` completes to the canned
 * greeting with the names filled in; the customer panel shows the pre-chat data and, for a
 * returning customer (same email, another browser), the earlier chat's transcript; a reload of
 * the whole desktop brings two open chats back with their history and their unsent drafts.
 */
import { expect, screenshot, test } from './fixtures.ts';
import { axe } from './support/gadgetAxe.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import type { AgentDesktop } from './support/pages.ts';

/** The gadget has signed in (slow on a busy machine: a cold bundle and a sign-in round trip). */
async function gadgetReady(desktop: AgentDesktop): Promise<void> {
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
}

/**
 * Agent 1001 signed in and ready for chat, then `body`; the customers it pushes to `customers`
 * are closed afterwards, pass or fail.
 */
async function asReadyAgent(
  desktop: AgentDesktop,
  body: (customers: ApiCustomer[]) => Promise<void>,
): Promise<void> {
  const customers: ApiCustomer[] = [];
  try {
    await desktop.signIn('1001');
    await gadgetReady(desktop);
    await desktop.goReadyForChat();
    await body(customers);
  } finally {
    for (const customer of customers) customer.close();
  }
}

/** A customer writes, the agent takes the chat and sees the message. */
async function takeChat(desktop: AgentDesktop, customer: ApiCustomer, text: string): Promise<void> {
  await desktop.acceptOffer(customer.name);
  await customer.send(text);
  await expect(desktop.textMessages().filter({ hasText: text })).toBeVisible();
}

const composer = (desktop: AgentDesktop) => desktop.gadget.getByTestId('gadget.composer');
const tab = (desktop: AgentDesktop, name: string) => desktop.chatTabs.filter({ hasText: name });

test.slow();

test('/greet inserts the canned greeting; the customer panel shows pre-chat data and a previous chat', async ({
  desktop,
  stack,
}) => {
  await asReadyAgent(desktop, async (customers) => {
    const before = await startApiCustomer(stack.chatUrl, 'Dana Whitfield', { email: 'dana@example.com' });
    customers.push(before);
    await takeChat(desktop, before, 'My card 4711 was charged twice');
    await desktop.send('I have refunded the second charge.');
    await desktop.endAndCloseChat();

    // The same person again, from another browser (a new customer id): known by the email.
    const again = await startApiCustomer(stack.chatUrl, 'Dana W.', {
      email: 'Dana@Example.com',
      phone: '+49 30 1234567',
    });
    customers.push(again);
    await takeChat(desktop, again, 'Hello again');

    const box = composer(desktop);
    await box.click();
    await box.pressSequentially('/gre', { delay: 30 });
    const list = desktop.gadget.getByRole('listbox', { name: 'Canned messages' });
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id')) ?? 'no id');
    await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await expect(list.getByRole('option').first()).toContainText('/greet');
    await screenshot(desktop.page, 'gadget-workspace-canned');
    await axe(desktop, 'canned list');
    await expect(list).toBeVisible();
    await desktop.page.keyboard.press('Enter');
    await expect(list).toBeHidden();
    await expect(box).not.toHaveAttribute('aria-activedescendant');
    await expect(box).toHaveValue('Hello Dana W., this is María González. How can I help you today?');
    await desktop.page.keyboard.press('Enter');
    await expect
      .poll(() => again.received())
      .toContain('Hello Dana W., this is María González. How can I help you today?');

    const toggle = desktop.gadget.getByTestId('gadget.customer.toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = desktop.gadget.getByTestId('gadget.customer');
    const facts = panel.getByTestId('gadget.customer.prechat');
    await expect(facts).toContainText('Dana@Example.com');
    await expect(facts).toContainText('+49 30 1234567');
    await expect(panel.getByTestId('gadget.customer.channel')).toContainText('Web chat');
    const previous = panel.getByTestId('gadget.customer.previous');
    await expect(previous).toHaveCount(1);
    await expect(previous).toContainText('María González');
    await previous.click();
    const transcript = panel.getByTestId('gadget.customer.transcript');
    await expect(transcript).toContainText('Dana Whitfield: My card 4711 was charged twice');
    await expect(transcript).toContainText('I have refunded the second charge.');
    await screenshot(desktop.page, 'gadget-workspace-customer');
    await axe(desktop, 'customer panel');
  });
});

test('a reload of the desktop brings both open chats back with their history and drafts', async ({
  desktop,
  stack,
}) => {
  await asReadyAgent(desktop, async (customers) => {
    const ada = await startApiCustomer(stack.chatUrl, 'Ada Lovelace');
    customers.push(ada);
    await takeChat(desktop, ada, 'Where is my parcel?');
    const ben = await startApiCustomer(stack.chatUrl, 'Ben Carter');
    customers.push(ben);
    await takeChat(desktop, ben, 'I need a new PIN');
    await expect(desktop.chatTabs).toHaveCount(2);

    // A half-written reply in each chat.
    await tab(desktop, 'Ada Lovelace').click();
    await composer(desktop).fill('Your parcel left our depot');
    await tab(desktop, 'Ben Carter').click();
    await expect(composer(desktop)).toHaveValue('');
    await composer(desktop).fill('A new PIN is on its way');
    await tab(desktop, 'Ada Lovelace').click();
    await expect(composer(desktop)).toHaveValue('Your parcel left our depot');

    await desktop.page.reload();
    await gadgetReady(desktop);
    await expect(desktop.chatTabs).toHaveCount(2, { timeout: 20_000 });
    await tab(desktop, 'Ada Lovelace').click();
    await expect(desktop.textMessages().filter({ hasText: 'Where is my parcel?' })).toBeVisible();
    await expect(composer(desktop)).toHaveValue('Your parcel left our depot');
    await tab(desktop, 'Ben Carter').click();
    await expect(desktop.textMessages().filter({ hasText: 'I need a new PIN' })).toBeVisible();
    await expect(composer(desktop)).toHaveValue('A new PIN is on its way');
    await screenshot(desktop.page, 'gadget-workspace-reloaded');

    // Sent, the draft is gone: after another reload the box is empty.
    await desktop.gadget.getByTestId('gadget.send').click();
    await expect.poll(() => ben.received()).toContain('A new PIN is on its way');
    await desktop.page.reload();
    await gadgetReady(desktop);
    await tab(desktop, 'Ben Carter').click();
    await expect(desktop.textMessages().filter({ hasText: 'A new PIN is on its way' })).toBeVisible();
    await expect(composer(desktop)).toHaveValue('');
  });
});
