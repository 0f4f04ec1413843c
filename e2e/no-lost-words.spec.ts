/**
 * No lost words: messages written while the customer's (or the agent's) connection is cut survive
 * a reload and arrive once; a 5,000-character paste arrives whole; both headers tell the truth about presence.
 * The connection is cut at the socket.io endpoint only (WebSocket and long-polling), so that the
 * page itself still loads from the chat server: https://playwright.dev/docs/api/class-browsercontext#browser-context-route-web-socket
 */
import type { BrowserContext, WebSocketRoute } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import type { AgentDesktop, CustomerPage } from './support/pages.ts';

// An agent's desktop counts as gone after 4 s here instead of 30 (the last test waits for it).
test.use({ stackOptions: { env: { PRESENCE_AGENT_GRACE_S: '4' } } });

/** A switch for the customer's chat connection: `cut(true)` closes it and refuses new ones. */
async function socketSwitch(context: BrowserContext) {
  let off = false;
  const open = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (off) return void ws.close();
    ws.connectToServer();
    open.add(ws);
  });
  await context.route(/\/socket\.io\//, (route) =>
    off ? route.abort('internetdisconnected') : route.continue(),
  );
  return {
    async cut(value: boolean) {
      off = value;
      if (!value) return;
      for (const ws of open) await ws.close();
      open.clear();
    },
  };
}

async function activeChat(customer: CustomerPage, desktop: AgentDesktop, name: string) {
  await customer.open();
  await customer.startChat(name);
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer(name);
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  // The chat is open in the gadget too (a connection dropped mid-accept learns it on reconnecting).
  await expect(desktop.gadget.getByTestId('gadget.composer')).toBeVisible();
}

test('messages written offline survive a reload and reach the agent exactly once, in order', async ({
  customer,
  desktop,
}) => {
  const connection = await socketSwitch(customer.page.context());
  await activeChat(customer, desktop, 'Olga Brandt');

  await connection.cut(true);
  await expect(customer.widget.getByTestId('widget.connection')).toBeVisible();
  await expect(customer.status).toHaveAttribute('data-line', 'offline');
  await customer.send('written offline one');
  await customer.send('written offline two');
  await expect(customer.widget.getByText('Sending…')).toHaveCount(2);
  await screenshot(customer.page, 'widget-offline-pending');

  await customer.reload(); // still cut: the chat waits to come back
  await connection.cut(false);

  await expect(desktop.textMessages()).toHaveCount(2, { timeout: 30_000 });
  await expect(customer.textMessages()).toHaveCount(2);
  await customer.page.waitForTimeout(2000); // a late duplicate would show by now
  const atAgent = await desktop.textMessages().allInnerTexts();
  expect(atAgent).toHaveLength(2);
  expect(atAgent[0]).toContain('written offline one');
  expect(atAgent[1]).toContain('written offline two');
  await expect(customer.widget.getByText('Sending…')).toHaveCount(0);
});

test('replies written while the desktop is cut off survive a desktop reload and reach the customer once', async ({
  customer,
  desktop,
}) => {
  const connection = await socketSwitch(desktop.page.context());
  await activeChat(customer, desktop, 'Sven Olsen');

  await connection.cut(true);
  await expect(desktop.gadget.getByTestId('gadget.connection.banner')).toBeVisible();
  await desktop.send('reply offline one');
  await desktop.send('reply offline two');
  await expect(desktop.textMessages()).toHaveCount(2);

  await desktop.page.reload();
  await connection.cut(false);

  await expect(customer.textMessages()).toHaveCount(2, { timeout: 30_000 });
  await desktop.page.waitForTimeout(2000); // a late duplicate would show by now
  const atCustomer = await customer.textMessages().allInnerTexts();
  expect(atCustomer).toHaveLength(2);
  expect(atCustomer[0]).toContain('reply offline one');
  expect(atCustomer[1]).toContain('reply offline two');
  await expect(desktop.textMessages()).toHaveCount(2);
});

test('a 5,000-character paste reaches the agent whole, as messages in order', async ({
  customer,
  desktop,
}) => {
  await activeChat(customer, desktop, 'Paul Lang');
  const words = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, '0')}`);
  const text = words.join(' '); // 4,999 characters

  const composer = customer.widget.getByTestId('widget.composer');
  await composer.fill(text);
  await expect(composer).toHaveValue(text);
  await expect(customer.widget.getByText('Long text: it will be sent as 2 messages.')).toBeVisible();
  await customer.widget.getByTestId('widget.send').click();

  await expect(desktop.textMessages()).toHaveCount(2);
  // Every word, once, in order (the bubbles' times and names are not words of the paste).
  const seen = (await desktop.textMessages().allInnerTexts())
    .join(' ')
    .split(/\s+/)
    .filter((word) => /^w\d{3}$/.test(word));
  expect(seen).toEqual(words);
});

test('the headers tell the truth: the agent sees the customer gone and back, the customer sees the agent gone', async ({
  customer,
  desktop,
}) => {
  const connection = await socketSwitch(customer.page.context());
  await activeChat(customer, desktop, 'Rita Moreno');
  const presence = desktop.gadget.getByTestId('gadget.chat.presence');
  await expect(presence).toHaveAttribute('data-presence', 'online');
  await expect(customer.status).toHaveAttribute('data-line', 'active');

  await connection.cut(true);
  // Gone past the server's grace period for customers (5 s).
  await expect(presence).toHaveAttribute('data-presence', 'away', { timeout: 15_000 });
  await screenshot(desktop.page, 'gadget-customer-away');
  await connection.cut(false);
  await expect(presence).toHaveAttribute('data-presence', 'online', { timeout: 20_000 });
  await expect(customer.status).toHaveAttribute('data-line', 'active');

  // The agent's desktop goes away (its tab closes): after the agents' grace (PRESENCE_AGENT_GRACE_S,
  // 30 s by default, 4 s in this file) the widget stops saying Online.
  await desktop.page.goto('about:blank');
  await expect(customer.status).toHaveAttribute('data-line', 'agentAway', { timeout: 20_000 });
  await screenshot(customer.page, 'widget-agent-away');
});
