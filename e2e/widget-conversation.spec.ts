/**
 * The customer conversation: the queue's pre-chat form with validation, a
 * message for the contact center outside business hours or with nobody READY, the queue position
 * with an estimated wait, continuity (a second tab, offline typing, reload, server restart: the
 * whole history, nothing twice, no ghost chats) and the end of a chat (rating, transcript download
 * and email).
 */
import { readFileSync } from 'node:fs';
import type { Frame } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer } from './support/apiCustomer.ts';
import { agent, CustomerPage } from './support/pages.ts';

/** An agent's session token over the chat server's HTTP API (the gadget's sign-in, without a browser). */
async function agentToken(chatUrl: string, id = '1001'): Promise<string> {
  const who = agent(id);
  const response = await fetch(`${chatUrl}/api/agent/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      agentId: who.id,
      authorization: `Basic ${Buffer.from(`${who.id}:${who.password}`).toString('base64')}`,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function agentGet<T>(chatUrl: string, path: string, token: string): Promise<T> {
  const response = await fetch(`${chatUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

function widgetFrame(customer: CustomerPage): Frame {
  const frame = customer.page.frames().find((candidate) => candidate.url().includes('/widget/'));
  if (!frame) throw new Error('no widget frame');
  return frame;
}

const savedChatId = async (customer: CustomerPage) =>
  widgetFrame(customer).evaluate(
    () => (JSON.parse(localStorage.getItem('hybridChat.chat') ?? '{}') as { chatId?: string }).chatId,
  );

test.describe('pre-chat form', () => {
  test.use({
    stackOptions: {
      env: {
        QUEUES_JSON: JSON.stringify({
          defaults: {
            prechat: {
              fields: [
                { name: 'name', required: true },
                { name: 'email', required: true },
                { name: 'phone' },
                {
                  name: 'topic',
                  required: true,
                  options: [
                    { value: 'billing', label: { en: 'Billing', de: 'Rechnung' } },
                    { value: 'router', label: 'My router' },
                  ],
                },
              ],
            },
          },
        }),
      },
    },
  });

  test('asks for the queue’s fields, says what is wrong, and the agent sees the answers', async ({
    customer,
    desktop,
  }) => {
    await customer.open();
    const widget = customer.widget;
    await expect(widget.getByLabel('Phone number (optional)')).toBeVisible();
    await widget.getByTestId('widget.prechat.start').click();
    await expect(widget.getByTestId('widget.prechat.name.error')).toHaveText('Please enter your name.');
    await expect(widget.getByTestId('widget.prechat.email.error')).toHaveText(
      'Please enter your email address.',
    );
    await expect(widget.getByTestId('widget.prechat.topic.error')).toHaveText('Please choose a topic.');
    await expect(widget.getByTestId('widget.prechat.name')).toBeFocused();

    await widget.getByTestId('widget.prechat.name').fill('Dana Whitfield');
    await widget.getByTestId('widget.prechat.email').fill('dana@example');
    await widget.getByTestId('widget.prechat.topic').selectOption('router');
    await widget.getByTestId('widget.prechat.start').click();
    await expect(widget.getByTestId('widget.prechat.email.error')).toContainText('valid email address');
    await expect(widget.getByTestId('widget.prechat.name.error')).toHaveCount(0);
    await expect(widget.getByTestId('widget.prechat.email')).toBeFocused();
    await screenshot(customer.page, 'widget-prechat-fields');

    await widget.getByTestId('widget.prechat.email').fill('dana@example.com');
    await widget.getByTestId('widget.prechat.start').click();
    await expect(customer.status).toHaveAttribute('data-status', 'waiting');

    await desktop.signIn('1001');
    await desktop.goReadyForChat();
    await expect(desktop.offer).toContainText('dana@example.com');
    await expect(desktop.offer).toContainText('router');
    await desktop.acceptOffer('Dana Whitfield');
    await expect(customer.status).toHaveAttribute('data-status', 'active');
  });
});

/** The weekday two days from now (UTC), so that the queue is closed today and opens then. */
function dayAfterTomorrow(): string {
  const day = new Date(Date.now() + 2 * 24 * 3600_000).getUTCDay();
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][day] ?? 'mon';
}

test.describe('outside business hours', () => {
  test.use({
    stackOptions: {
      env: {
        QUEUES_JSON: JSON.stringify({
          defaults: { hours: { timeZone: 'UTC', weekly: { [dayAfterTomorrow()]: ['09:00-17:00'] } } },
        }),
      },
    },
  });

  test('a message instead of a chat, stored for agents, typed text kept as text', async ({
    customer,
    stack,
  }) => {
    await customer.open();
    const widget = customer.widget;
    await expect(widget.getByTestId('widget.leave.title')).toHaveText("We're closed right now");
    await expect(widget.getByTestId('widget.leave.opens')).toContainText("We're back");
    await expect(widget.getByTestId('widget.prechat.name')).toHaveCount(0);
    const xss = '<img src=x onerror="document.title=\'pwned\'">';
    await widget.getByTestId('widget.leave.name').fill(`Dana ${xss}`);
    await widget.getByTestId('widget.leave.email').fill('dana@example.com');
    await widget.getByTestId('widget.leave.phone').fill('+49 30 1234567');
    await widget.getByTestId('widget.leave.message').fill(`My router blinks red.\n${xss}`);
    await screenshot(customer.page, 'widget-leave-message');
    await widget.getByTestId('widget.leave.send').click();
    await expect(widget.getByTestId('widget.leave.sent')).toContainText('will reply to dana@example.com');
    await screenshot(customer.page, 'widget-leave-message-sent');

    const token = await agentToken(stack.chatUrl);
    const { messages } = await agentGet<{ messages: Array<Record<string, unknown>> }>(
      stack.chatUrl,
      '/api/agent/messages',
      token,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      name: `Dana ${xss}`,
      email: 'dana@example.com',
      phone: '+49 30 1234567',
      message: `My router blinks red.\n${xss}`,
      reason: 'closed',
      handledAt: null,
    });
    const handled = await fetch(
      `${stack.chatUrl}/api/agent/messages/${String(messages[0]?.['id'])}/handled`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(handled.status).toBe(200);
    expect(await customer.page.title()).not.toBe('pwned');
  });
});

test.describe('nobody READY', () => {
  test.use({ stackOptions: { env: { WHEN_UNSTAFFED: 'leave-message' } } });

  test('offers a message while no agent is READY, and the chat once one is', async ({
    customer,
    desktop,
  }) => {
    await customer.open();
    await expect(customer.widget.getByTestId('widget.leave.title')).toHaveText('No one is free to chat');
    await desktop.signIn('1001');
    await desktop.goReadyForChat();
    await customer.widget.getByTestId('widget.leave.checkAgain').click();
    await customer.startChat('Dana Whitfield');
    await desktop.acceptOffer('Dana Whitfield');
    await expect(customer.status).toHaveAttribute('data-status', 'active');
  });
});

test.describe('waiting', () => {
  test.use({ stackOptions: { env: { MAX_CHATS_PER_AGENT: '1' } } });

  test('shows the place in the queue and an estimated wait, and both follow the queue', async ({
    customer,
    desktop,
    stack,
  }) => {
    await desktop.signIn('1001');
    await desktop.goReadyForChat();
    const ahead = await startApiCustomer(stack.chatUrl, 'Amir Ahead');
    await desktop.acceptOffer('Amir Ahead');
    const before = await startApiCustomer(stack.chatUrl, 'Bea Before');

    await customer.open();
    await customer.startChat('Dana Whitfield');
    const widget = customer.widget;
    await expect(widget.getByTestId('widget.queuePosition')).toHaveText("You're number 2 in line.");
    await expect(widget.getByTestId('widget.estimatedWait')).toHaveText(/^Estimated wait: \d+–\d+ minutes$/);
    await screenshot(customer.page, 'widget-waiting-estimate');

    await desktop.endAndCloseChat();
    await desktop.acceptOffer('Bea Before');
    await expect(widget.getByTestId('widget.queuePosition')).toHaveText("You're next in line.");
    await expect(widget.getByTestId('widget.estimatedWait')).toHaveText(/^Estimated wait: /);
    ahead.close();
    before.close();
  });
});

test('reload, a second tab, offline typing and a server restart: the whole history, once', async ({
  customer,
  desktop,
  stack,
}) => {
  // Two tabs, an offline spell, a reload and a restart: more than the default 90 s on a busy machine.
  test.setTimeout(180_000);
  await customer.open();
  await customer.startChat('Dana Whitfield');
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Dana Whitfield');
  await customer.send('c1 hello');
  await desktop.send('a1 hi Dana');
  await expect(customer.textMessages()).toHaveCount(2);

  // A second tab of the same site shows the same chat, and what it sends reaches everyone once.
  const second = new CustomerPage(await customer.page.context().newPage(), stack.chatUrl);
  await second.open();
  await expect(second.textMessages()).toHaveCount(2);
  await second.send('c2 from the second tab');
  await expect(customer.textMessages().last()).toContainText('c2 from the second tab');
  await expect(desktop.textMessages()).toHaveCount(3);

  // Offline: the banner says so, typed messages wait and arrive once the network is back.
  const context = customer.page.context();
  await context.setOffline(true);
  await expect(customer.widget.getByTestId('widget.connection')).toHaveAttribute('data-status', 'offline');
  await screenshot(customer.page, 'widget-offline');
  await customer.send('c3 typed offline');
  await customer.send('c4 typed offline');
  await context.setOffline(false);
  await expect(desktop.textMessages()).toHaveCount(5, { timeout: 20_000 });

  // A reload mid-chat, then a server restart with a message written while it is down.
  await customer.reload();
  await expect(customer.textMessages()).toHaveCount(5);
  await stack.killChatServer();
  await customer.send('c5 during the restart');
  await stack.startChatServer();
  await desktop.send('a2 after the restart');

  const all = [
    'c1 hello',
    'a1 hi Dana',
    'c2 from the second tab',
    'c3 typed offline',
    'c4 typed offline',
    'c5 during the restart',
    'a2 after the restart',
  ];
  const read = async (page: { textMessages(): ReturnType<CustomerPage['textMessages']> }) =>
    (await page.textMessages().allInnerTexts()).map(
      (text) => all.find((line) => text.includes(line)) ?? text,
    );
  for (const side of [customer, second, desktop]) {
    await expect(side.textMessages()).toHaveCount(all.length, { timeout: 30_000 });
    expect([...(await read(side))].sort()).toEqual([...all].sort());
  }
  expect(await read(second)).toEqual(await read(customer));
  expect(await read(desktop)).toEqual(await read(customer));

  // The agent ends it: every tab shows it ended, and a reload does not bring back a waiting chat.
  await desktop.endChat();
  await expect(customer.status).toHaveAttribute('data-status', 'ended');
  await expect(second.status).toHaveAttribute('data-status', 'ended');
  await second.reload();
  await expect(second.widget.getByTestId('widget.ended')).toBeVisible();
  await expect(second.status).toHaveAttribute('data-status', 'ended');
  await expect(second.widget.getByTestId('widget.waiting')).toHaveCount(0);
});

test('a second tab on the form follows the chat the first one starts: one chat, not two', async ({
  customer,
  stack,
}) => {
  const second = new CustomerPage(await customer.page.context().newPage(), stack.chatUrl);
  await customer.open();
  await second.open();
  await expect(second.widget.getByTestId('widget.prechat.name')).toBeVisible();
  await customer.startChat('Dana Whitfield');
  await expect(customer.status).toHaveAttribute('data-status', 'waiting');
  await expect(second.status).toHaveAttribute('data-status', 'waiting');
  await second.send('typed in the second tab');
  await expect(customer.textMessages().last()).toContainText('typed in the second tab');
  await expect(second.textMessages()).toHaveCount(1);
});

test.describe('end of chat', () => {
  test.use({ stackOptions: { env: { LOG_LEVEL: 'info' } } });

  test('rating, transcript download and email', async ({ customer, desktop, stack }) => {
    await customer.open();
    await customer.startChat('Dana Whitfield');
    await desktop.signIn('1001');
    await desktop.goReadyForChat();
    await desktop.acceptOffer('Dana Whitfield');
    await customer.send('My router <b>blinks</b> red.');
    await desktop.send('Please unplug it for ten seconds.');
    await expect(customer.textMessages()).toHaveCount(2);
    await desktop.endChat();
    const widget = customer.widget;
    await expect(widget.getByTestId('widget.endOfChat')).toBeVisible();

    // CSAT: four stars and a comment, stored with the chat and visible to the agent.
    await widget.locator('label.w-csat__star').nth(3).click();
    await widget.getByTestId('widget.csat.comment').fill('Quick and friendly');
    await screenshot(customer.page, 'widget-end-of-chat');
    await widget.getByTestId('widget.csat.send').click();
    await expect(widget.getByTestId('widget.csat.thanks')).toContainText('You rated this chat 4 out of 5.');
    const chatId = await savedChatId(customer);
    const token = await agentToken(stack.chatUrl);
    const { chat } = await agentGet<{ chat: { rating?: { score: number; comment: string } } }>(
      stack.chatUrl,
      `/api/agent/chats/${String(chatId)}`,
      token,
    );
    expect(chat.rating).toMatchObject({ score: 4, comment: 'Quick and friendly' });

    // The transcript: a text file with a safe name and the whole conversation.
    const [download] = await Promise.all([
      customer.page.waitForEvent('download'),
      widget.getByTestId('widget.transcript.download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^chat-transcript-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toContain('Dana Whitfield: My router <b>blinks</b> red.');
    expect(text).toContain(': Please unplug it for ten seconds.');

    // By email: the demo's mail transport writes it to the log.
    await widget.getByTestId('widget.transcript.email').click();
    await widget.getByTestId('widget.transcript.address').fill('dana@example.com');
    await widget.getByTestId('widget.transcript.send').click();
    await expect(widget.getByTestId('widget.transcript.sent')).toHaveText(
      'Transcript sent to dana@example.com.',
    );
    await expect.poll(() => stack.chatServerLog()).toContain('mail logged, not sent');
    expect(stack.chatServerLog()).toContain('"to":"dana@example.com"');
    await screenshot(customer.page, 'widget-end-of-chat-done');
  });
});
