/**
 * The supervisor in the simulated Finesse desktop: Sophie Dubois (1005, a Supervisor of
 * teams 10 and 20 in the simulator's User XML) sees María González's (1001) chat live in the team
 * view, monitors it silently (the customer's page shows no join) with María's whispers in an
 * agent-only card (before and during monitoring; never at the customer), then barges in: the customer sees
 * her join and gets her message; then she sends the chat back to its queue, and María's gadget says
 * so. An agent without the role gets no team view at all.
 */
import type { Browser } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { axe } from './support/gadgetAxe.ts';
import { AgentDesktop } from './support/pages.ts';

async function secondDesktop(browser: Browser, simUrl: string): Promise<AgentDesktop> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  return new AgentDesktop(await context.newPage(), simUrl);
}

test('a supervisor sees the team live, monitors silently, barges in and transfers', async ({
  browser,
  customer,
  desktop,
  stack,
}) => {
  test.setTimeout(120_000);
  // María (1001) takes a chat from the website.
  await desktop.signIn('1001');
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
  // No team view for an agent without the Supervisor role.
  await expect(desktop.gadget.getByTestId('gadget.view.team')).toHaveCount(0);
  await desktop.goReadyForChat();
  await customer.open();
  await customer.startChat('Dana Whitfield');
  await desktop.acceptOffer('Dana Whitfield');
  await customer.send('Hello, is anyone there?');
  await expect(desktop.textMessages()).toHaveCount(1);

  // Sophie (1005) signs in on her own computer and opens the team view.
  const supervisor = await secondDesktop(browser, stack.simUrl);
  try {
    await supervisor.signIn('1005');
    await expect(supervisor.chatState).toBeVisible({ timeout: 30_000 });
    const gadget = supervisor.gadget;
    await gadget.getByTestId('gadget.view.team').click();
    await expect(gadget.getByTestId('gadget.view.team')).toHaveAttribute('aria-pressed', 'true');
    const agents = gadget.getByRole('table', { name: 'Agents' });
    const maria = agents.getByRole('row', { name: /María González/ });
    await expect(maria).toContainText('Active');
    await expect(maria).toContainText('1 of 5');
    const chats = gadget.getByRole('table', { name: 'Chats in progress' });
    await expect(chats.getByRole('row', { name: /Dana Whitfield/ })).toContainText('María González');

    // Live: María answers, and the customer no longer waits for an answer.
    const row = chats.getByRole('row', { name: /Dana Whitfield/ });
    await expect(row).not.toContainText('Answered');
    await desktop.send('Hi Dana, María here. How can I help?');
    await expect(row).toContainText('Answered');
    // A whisper before Sophie monitors: she gets it with the history.
    await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
    await desktop.send('WHISPER-1: regular customer, be generous');

    // Silent monitor: the history and what follows, and the customer is not told.
    await gadget
      .getByRole('button', { name: 'Monitor the chat of María González with Dana Whitfield' })
      .click();
    const monitor = gadget.getByTestId('gadget.supervisor.monitor');
    const log = monitor.getByTestId('gadget.supervisor.monitor.messages');
    await expect(log).toContainText('Hello, is anyone there?');
    await expect(log).toContainText('Hi Dana, María here.');
    await expect(monitor.getByTestId('gadget.supervisor.monitor.mode')).toHaveText(
      'Silent monitoring: neither the customer nor the agent is told.',
    );
    await customer.send('I need help with my card.');
    await expect(log).toContainText('I need help with my card.');
    await expect(customer.widget.getByText('Sophie Dubois')).toHaveCount(0);
    await expect(desktop.gadget.getByText('Sophie Dubois')).toHaveCount(0);
    // María's whispers show in the agent-only card, the one before monitoring and a live one after it,
    // never in the conversation.
    const notes = monitor.getByRole('region', { name: 'Agent-only notes' });
    await expect(notes.getByTestId('gadget.whisper')).toHaveText([/WHISPER-1/]);
    await desktop.send('WHISPER-2: offer the fee refund');
    await expect(notes.getByTestId('gadget.whisper')).toHaveText([/WHISPER-1/, /WHISPER-2/]);
    await expect(log).not.toContainText('WHISPER');
    await notes.scrollIntoViewIfNeeded();
    await screenshot(supervisor.page, 'gadget-supervisor-whisper');
    await desktop.gadget.getByTestId('gadget.whisper.toggle').click();
    await screenshot(supervisor.page, 'gadget-supervisor');
    await axe(supervisor, 'supervisor monitoring');

    // Barge in: the customer (and María) see Sophie join, and get her message.
    await monitor.getByTestId('gadget.supervisor.barge').click();
    await expect(
      customer.widget.getByTestId('widget.messages').getByText('Sophie Dubois joined the chat'),
    ).toBeVisible();
    await expect(
      desktop.gadget.getByTestId('gadget.messages').getByText('Sophie Dubois joined the chat'),
    ).toBeVisible();
    await monitor.getByTestId('gadget.supervisor.reply').fill('Hello Dana, I am the team supervisor.');
    await monitor.getByRole('button', { name: 'Send' }).click();
    await expect(customer.messages.last()).toContainText('Hello Dana, I am the team supervisor.');
    await expect(desktop.messages.last()).toContainText('Hello Dana, I am the team supervisor.');
    await expect(log).toContainText('Hello Dana, I am the team supervisor.');
    await expect(customer.widget.locator('body')).not.toContainText('WHISPER');
    await axe(supervisor, 'supervisor barged in');
    await screenshot(supervisor.page, 'gadget-supervisor-barged');
    await screenshot(customer.page, 'gadget-supervisor-customer');

    // Forced transfer back to the queue: María's gadget lets the chat go, the customer is told, and
    // the team view shows it waiting (nobody else is ready, and María is not offered it again).
    await monitor.getByLabel('Transfer to').selectOption({ label: 'Queue default' });
    await monitor.getByTestId('gadget.supervisor.transfer').click();
    await expect(monitor.getByRole('status')).toHaveText('The chat was transferred.');
    await expect(desktop.chatTabs).toHaveCount(0);
    // María is told why the chat left her, politely (a status, not an alert).
    await expect(desktop.gadget.getByRole('status').filter({ hasText: 'Your supervisor moved' })).toHaveText(
      'Your supervisor moved your chat with Dana Whitfield to the default queue.',
    );
    await expect(
      customer.widget.getByTestId('widget.messages').getByText('María González left the chat'),
    ).toBeVisible();
    const queues = gadget.getByRole('table', { name: 'Queues' });
    await expect(queues.getByRole('row', { name: /default/ })).toContainText('1');
    await expect(maria).toContainText('0 of 5');
  } finally {
    await supervisor.page.context().close();
  }
});
