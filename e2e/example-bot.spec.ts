/**
 * The bot agent example (examples/bot-agent), run as an integrator runs it: a separate Node process
 * importing the built package (`hybrid-chat/sdk`), signed in as the simulator's demo agent 1001. A
 * customer (over the customer API, as the widget talks) is offered to it, greeted with the contact
 * center’s canned greeting and answered with an echo.
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { launch, startStack, stopChild, type Stack } from './support/stack.ts';

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let bot: { child: ChildProcess; output: () => string };
const customers: ApiCustomer[] = [];

test.beforeAll(async () => {
  stack = await startStack();
  bot = launch('examples/bot-agent/main.ts', {
    CHAT_SERVER_URL: stack.chatUrl,
    BOT_AGENT_ID: '1001',
    BOT_AGENT_PASSWORD: 'pass1001',
    BOT_QUEUE: 'default',
  });
  await expect
    .poll(bot.output, { timeout: 15_000, message: 'the bot signs in and goes READY' })
    .toContain('[bot] ready as');
});

test.afterAll(async () => {
  for (const customer of customers) customer.close();
  if (bot) await stopChild(bot.child);
  await stack?.stop();
});

test('the bot greets a customer with the canned greeting and echoes what they write', async () => {
  const customer = await startApiCustomer(stack.chatUrl, 'Ada');
  customers.push(customer);
  // The default configuration's `greet`: "Hello {customerName}, this is {agentName}. …"
  await expect
    .poll(() => customer.received())
    .toEqual([expect.stringMatching(/^Hello Ada, this is María\./)]);
  expect(customer.statuses()).toContain('active');

  await customer.send('Where is my parcel?');
  await customer.send('It was due on Monday.');
  await expect
    .poll(() => customer.received().slice(1))
    .toEqual(['You said: Where is my parcel?', 'You said: It was due on Monday.']);
  expect(bot.output()).toContain(`[bot] took the chat of Ada (${customer.chatId})`);
});
