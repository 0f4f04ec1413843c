/**
 * Firefox smoke tests (Debian's Firefox ESR over WebDriver BiDi, e2e/support/firefox.ts): the
 * customer widget on the demo page chats both ways with an agent in Chromium, across a reload; the
 * agent gadget in the simulated Finesse desktop signs in, takes an offer and replies.
 */
import type { Browser } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startApiCustomer } from './support/apiCustomer.ts';
import { click, frameOf, launchFirefox, typeInto, waitForText } from './support/firefox.ts';
import { agent } from './support/pages.ts';

const id = (testId: string) => `[data-testid="${testId}"]`;
// Kept in the repository (e2e/screenshots/README.md), as the polish screenshots are.
const SHOTS = resolve(SCREENSHOT_DIR, 'browsers');

let firefox: Browser | undefined;
test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
});

test('the widget in Firefox chats both ways with an agent in Chromium, across a reload', async ({
  desktop,
  stack,
}) => {
  await desktop.signIn('1001');
  await desktop.goReadyForChat();

  const page = await firefox!.newPage();
  await page.goto(`${stack.chatUrl}/`);
  await click(page, `>>> ${id('widget.launcher')}`);
  let widget = await frameOf(page, `>>> ${id('widget.frame')}`);
  await typeInto(widget, id('widget.prechat.name'), 'Fiona Fox');
  await click(widget, id('widget.prechat.start'));

  await desktop.acceptOffer('Fiona Fox');
  await typeInto(widget, id('widget.composer'), 'Hello from Firefox');
  await click(widget, id('widget.send'));
  await expect(desktop.textMessages().filter({ hasText: 'Hello from Firefox' })).toHaveCount(1);
  await desktop.send('Hello, Fiona');
  await waitForText(widget, id('widget.message'), 'Hello, Fiona');

  // A reload keeps the chat: the history is back and both ways still work.
  await page.reload();
  const launcher = await page.waitForSelector(`>>> ${id('widget.launcher')}`);
  if ((await launcher?.evaluate((element) => element.getAttribute('aria-expanded'))) !== 'true')
    await launcher?.click();
  widget = await frameOf(page, `>>> ${id('widget.frame')}`);
  await waitForText(widget, id('widget.message'), 'Hello, Fiona');
  await typeInto(widget, id('widget.composer'), 'Still here after a reload');
  await click(widget, id('widget.send'));
  await expect(desktop.textMessages().filter({ hasText: 'Still here after a reload' })).toHaveCount(1);
  await desktop.send('Good to see you back');
  await waitForText(widget, id('widget.message'), 'Good to see you back');
  await expect(desktop.textMessages().filter({ hasText: 'Hello from Firefox' })).toHaveCount(1);
  await page.screenshot({ path: resolve(SHOTS, 'firefox-widget.png') });
  // The reply box leaves room for Send inside the panel (Firefox sizes a text area wider by itself).
  const overflow = await widget.evaluate((css: string) => {
    const send = document.querySelector(css)?.getBoundingClientRect();
    return send ? Math.max(0, send.right - document.documentElement.clientWidth) : -1;
  }, id('widget.send'));
  expect(overflow).toBe(0);
  await page.close();
});

test('the gadget in Firefox signs in, takes an offer and replies', async ({ stack }) => {
  const who = agent('1002');
  const page = await firefox!.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(`${stack.simUrl}/desktop/`);
  await typeInto(page, id('desktop.signin.id'), who.id);
  await typeInto(page, id('desktop.signin.password'), who.password);
  await typeInto(page, id('desktop.signin.extension'), who.extension);
  await click(page, id('desktop.signin.submit'));
  await waitForText(page, id('desktop.agentName'), who.firstName);

  const gadget = await frameOf(page, id('desktop.gadget.chat'));
  const ready = await gadget.waitForSelector(id('gadget.ready'), { visible: true, timeout: 20_000 });
  if ((await ready?.evaluate((element) => element.tagName)) === 'SELECT')
    await gadget.select(id('gadget.ready'), 'READY');
  else await ready?.click();
  await gadget.waitForSelector(`${id('gadget.status')}[data-state="READY"]`, { timeout: 20_000 });

  const customer = await startApiCustomer(stack.chatUrl, 'Gus Gecko');
  try {
    await waitForText(gadget, id('gadget.offer.customer'), 'Gus Gecko');
    await click(gadget, id('gadget.offer.accept'));
    await customer.send('Is my parcel on its way?');
    await waitForText(gadget, id('gadget.message'), 'Is my parcel on its way?');
    await typeInto(gadget, id('gadget.composer'), 'Yes, it ships today');
    await click(gadget, id('gadget.send'));
    await expect.poll(() => customer.received()).toContain('Yes, it ships today');
    await page.screenshot({ path: resolve(SHOTS, 'firefox-gadget.png') });
  } finally {
    customer.close();
    await page.close();
  }
});
