/**
 * A supervisor silently monitoring a chat sees its whispers (issue 6): María González (1001) takes
 * Dana's chat and whispers before and while Sophie Dubois (1005) monitors it; Sophie's monitor shows
 * both in the agent-only card, and the customer's page never shows either.
 */
import { expect, screenshot, test } from './fixtures.ts';
import { AgentDesktop } from './support/pages.ts';

test('a monitoring supervisor sees the agent’s whispers; the customer never does', async ({
  browser,
  customer,
  desktop,
  stack,
}) => {
  test.setTimeout(120_000);
  await desktop.signIn('1001');
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
  await desktop.goReadyForChat();
  await customer.open();
  await customer.startChat('Dana Whitfield');
  await desktop.acceptOffer('Dana Whitfield');
  await customer.send('My card was charged twice');
  await expect(desktop.textMessages()).toHaveCount(1);
  // A whisper before anyone monitors: the supervisor gets it with the history.
  await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
  await desktop.send('WHISPER-1: regular customer, be generous');

  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const supervisor = new AgentDesktop(await context.newPage(), stack.simUrl);
  try {
    await supervisor.signIn('1005');
    await expect(supervisor.chatState).toBeVisible({ timeout: 30_000 });
    await supervisor.gadget.getByTestId('gadget.view.team').click();
    await supervisor.gadget
      .getByRole('button', { name: 'Monitor the chat of María González with Dana Whitfield' })
      .click();
    const monitor = supervisor.gadget.getByTestId('gadget.supervisor.monitor');
    await expect(monitor.getByTestId('gadget.supervisor.monitor.messages')).toContainText(
      'My card was charged twice',
    );
    const notes = monitor.getByRole('region', { name: 'Agent-only notes' });
    await expect(notes.getByTestId('gadget.whisper')).toHaveText([/WHISPER-1/]);

    // A whisper while monitoring arrives live, after the first.
    await desktop.send('WHISPER-2: offer the fee refund');
    await expect(notes.getByTestId('gadget.whisper')).toHaveText([/WHISPER-1/, /WHISPER-2/]);
    await expect(monitor.getByTestId('gadget.supervisor.monitor.messages')).not.toContainText('WHISPER');
    await notes.scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'gadget-supervisor-whisper');

    // A reply gets through to the customer; the whispers never do.
    await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
    await desktop.send('We will refund the fee today');
    await expect(customer.textMessages().last()).toContainText('refund the fee today');
    await expect(customer.widget.locator('body')).not.toContainText('WHISPER');
  } finally {
    await context.close();
  }
});
