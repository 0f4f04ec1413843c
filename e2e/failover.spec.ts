/**
 * Finesse failover (docs/requirements.md, "Finesse failover"): the chat server polls SystemInfo on the
 * publisher and the subscriber every FINESSE_POLL_MS. Publisher down → work through the subscriber;
 * publisher back → fine; both down → login and routing halt (the gadget says so); one back → resume.
 * The simulator runs in the test process so the test can start a node again after stopping both.
 */
import { expect, screenshot, test } from './fixtures.ts';
import { agent, AgentDesktop, CustomerPage } from './support/pages.ts';

const POLL_MS = 500;

test.use({
  stackOptions: { secondary: true, simInProcess: true, env: { FINESSE_POLL_MS: String(POLL_MS) } },
});

/** The chat server's agent sign-in (it asks the Finesse node it uses now): the HTTP status. */
async function chatSignIn(chatUrl: string, id: string): Promise<number> {
  const who = agent(id);
  const response = await fetch(`${chatUrl}/api/agent/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      agentId: who.id,
      authorization: `Basic ${Buffer.from(`${who.id}:${who.password}`).toString('base64')}`,
    }),
  });
  return response.status;
}

/** The Finesse node the chat server works through (`/health`), or null while halted. */
async function chatFinesseNode(chatUrl: string): Promise<string | null> {
  const health = (await (await fetch(`${chatUrl}/health`)).json()) as { finesseNode: string | null };
  return health.finesseNode;
}

/** Texts on one side, each reduced to the sent text it contains (timestamps and names dropped). */
async function sentTexts(side: CustomerPage | AgentDesktop, all: readonly string[]): Promise<string[]> {
  return (await side.textMessages().allInnerTexts()).map(
    (text) => all.find((candidate) => text.includes(candidate)) ?? text,
  );
}

test('chat goes on through publisher and subscriber outages; routing halts only while both are down', async ({
  browser,
  customer,
  desktop,
  stack,
}) => {
  const sent: string[] = [];
  /** Sends from one side and waits until the other side shows it. */
  const exchange = async (from: 'customer' | 'agent', text: string) => {
    sent.push(text);
    if (from === 'customer') await customer.send(text);
    else await desktop.send(text);
    const other = from === 'customer' ? desktop : customer;
    await expect(other.textMessages().last()).toContainText(text);
  };

  // A customer and agent 1002 mid-chat, everything up.
  await customer.open();
  await customer.startChat('Frank Ortega');
  await desktop.signIn('1002');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Frank Ortega');
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  await exchange('customer', 'c1 all up');
  await exchange('agent', 'a1 all up');

  // Publisher down: the chat server works through the subscriber.
  await stack.setNodeUp('primary', false);
  // The chat server checks sign-ins against the node it uses: 200 once it has switched to the
  // subscriber (a 502 "Finesse could not be reached" while it still asks the publisher).
  await expect.poll(() => chatSignIn(stack.chatUrl, '1003'), { timeout: 4 * POLL_MS + 5000 }).toBe(200);
  await exchange('customer', 'c2 publisher down');
  await exchange('agent', 'a2 publisher down');
  await expect(desktop.finesseHalted).toHaveCount(0);

  // A new sign-in is checked against the subscriber: the 200 above is agent 1003's. (In the
  // browser, through the subscriber's desktop, see the next test.)
  await expect(desktop.finesseHalted).toHaveCount(0);

  // Publisher back: the chat server returns to it at its next SystemInfo poll.
  await stack.setNodeUp('primary', true);
  await expect.poll(() => chatFinesseNode(stack.chatUrl), { timeout: 4 * POLL_MS + 5000 }).toBe('primary');
  await exchange('customer', 'c3 publisher back');
  await exchange('agent', 'a3 publisher back');

  // Subscriber down alone: the publisher serves; nothing halts.
  await stack.setNodeUp('secondary', false);
  const until = Date.now() + 3 * POLL_MS;
  while (Date.now() < until) {
    await expect(desktop.finesseHalted).toHaveCount(0, { timeout: 100 });
    expect(await chatSignIn(stack.chatUrl, '1003')).toBe(200);
  }

  // Both down: the gadget says routing is halted; chat that is already going on continues.
  await stack.setNodeUp('primary', false);
  await expect(desktop.finesseHalted).toBeVisible({ timeout: 4 * POLL_MS + 5000 });
  await screenshot(desktop.page, 'gadget-finesse-halted');
  await exchange('customer', 'c4 both down');
  await exchange('agent', 'a4 both down');

  // A new customer waits: nothing is offered while no Finesse node answers.
  const secondCustomerContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const waiting = new CustomerPage(await secondCustomerContext.newPage(), stack.chatUrl);
    await waiting.open();
    await waiting.startChat('Gina Lopez');
    await expect(waiting.status).toHaveAttribute('data-status', 'waiting');
    await new Promise((r) => setTimeout(r, 2000)); // the short check that nothing is offered
    await expect(desktop.offer).toHaveCount(0);
    await expect(desktop.finesseHalted).toBeVisible();

    // One node back (the subscriber): the banner goes and the waiting chat is offered.
    await stack.setNodeUp('secondary', true);
    await expect(desktop.finesseHalted).toHaveCount(0, { timeout: 4 * POLL_MS + 5000 });

    // Chat 1 before the second chat takes the agent's view: every message exactly once, one order.
    await expect(customer.textMessages()).toHaveCount(sent.length);
    await expect(desktop.textMessages()).toHaveCount(sent.length);
    const seenByCustomer = await sentTexts(customer, sent);
    expect([...seenByCustomer].sort()).toEqual([...sent].sort());
    expect(await sentTexts(desktop, sent)).toEqual(seenByCustomer);

    await desktop.acceptOffer('Gina Lopez');
    await expect(waiting.status).toHaveAttribute('data-status', 'active');
    await expect(desktop.chatTabs).toHaveCount(2);
    await desktop.chatTabs.filter({ hasText: 'Gina Lopez' }).click();
    await waiting.send('g1 after resume');
    await expect(desktop.textMessages().last()).toContainText('g1 after resume');
    await desktop.send('a5 to Gina');
    await expect(waiting.textMessages()).toHaveText([/g1 after resume/, /a5 to Gina/]);
    await expect(desktop.textMessages()).toHaveCount(2);

    // Back on Frank's tab: his chat is intact, nothing lost or doubled.
    await desktop.chatTabs.filter({ hasText: 'Frank Ortega' }).click();
    await exchange('customer', 'c5 after resume');
    await expect(desktop.textMessages()).toHaveCount(sent.length);
    await expect(customer.textMessages()).toHaveCount(sent.length);
    const finalCustomer = await sentTexts(customer, sent);
    expect([...finalCustomer].sort()).toEqual([...sent].sort());
    expect(await sentTexts(desktop, sent)).toEqual(finalCustomer);
  } finally {
    await secondCustomerContext.close();
  }
});

test('with the publisher down, an agent signs in through the subscriber desktop and the gadget logs in', async ({
  browser,
  stack,
}) => {
  // The chat server allows the subscriber desktop's origin too (CORS for gadget.js, the socket).
  const secondaryUrl = stack.simSecondaryUrl!;
  await stack.setNodeUp('primary', false);
  await expect.poll(() => chatSignIn(stack.chatUrl, '1003'), { timeout: 4 * POLL_MS + 5000 }).toBe(200);

  // The subscriber desktop's gadget loads gadget.js from the chat server as a CORS module script.
  const gadgetJs = await fetch(`${stack.chatUrl}/gadget/gadget.js`, { headers: { origin: secondaryUrl } });
  expect(gadgetJs.headers.get('access-control-allow-origin'), 'CORS for the subscriber desktop').toBe(
    secondaryUrl,
  );

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const other = new AgentDesktop(await context.newPage(), secondaryUrl);
    await other.signIn('1001', secondaryUrl);
    await expect(other.chatState).toHaveAttribute('data-state', 'NOT_READY');
    await other.goReadyForChat();
    await expect(other.finesseHalted).toHaveCount(0);
  } finally {
    await context.close();
  }
});
