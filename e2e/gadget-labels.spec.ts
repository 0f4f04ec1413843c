/**
 * Labels from the server's configuration in the agent's language: in an Arabic desktop the chat's
 * queue (queue settings `label`), the canned messages' titles (CANNED_MESSAGES_FILE) and the wrap-up
 * reasons (WRAP_UP_REASONS in its JSON form) show in Arabic; a reason without an Arabic label
 * shows in English. The customer panel names the queue of the customer's earlier chats the same way.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { agent, type AgentDesktop } from './support/pages.ts';

test.slow();

const cannedFile = join(mkdtempSync(join(tmpdir(), 'hybrid-chat-labels-')), 'canned.json');
writeFileSync(
  cannedFile,
  JSON.stringify({
    messages: [{ shortcode: 'greet', title: { en: 'Greeting', ar: 'تحية' }, text: 'Hello {customerName}' }],
  }),
);

test.use({
  stackOptions: {
    env: {
      WRAP_UP_SECONDS: '60',
      WRAP_UP_REASONS: JSON.stringify([
        { code: 'Resolved', label: { en: 'Resolved', ar: 'تم الحل' } },
        'Escalated',
      ]),
      QUEUES_JSON: JSON.stringify({ queues: { default: { label: { en: 'General', ar: 'عام' } } } }),
      CANNED_MESSAGES_FILE: cannedFile,
    },
  },
});

/** Agent 1001 signed in to an Arabic desktop, ready for chat. */
async function signInArabic(desktop: AgentDesktop, simUrl: string): Promise<void> {
  const who = agent('1001');
  await desktop.page.goto(`${simUrl}/desktop/?locale=ar_SA`);
  await desktop.page.getByTestId('desktop.signin.id').fill(who.id);
  await desktop.page.getByTestId('desktop.signin.password').fill(who.password);
  await desktop.page.getByTestId('desktop.signin.extension').fill(who.extension);
  await desktop.page.getByTestId('desktop.signin.submit').click();
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
  await desktop.goReadyForChat();
}

test("queue, canned titles and wrap-up reasons show in the agent's language", async ({ desktop, stack }) => {
  await signInArabic(desktop, stack.simUrl);

  const customers: ApiCustomer[] = [];
  try {
    customers.push(await startApiCustomer(stack.chatUrl, 'ليلى حسن'));
    await expect(desktop.offer).toContainText('عام');
    await desktop.acceptOffer('ليلى حسن');
    await expect(desktop.gadget.locator('.hc-chat__details')).toContainText('عام');
    await desktop.type('/gr');
    await expect(desktop.gadget.getByTestId('gadget.canned.option').first()).toContainText('تحية');
    mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
    await desktop.page
      .getByTestId('desktop.gadget.chat')
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-labels-canned-after.png') });
    await desktop.gadget.getByTestId('gadget.composer').fill('');

    await desktop.endChat();
    const reasons = desktop.gadget
      .getByTestId('gadget.wrapup')
      .locator('label:has([data-testid="gadget.wrapup.reason"])');
    await expect(reasons).toHaveText(['تم الحل', 'Escalated']);
    await desktop.page
      .getByTestId('desktop.gadget.chat')
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/gadget-labels-wrapup-after.png') });
  } finally {
    for (const customer of customers) customer.close();
  }
});

test("the customer panel names the queue of an earlier chat in the agent's language", async ({
  desktop,
  stack,
}) => {
  await signInArabic(desktop, stack.simUrl);
  const customers: ApiCustomer[] = [];
  try {
    // The same customer (by email) from two browsers: the first chat is an earlier one of the second.
    customers.push(await startApiCustomer(stack.chatUrl, 'ليلى حسن', { email: 'layla@example.com' }));
    await desktop.acceptOffer('ليلى حسن');
    customers.push(await startApiCustomer(stack.chatUrl, 'ليلى ح.', { email: 'Layla@Example.com' }));
    await desktop.acceptOffer('ليلى ح.');
    await desktop.chatTabs.filter({ hasText: 'ليلى ح.' }).click();

    await desktop.gadget.getByTestId('gadget.customer.toggle').click();
    const previous = desktop.gadget.getByTestId('gadget.customer').getByTestId('gadget.customer.previous');
    await expect(previous).toHaveCount(1);
    await expect(previous).toContainText('عام');
    await expect(previous).not.toContainText('default');
    mkdirSync(resolve(SCREENSHOT_DIR, 'polish'), { recursive: true });
    await desktop.page
      .getByTestId('desktop.gadget.chat')
      .screenshot({ path: resolve(SCREENSHOT_DIR, 'polish/customer-queue-label-after.png') });
  } finally {
    for (const customer of customers) customer.close();
  }
});
