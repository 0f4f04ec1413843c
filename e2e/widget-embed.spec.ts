/**
 * The widget on a customer's website: a strict-CSP page with a nonce, a page
 * whose chat server is down (still fully clickable), consent (nothing stored before the first
 * open), the public API and its events, and the notifications (badge, title blink, one sound across
 * tabs). The host pages come from a static server of their own: another origin than the chat server.
 */
import type { Browser, Page } from '@playwright/test';
import type { HybridChatApi } from '../widget/loader/loader.ts';
import { expect, screenshot, test } from './fixtures.ts';
import { startHostSite, shopPage, type HostSite } from './support/hostPage.ts';
import { freePort } from './support/stack.ts';
import {
  appFrame,
  countNotes,
  eventNames,
  events,
  notesPlayed,
  recordEvents,
  storageOf,
  waitReady,
  widgetFrame,
} from './support/widgetHost.ts';

// Chats wait in the queue with nobody signed in (the default would offer the message form).
test.use({ stackOptions: { env: { WHEN_UNSTAFFED: 'wait' } } });

let site: HostSite;
test.beforeEach(async () => {
  site = await startHostSite();
});
test.afterEach(async () => {
  await site.close();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await recordEvents(context);
  return context.newPage();
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('a strict-CSP page with a nonce: no violation, the chat opens and starts', async ({
  browser,
  stack,
}) => {
  const nonce = 'c3RyaWN0LW5vbmNl';
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'nonce-${nonce}'`,
    `frame-src ${stack.chatUrl}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  const url = site.page('/checkout', {
    html: shopPage(
      `<script nonce="${nonce}" async src="${stack.chatUrl}/widget.js" data-queue="default"></script>`,
      `<style nonce="${nonce}">body{font-family:system-ui;margin:40px}</style>`,
    ),
    headers: { 'content-security-policy': csp },
  });
  const page = await newPage(browser);
  const reported: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) reported.push(message.text());
  });
  await page.goto(url);
  const launcher = page.getByTestId('widget.launcher');
  await expect(launcher).toHaveCSS('width', '60px'); // its styles applied: the nonce got through
  await launcher.click();
  const widget = widgetFrame(page);
  await widget.getByTestId('widget.prechat.name').fill('Noor Haddad');
  await widget.getByTestId('widget.prechat.start').click();
  await expect(widget.getByTestId('widget.status')).toHaveAttribute('data-status', 'waiting');
  await expect.poll(() => eventNames(page)).toContain('chat:start');
  expect(await violations(page)).toEqual([]);
  expect(reported).toEqual([]);

  // The listener does hear violations: markup with an inline style is refused on this page.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<i style="color:red">x</i>'));
  await expect.poll(() => violations(page)).toEqual(['style-src-attr inline']);
});

test('without a nonce the styles go into a constructed stylesheet, still no violation', async ({
  browser,
  stack,
}) => {
  const csp = `default-src 'none'; script-src ${stack.chatUrl}; style-src 'self'; frame-src ${stack.chatUrl}`;
  const url = site.page('/plain', {
    html: shopPage(`<script async src="${stack.chatUrl}/widget.js"></script>`),
    headers: { 'content-security-policy': csp },
  });
  const page = await newPage(browser);
  await page.goto(url);
  await expect(page.getByTestId('widget.launcher')).toHaveCSS('border-radius', '50%');
  await page.getByTestId('widget.launcher').click();
  await expect(widgetFrame(page).getByTestId('widget.prechat.name')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the chat server is down: the page stays fully clickable, the launcher says so', async ({ browser }) => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  // The page's own button sits where the open panel would be.
  const url = site.page('/down', {
    html: shopPage(
      `<button id="buy" type="button">Buy now</button><output id="bought">0</output>
<script>let n = 0; buy.onclick = () => (bought.textContent = String(++n));</script>
<script async src="/widget.js" data-server="${dead}"></script>`,
      `<style>#buy{position:fixed;right:60px;bottom:300px;width:200px;height:60px}</style>`,
    ),
  });
  const page = await newPage(browser);
  await page.goto(url);
  const bodyStyle = await page.evaluate(() => [
    document.body.getAttribute('style'),
    getComputedStyle(document.body).overflow,
  ]);
  const launcher = page.getByTestId('widget.launcher');
  // The idle prefetch fails quietly: an unobtrusive mark, no panel, no overlay.
  await expect(launcher).toHaveAttribute('aria-label', 'Chat unavailable, try again', { timeout: 15_000 });
  await expect(launcher).toHaveText('!');
  expect(await eventNames(page)).toContain('error');
  await screenshot(page, 'widget-server-down');

  // A click tries again, fails again, and leaves nothing in front of the page.
  await launcher.click();
  await expect(launcher).toHaveAttribute('aria-expanded', 'false', { timeout: 15_000 });
  await expect(page.locator('[data-testid="widget.frame"]')).toHaveCount(0);
  const box = await page.locator('#buy').boundingBox();
  if (!box) throw new Error('no #buy');
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.id,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(hit).toBe('buy');
  await page.locator('#buy').click();
  await page.mouse.click(box.x + 10, box.y + 10);
  await expect(page.locator('#bought')).toHaveText('2'); // both clicks reached the page's button
  expect(
    await page.evaluate(() => [
      document.body.getAttribute('style'),
      getComputedStyle(document.body).overflow,
    ]),
  ).toEqual(bodyStyle);
});

test('consent: nothing is stored on either origin before the customer first opens the widget', async ({
  browser,
  stack,
}) => {
  const url = site.page('/consent', {
    html: shopPage(`<script async src="${stack.chatUrl}/widget.js"></script>`),
  });
  const page = await newPage(browser);
  await page.goto(url);
  await waitReady(page); // prefetched while idle: the app has run, hidden
  const app = await appFrame(page);
  await expect(app.getByTestId('widget.prechat.name')).toBeAttached();
  const empty = { local: [], session: [], cookies: '', indexedDB: [] };
  expect(await storageOf(page)).toEqual(empty);
  expect(await storageOf(app)).toEqual(empty);
  expect(await page.context().cookies()).toEqual([]);

  await page.getByTestId('widget.launcher').click();
  await app.getByTestId('widget.prechat.name').fill('Ines Duarte');
  await app.getByTestId('widget.prechat.start').click();
  await expect(app.getByTestId('widget.status')).toHaveAttribute('data-status', 'waiting');
  // Once opened and started, the chat is remembered (so the checks above could have failed).
  expect((await storageOf(page)).session).toEqual(['hybridChat.open']);
  expect((await storageOf(app)).local).toEqual(['hybridChat.chat']);
});

test('the public API: identify, setLocale, open, close, toggle, events and shutdown', async ({
  browser,
  stack,
  desktop,
}) => {
  const url = site.page('/api', {
    html: shopPage(`<script async src="${stack.chatUrl}/widget.js"></script>`),
  });
  const page = await newPage(browser);
  await page.goto(url);
  await waitReady(page);
  await page.evaluate(() => {
    const chat = window.HybridChat as HybridChatApi;
    chat.identify({ name: 'Ada Lovelace', email: 'ada@example.com' });
    chat.setLocale('de-DE');
    chat.open();
  });
  const launcher = page.getByTestId('widget.launcher');
  await expect(launcher).toHaveAttribute('aria-label', 'Chat schließen');
  const widget = widgetFrame(page);
  await expect(widget.locator('html')).toHaveAttribute('lang', 'de');
  // identify() gave the name: the form does not ask for it again.
  await expect(widget.getByTestId('widget.prechat.start')).toHaveText('Chat starten');
  await expect(widget.getByTestId('widget.prechat.name')).toHaveCount(0);
  await widget.getByTestId('widget.prechat.start').click();
  await expect(widget.getByTestId('widget.status')).toHaveAttribute('data-status', 'waiting');

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Ada Lovelace');
  await desktop.send('Hallo Ada, wie kann ich helfen?');
  const said = async () =>
    (await events(page)).find(([name, m]) => name === 'message' && (m as { kind: string }).kind === 'text');
  await expect.poll(said).toBeTruthy();
  const seen = await events(page);
  const started = seen.find(([name]) => name === 'chat:start')?.[1] as { chatId: string };
  expect(started.chatId).toMatch(/\S/);
  expect((await said())?.[1]).toMatchObject({
    chatId: started.chatId,
    from: { role: 'agent', name: expect.stringContaining('María') },
    kind: 'text',
    text: 'Hallo Ada, wie kann ich helfen?',
  });

  await page.evaluate(() => (window.HybridChat as { close(): void }).close());
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  await page.evaluate(() => (window.HybridChat as { toggle(): void }).toggle());
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  await desktop.endChat();
  await expect.poll(() => eventNames(page)).toContain('chat:end');
  const names = await eventNames(page);
  expect(names.filter((name) => ['open', 'close', 'chat:start', 'chat:end'].includes(name))).toEqual([
    'open',
    'chat:start',
    'close',
    'open',
    'chat:end',
  ]);
  expect((await events(page)).find(([name]) => name === 'chat:end')?.[1]).toEqual({ chatId: started.chatId });

  await page.evaluate(() => (window.HybridChat as { shutdown(): void }).shutdown());
  await expect(page.locator('#hybrid-chat-widget')).toHaveCount(0);
  expect(
    await page.evaluate(() => [typeof window.HybridChat, document.title, sessionStorage.length]),
  ).toEqual(['undefined', 'Shop · Checkout', 0]);
});

test('notifications: the unread badge, the title blinking while hidden, one sound for two tabs', async ({
  browser,
  stack,
  desktop,
}) => {
  const url = site.page('/tabs', {
    html: shopPage(`<script async src="${stack.chatUrl}/widget.js"></script>`),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await recordEvents(context);
  await countNotes(context);
  const first = await context.newPage();
  await first.goto(url);
  await first.getByTestId('widget.launcher').click();
  await widgetFrame(first).getByTestId('widget.prechat.name').fill('Bo Lindqvist');
  await widgetFrame(first).getByTestId('widget.prechat.start').click(); // a gesture: the sound may play
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Bo Lindqvist');

  // A second tab follows the same chat; the customer clicks into it once, then closes both panels.
  const second = await context.newPage();
  await second.goto(url);
  await second.getByTestId('widget.launcher').click();
  await widgetFrame(second).getByTestId('widget.composer').click();
  for (const page of [first, second]) {
    await page.getByTestId('widget.launcher').click();
    await expect(page.getByTestId('widget.launcher')).toHaveAttribute('aria-expanded', 'false');
  }

  await desktop.send('Your router is fixed.');
  for (const page of [first, second]) {
    await expect(page.getByTestId('widget.launcher')).toHaveText('1');
    await expect(page.getByTestId('widget.launcher')).toHaveAttribute(
      'aria-label',
      'Open chat (1 new message)',
    );
  }
  const played = async () => (await notesPlayed(first)) + (await notesPlayed(second));
  await expect.poll(played).toBe(2); // one chime (two notes), in one tab
  await first.waitForTimeout(1500);
  expect(await played()).toBe(2);
  await screenshot(first, 'widget-unread');

  // The tab is hidden: the title blinks, then comes back exactly.
  const setHidden = (hidden: boolean) =>
    first.evaluate((value) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect.poll(() => first.title()).toBe('1 new message');
  await expect.poll(() => first.title()).toBe('Shop · Checkout');
  await expect.poll(() => first.title()).toBe('1 new message');
  await setHidden(false);
  expect(await first.title()).toBe('Shop · Checkout');
  await first.waitForTimeout(1200);
  expect(await first.title()).toBe('Shop · Checkout');

  await first.getByTestId('widget.launcher').click();
  await expect(first.getByTestId('widget.launcher')).toHaveText('');
  await context.close();
});
