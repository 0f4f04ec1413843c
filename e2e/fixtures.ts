/**
 * Playwright fixtures: one product stack per spec file (chat server + Finesse simulator on free
 * loopback ports), a customer page and an agent desktop in separate browser contexts.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { AgentDesktop, CustomerPage } from './support/pages.ts';
import { SimApi } from './support/simApi.ts';
import { startStack, type Stack, type StackOptions } from './support/stack.ts';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

export const test = base.extend<{
  /** How a spec wants its stack started: `test.use({ stackOptions: { secondary: true } })`. */
  stackOptions: StackOptions;
  stack: Stack;
  /** The simulator's `/sim/api`, through the publisher. */
  sim: SimApi;
  customer: CustomerPage;
  desktop: AgentDesktop;
}>({
  stackOptions: [{}, { option: true }],
  // A fresh stack per test: no state leaks from one test into the next.
  stack: async ({ stackOptions }, use) => {
    const stack = await startStack(stackOptions);
    await use(stack);
    await stack.stop();
  },
  sim: async ({ stack }, use) => {
    await use(new SimApi(stack.simUrl));
  },
  customer: async ({ browser, stack }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await use(new CustomerPage(await context.newPage(), stack.chatUrl));
    await context.close();
  },
  desktop: async ({ browser, stack }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await use(new AgentDesktop(await context.newPage(), stack.simUrl));
    await context.close();
  },
});

export { expect } from '@playwright/test';
