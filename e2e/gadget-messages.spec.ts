/**
 * Messages customers leave when no chat is possible, seen from the gadget: outside
 * business hours a customer leaves one in the widget; an agent opens Messages from the header,
 * reads it (as text, never HTML) and marks it handled, and the badge and list follow.
 */
import { resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';

/** The weekday two days from now (UTC), so that the queue is closed today and opens then. */
function dayAfterTomorrow(): string {
  const day = new Date(Date.now() + 2 * 24 * 3600_000).getUTCDay();
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][day] ?? 'mon';
}

test.use({
  stackOptions: {
    env: {
      QUEUES_JSON: JSON.stringify({
        defaults: { hours: { timeZone: 'UTC', weekly: { [dayAfterTomorrow()]: ['09:00-17:00'] } } },
      }),
    },
  },
});

test('an agent reads a left message in the gadget and marks it handled', async ({ customer, desktop }) => {
  const xss = '<img src=x onerror="document.title=\'pwned\'">';
  await customer.open();
  const widget = customer.widget;
  await expect(widget.getByTestId('widget.leave.title')).toHaveText("We're closed right now");
  await widget.getByTestId('widget.leave.name').fill('Dana Whitfield');
  await widget.getByTestId('widget.leave.email').fill('dana@example.com');
  await widget.getByTestId('widget.leave.phone').fill('+49 30 1234567');
  await widget.getByTestId('widget.leave.message').fill(`My router blinks red since this morning.\n${xss}`);
  await widget.getByTestId('widget.leave.send').click();
  await expect(widget.getByTestId('widget.leave.sent')).toContainText('dana@example.com');

  await desktop.signIn('1001');
  const gadget = desktop.gadget;
  const toggle = gadget.getByTestId('gadget.messages.toggle');
  await expect(gadget.getByTestId('gadget.messages.count')).toHaveText('1');
  await expect(toggle).toHaveAttribute('aria-label', 'Messages left by customers, 1 open');
  await toggle.click();
  const panel = gadget.getByRole('region', { name: 'Messages from customers' });
  await expect(panel).toBeVisible();
  const item = panel.getByTestId('gadget.messages.item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('gadget.messages.name')).toHaveText('Dana Whitfield');
  await expect(item).toContainText('dana@example.com');
  await expect(item).toContainText('+49 30 1234567');
  await expect(item.getByTestId('gadget.messages.text')).toHaveText(
    `My router blinks red since this morning.\n${xss}`,
  );
  await expect(panel.locator('img')).toHaveCount(0);
  await desktop.page
    .locator('[data-testid="desktop.gadget.chat"]')
    .screenshot({ path: resolve(SCREENSHOT_DIR, 'gadget-messages.png') });

  await item.getByRole('button', { name: 'Mark the message from Dana Whitfield as handled' }).click();
  await expect(panel.getByTestId('gadget.messages.empty')).toBeVisible();
  await expect(gadget.getByTestId('gadget.messages.count')).toHaveCount(0);
  await expect(gadget.getByTestId('gadget.announce.polite')).toContainText('marked as handled');

  // Closing gives the focus back to the header button.
  await panel.getByRole('button', { name: 'Close messages' }).click();
  await expect(panel).toHaveCount(0);
  await expect(toggle).toBeFocused();
  expect(await desktop.page.title()).not.toBe('pwned');
});
