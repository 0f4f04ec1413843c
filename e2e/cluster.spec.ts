/**
 * Two chat-server nodes behind nginx, on one PostgreSQL and one Redis (e2e/support/clusterStack.ts).
 * The customer comes through nginx to one node, the agent's gadget talks to the other. The
 * customer's node also leads routing; it is killed (SIGKILL) mid-conversation with an offer
 * outstanding. The customer reconnects through nginx to the other node, every message both sides
 * wrote arrives once and in order, and the outstanding offer is made again by the new leader, once.
 */
import type { Locator } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { expect, screenshot, test as base } from './fixtures.ts';
import { startClusterStack, type ClusterStack } from './support/clusterStack.ts';
import { AgentDesktop, CustomerPage } from './support/pages.ts';

const test = base.extend<object, { cluster: ClusterStack }>({
  cluster: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const cluster = await startClusterStack();
      await use(cluster);
      await cluster.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.cluster.test 127.0.0.1'],
  },
});

/** The texts of these message bubbles that match `pattern`, in order. */
async function texts(messages: Locator, pattern: RegExp): Promise<string[]> {
  return (await messages.allInnerTexts()).flatMap((text) => text.match(pattern) ?? []);
}

test('a node lost mid-chat: the customer moves to the other node, nothing lost or doubled, the offer made again', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(180_000);
  const open = async (options = {}) =>
    (await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options })).newPage();
  const desktop = new AgentDesktop(await open(), cluster.simUrl);
  const customer = new CustomerPage(await open({ ignoreHTTPSErrors: true }), cluster.external);
  const second = new CustomerPage(await open({ ignoreHTTPSErrors: true }), cluster.external);

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await customer.open();
  await customer.startChat('Ines Ferreira');
  await desktop.acceptOffer('Ines Ferreira');
  await expect(customer.status).toHaveAttribute('data-status', 'active');

  // Both ways, with typing and receipts, across the two nodes.
  await desktop.type('Good morning');
  await expect(customer.widget.getByTestId('widget.typing')).toBeVisible();
  await desktop.send('Good morning, how can I help?');
  await expect(customer.textMessages().last()).toContainText('how can I help');
  await customer.send('c1 my card was charged twice');
  await expect(desktop.textMessages().last()).toContainText('c1 my card');
  await expect(desktop.gadget.locator('[data-receipt="read"]').last()).toBeVisible({ timeout: 15_000 });

  // A second customer waits with an offer out to the agent, made by the leader about to be lost.
  await second.open();
  await second.startChat('Tomas Berg');
  await expect(desktop.offer).toBeVisible();
  await expect(desktop.offer.getByTestId('gadget.offer.customer')).toContainText('Tomas Berg');

  await cluster.customerNode.kill();

  // Written while the customer's node is gone, on both sides.
  await customer.send('c2 written while the node was down');
  await desktop.send('a1 still here');
  await customer.send('c3 and one more');
  await desktop.send('a2 looking into it');

  await expect(desktop.textMessages().filter({ hasText: /^c\d|c\d / })).toHaveCount(3, { timeout: 45_000 });
  await expect(customer.textMessages().filter({ hasText: /a\d / })).toHaveCount(2, { timeout: 45_000 });
  await customer.page.waitForTimeout(2000); // a late duplicate would show by now
  expect(await texts(desktop.textMessages(), /c\d\b/g)).toEqual(['c1', 'c2', 'c3']);
  expect(await texts(customer.textMessages(), /a\d\b/g)).toEqual(['a1', 'a2']);
  await expect(customer.widget.getByText('Sending…')).toHaveCount(0);
  await screenshot(customer.page, 'cluster-customer-after-node-loss');

  // The outstanding offer: made again by the new leader and taken once.
  await expect(async () => {
    await desktop.acceptOffer('Tomas Berg');
    await expect(second.status).toHaveAttribute('data-status', 'active', { timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  await expect(desktop.offer).toHaveCount(0);
  await expect(desktop.chatTabs).toHaveCount(2);
  await second.send('hello after the failover');
  await expect(desktop.textMessages().last()).toContainText('hello after the failover');
  await screenshot(desktop.page, 'cluster-agent-after-node-loss');
});
