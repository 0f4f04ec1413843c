/**
 * Routing by queue, skill and team (docs/routing.md), in the simulated Finesse desktop: two queues,
 * billing (team 10: Retail Banking) and support (team 20: Card Services), and a Spanish queue that
 * needs a skill level. A billing chat is offered only to the billing agent while the support agent
 * stays idle; a chat that needs a level goes to the agent who has it; a customer sees their place in
 * their own queue; after the overflow time a waiting billing chat reaches the support agent; and a
 * customer who waits the queue's maximum may leave a message instead, which ends their chat.
 */
import type { Browser } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { AgentDesktop } from './support/pages.ts';

const OVERFLOW_S = 15;
const MAX_WAIT_S = 28;

const QUEUES = {
  defaults: {
    prechat: {
      fields: [
        { name: 'name', required: true },
        {
          name: 'topic',
          required: true,
          options: [
            { value: 'billing', label: { en: 'A bill or a payment', de: 'Rechnung' }, queue: 'billing' },
            { value: 'support', label: 'A technical problem', queue: 'support' },
            { value: 'es', label: 'En español', queue: 'spanish' },
          ],
        },
      ],
    },
  },
  queues: {
    billing: {
      label: { en: 'Billing', de: 'Rechnung' },
      overflow: [{ afterS: OVERFLOW_S, queues: ['support'] }],
      maxWaitS: MAX_WAIT_S,
    },
    support: { label: 'Technical support' },
    spanish: { label: 'Español', skills: { spanish: 3 } },
  },
  agents: {
    byTeam: { '10': { queues: ['billing', 'spanish'] }, '20': { queues: ['support'] } },
    byAgent: { '1002': { queues: ['spanish'], skills: { spanish: 4 } } },
  },
};

test.use({ stackOptions: { env: { QUEUES_JSON: JSON.stringify(QUEUES) } } });

async function desktopFor(browser: Browser, simUrl: string, id: string): Promise<AgentDesktop> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const desktop = new AgentDesktop(await context.newPage(), simUrl);
  await desktop.signIn(id);
  return desktop;
}

async function goNotReady(desktop: AgentDesktop): Promise<void> {
  await desktop.gadget.getByTestId('gadget.notReady').click();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'NOT_READY');
}

/** Nothing is offered to this desktop for `ms` (the offer would have come at once). */
async function noOfferFor(desktop: AgentDesktop, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await expect(desktop.offer).toHaveCount(0);
    await desktop.page.waitForTimeout(250);
  }
}

test('routes by queue, skill level and overflow; customers see their place in their own queue', async ({
  browser,
  stack,
  desktop: billingAgent,
  customer,
}) => {
  test.setTimeout(180_000);
  const customers: ApiCustomer[] = [];
  const chatFrom = async (name: string, topic: string) => {
    const started = await startApiCustomer(stack.chatUrl, name, { topic });
    customers.push(started);
    return started;
  };

  await billingAgent.signIn('1001');
  const supportAgent = await desktopFor(browser, stack.simUrl, '1004');
  await billingAgent.goReadyForChat();
  await supportAgent.goReadyForChat();

  await test.step('a billing chat is offered to the billing agent only', async () => {
    await chatFrom('Ada Park', 'billing');
    await expect(billingAgent.offer).toBeVisible();
    await expect(billingAgent.offer).toContainText('Billing');
    await screenshot(billingAgent.page, 'routing-billing-offer');
    await noOfferFor(supportAgent, 2000);
    await billingAgent.acceptOffer('Ada Park');
    await expect(billingAgent.chatTabs).toHaveCount(1);
  });

  const spanishAgent = await desktopFor(browser, stack.simUrl, '1002');
  await test.step('a chat that needs a skill level goes to the agent who has it', async () => {
    await spanishAgent.goReadyForChat();
    // 1001 serves the Spanish queue too and has been idle longer, but without the level.
    await chatFrom('Sofía Ruiz', 'es');
    await expect(spanishAgent.offer).toBeVisible();
    await expect(spanishAgent.offer).toContainText('Español');
    await spanishAgent.acceptOffer('Sofía Ruiz');
    await noOfferFor(billingAgent, 1000);
    await noOfferFor(supportAgent, 500);
  });

  let benStartedAt = 0;
  await test.step('a customer sees their place in their own queue', async () => {
    await goNotReady(billingAgent);
    await goNotReady(supportAgent);
    benStartedAt = Date.now();
    await chatFrom('Ben Okoye', 'billing');
    await chatFrom('Sam Lee', 'support');
    await customer.open();
    await customer.widget.getByTestId('widget.prechat.name').fill('Dana Whitfield');
    await customer.widget.getByTestId('widget.prechat.topic').selectOption('billing');
    await customer.widget.getByTestId('widget.prechat.start').click();
    // Second in billing: Sam's support chat, though it came earlier, is in another queue.
    await expect(customer.widget.getByTestId('widget.queuePosition')).toHaveText("You're number 2 in line.");
    await screenshot(customer.page, 'routing-position');
  });

  await test.step('after the overflow time a waiting billing chat reaches the support agent', async () => {
    await supportAgent.goReadyForChat();
    // Its own queue first: Sam's support chat.
    await supportAgent.acceptOffer('Sam Lee');
    await expect(supportAgent.offer).toHaveCount(0);
    expect(Date.now() - benStartedAt).toBeLessThan(OVERFLOW_S * 1000);
    await expect(supportAgent.offer).toBeVisible({ timeout: (OVERFLOW_S + 10) * 1000 });
    await expect(supportAgent.offer.getByTestId('gadget.offer.customer')).toContainText('Ben Okoye');
    await expect(supportAgent.offer).toContainText('Billing');
    expect(Date.now() - benStartedAt).toBeGreaterThanOrEqual((OVERFLOW_S - 1) * 1000);
    await supportAgent.acceptOffer('Ben Okoye');
    await expect(customer.widget.getByTestId('widget.queuePosition')).toHaveText("You're next in line.");
  });

  await test.step('after the maximum wait the customer leaves a message instead', async () => {
    await goNotReady(supportAgent);
    const widget = customer.widget;
    await expect(widget.getByTestId('widget.waiting.leave')).toBeVisible({
      timeout: (MAX_WAIT_S + 5) * 1000,
    });
    await expect(widget.getByTestId('widget.waiting.offer')).toContainText('Leave us a message');
    await widget.getByTestId('widget.waiting.leave').click();
    await expect(widget.getByTestId('widget.leave.name')).toHaveValue('Dana Whitfield');
    await widget.getByTestId('widget.leave.email').fill('dana@example.com');
    await widget.getByTestId('widget.leave.message').fill('Please call me back about my bill.');
    await screenshot(customer.page, 'routing-max-wait-form');
    await widget.getByTestId('widget.leave.send').click();
    await expect(widget.getByTestId('widget.leave.sent')).toContainText('dana@example.com');
    // Her chat left the queue: nobody is offered it when an agent is back.
    await billingAgent.goReadyForChat();
    await noOfferFor(billingAgent, 1500);
  });

  for (const started of customers) started.close();
});
