import { expect, screenshot, test } from './fixtures.ts';

test('a customer on the demo site chats with agent 1001 in the Finesse desktop', async ({
  customer,
  desktop,
}) => {
  await customer.open();
  await screenshot(customer.page, 'widget-prechat');
  await customer.startChat('Dana Whitfield');
  await expect(customer.status).toHaveAttribute('data-status', 'waiting');
  await screenshot(customer.page, 'widget-waiting');

  await desktop.signIn('1001');
  await expect(desktop.chatState).toBeVisible();
  await screenshot(desktop.page, 'gadget-idle');
  await desktop.goReadyForChat();
  await expect(desktop.gadget.getByTestId('gadget.offer')).toBeVisible();
  await screenshot(desktop.page, 'gadget-offer');
  await desktop.acceptOffer('Dana Whitfield');
  await expect(customer.status).toHaveAttribute('data-status', 'active');

  // Typing shows on the other side, both ways.
  await customer.type('Hello, my router');
  await expect(desktop.gadget.getByTestId('gadget.typing')).toBeVisible();
  await customer.widget.getByTestId('widget.send').click();
  await expect(desktop.textMessages().last()).toContainText('Hello, my router');

  await desktop.type('Hi Dana, let me look');
  await expect(customer.widget.getByTestId('widget.typing')).toBeVisible();
  await desktop.gadget.getByTestId('gadget.send').click();
  await expect(customer.textMessages().last()).toContainText('Hi Dana, let me look');

  await customer.send('It blinks red since this morning.');
  await desktop.send('Thanks. Please unplug it for ten seconds.');
  await expect(customer.textMessages()).toHaveCount(4);
  await expect(desktop.textMessages()).toHaveCount(4);
  await screenshot(customer.page, 'widget-chat');
  await screenshot(desktop.page, 'gadget-chat');

  // A reload mid-chat brings back the whole history, nothing twice.
  await customer.reload();
  await expect(customer.textMessages()).toHaveText([
    /Hello, my router/,
    /Hi Dana, let me look/,
    /It blinks red since this morning\./,
    /Please unplug it for ten seconds\./,
  ]);
  await customer.send('Done, it is green now!');
  await expect(desktop.textMessages().last()).toContainText('Done, it is green now!');

  await desktop.endChat();
  await expect(desktop.gadget.getByTestId('gadget.chat.ended')).toBeVisible();
  await expect(customer.status).toHaveAttribute('data-status', 'ended');
  await expect(customer.widget.getByTestId('widget.ended')).toBeVisible();
  await screenshot(customer.page, 'widget-ended');
  await screenshot(desktop.page, 'gadget-ended');
});
