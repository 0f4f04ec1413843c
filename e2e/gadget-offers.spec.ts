/**
 * The agent gadget's offers, tabs, keyboard and languages in the simulated Finesse desktop: a missed
 * offer moves to the second agent and the first is told why their state changed; three chats as
 * tabs with unread badges and shortcuts; accept → reply → end by keyboard alone; an Arabic desktop
 * mirrors the gadget. A short offer timeout keeps the wait for a missed offer brief.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { agent, AgentDesktop } from './support/pages.ts';

const OFFER_TIMEOUT_MS = 8_000;
test.use({ stackOptions: { offerTimeoutMs: OFFER_TIMEOUT_MS } });

/** A second agent in a browser context of their own (another computer). */
async function secondDesktop(browser: Browser, simUrl: string): Promise<AgentDesktop> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  return new AgentDesktop(await context.newPage(), simUrl);
}

/** The gadget has signed in (slow on a busy machine: a cold bundle and a sign-in round trip). */
async function gadgetReady(desktop: AgentDesktop): Promise<void> {
  await expect(desktop.chatState).toBeVisible({ timeout: 30_000 });
}

/** The container rule: no alert/confirm/prompt, ever. */
function recordDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

/** How far the gadget's iframe is from fitting its content (gadgets.window.adjustHeight keeps it at 0). */
async function heightMismatch(desktop: AgentDesktop): Promise<number> {
  const frame = await desktop.page
    .getByTestId('desktop.gadget.chat')
    .evaluate((element) => element.getBoundingClientRect().height);
  const content = await desktop.gadget
    .getByTestId('gadget.root')
    .evaluate((root) => Math.ceil(root.getBoundingClientRect().bottom + window.scrollY));
  return Math.abs(frame - content);
}

/** The `data-testid` of what has the keyboard focus inside the gadget. */
const focusedTestId = (desktop: AgentDesktop) =>
  desktop.gadget
    .locator(':focus')
    .evaluate((element) => element.getAttribute('data-testid') ?? element.tagName);

/** Presses Tab (or Shift+Tab) until the gadget element with this test id has the focus. */
async function tabTo(desktop: AgentDesktop, testId: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 25; presses++) {
    const focused = await desktop.gadget
      .locator(':focus')
      .getAttribute('data-testid', { timeout: 500 })
      .catch(() => null);
    if (focused === testId) return;
    await desktop.page.keyboard.press(key);
  }
  throw new Error(`${testId} never got the focus by ${key}`);
}

test('a missed offer goes to the next agent; the first agent sees why they are not ready', async ({
  browser,
  desktop,
  stack,
}) => {
  const dialogs = recordDialogs(desktop.page);
  await desktop.signIn('1001');
  await gadgetReady(desktop);
  await desktop.goReadyForChat();
  await expect(desktop.gadget.getByTestId('gadget.empty')).toHaveAttribute('data-tone', 'ready');
  await screenshot(desktop.page, 'gadget-offers-idle');
  await expect.poll(() => heightMismatch(desktop)).toBeLessThanOrEqual(2);

  const second = await secondDesktop(browser, stack.simUrl);
  dialogs.push(...recordDialogs(second.page));
  await second.signIn('1002');
  await gadgetReady(second);
  await second.goReadyForChat();

  // 1001 has been ready longest, so the offer goes to them first.
  const customer = await startApiCustomer(stack.chatUrl, 'Dana Whitfield', {
    email: 'dana@example.com',
    topic: 'billing',
  });
  try {
    const offer = desktop.offer;
    await expect(offer).toBeVisible();
    await expect(offer.getByTestId('gadget.offer.customer')).toHaveText('Dana Whitfield');
    await expect(offer).toContainText('dana@example.com');
    await expect(offer).toContainText('Email');
    await screenshot(desktop.page, 'gadget-offers-offer');
    const seconds = offer.getByTestId('gadget.offer.seconds');
    await expect(seconds).toHaveText(/^\d+ s$/);
    const first = Number.parseInt((await seconds.textContent()) ?? '', 10);
    expect(first).toBeLessThanOrEqual(OFFER_TIMEOUT_MS / 1000);
    await expect
      .poll(async () => Number.parseInt((await seconds.textContent()) ?? '', 10))
      .toBeLessThan(first);
    await expect(second.offer).toHaveCount(0);
    // The container resized the gadget's iframe to the card (gadgets.window.adjustHeight).
    await expect.poll(() => heightMismatch(desktop)).toBeLessThanOrEqual(2);

    // 1001 lets it run out: the server moves it to 1002 and makes 1001 not ready, and says why.
    await expect(second.offer).toBeVisible({ timeout: OFFER_TIMEOUT_MS + 5_000 });
    await expect(offer).toHaveCount(0);
    await expect(desktop.chatState).toHaveAttribute('data-state', 'NOT_READY');
    const notice = desktop.gadget.getByTestId('gadget.notice');
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(notice).toContainText('The chat from Dana Whitfield was not answered in time');
    await expect(notice).toContainText('Not ready');
    await screenshot(desktop.page, 'gadget-offers-missed');

    await second.acceptOffer('Dana Whitfield');
    await expect.poll(() => customer.statuses()).toContain('active');
    await expect(second.chatTabs).toHaveCount(1);

    // One click in the notice and 1001 is ready again; the notice has done its job.
    await notice.getByTestId('gadget.notice.action').click();
    await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
    await expect(notice).toHaveCount(0);
    expect(dialogs).toEqual([]);
  } finally {
    customer.close();
    await second.page.context().close();
  }
});

test('three chats as tabs: unread badges, waiting time, and switching by keyboard', async ({
  desktop,
  stack,
}) => {
  await desktop.signIn('1001');
  await gadgetReady(desktop);
  await desktop.goReadyForChat();
  const names = ['Ada Park', 'Bruno Silva', 'Chen Wei'];
  const customers: ApiCustomer[] = [];
  try {
    for (const name of names) {
      customers.push(await startApiCustomer(stack.chatUrl, name));
      await desktop.acceptOffer(name);
      await expect(desktop.chatTabs).toHaveCount(customers.length);
    }
    const [ada, bruno] = customers as [ApiCustomer, ApiCustomer, ApiCustomer];
    const tab = (index: number) => desktop.chatTabs.nth(index);
    await expect(tab(2)).toHaveAttribute('aria-selected', 'true');

    await ada.send('Is my order on its way?');
    await bruno.send('Hello, I need to change my address.');
    await bruno.send('It is for the delivery tomorrow.');
    await expect(tab(0).getByTestId('gadget.chatTab.unread')).toContainText('1');
    await expect(tab(1).getByTestId('gadget.chatTab.unread')).toContainText('2');
    await expect(tab(2).getByTestId('gadget.chatTab.unread')).toHaveCount(0);
    await expect(tab(1).getByTestId('gadget.chatTab.waiting')).toContainText(/waiting \d+ s/);
    await expect(desktop.gadget.getByTestId('gadget.announce.polite')).toHaveText(
      /New message from Bruno Silva/,
    );
    await screenshot(desktop.page, 'gadget-3-chats');

    // The reply box of the accepted chat has the focus; shortcuts work from there.
    await expect.poll(() => focusedTestId(desktop)).toBe('gadget.composer');
    await desktop.page.keyboard.press('Alt+1');
    await expect(tab(0)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(0).getByTestId('gadget.chatTab.unread')).toHaveCount(0);
    await expect(desktop.textMessages().last()).toContainText('Is my order on its way?');
    await expect.poll(() => focusedTestId(desktop)).toBe('gadget.composer');
    await desktop.page.keyboard.press('Control+BracketRight');
    await expect(tab(1)).toHaveAttribute('aria-selected', 'true');
    await desktop.page.keyboard.press('Control+BracketLeft');
    await desktop.page.keyboard.press('Control+BracketLeft');
    await expect(tab(2)).toHaveAttribute('aria-selected', 'true');
    await desktop.page.keyboard.press('Alt+2');
    await expect(tab(1)).toHaveAttribute('aria-selected', 'true');

    // The tab strip itself: one tab stop, arrows move, Home jumps.
    await tab(1).focus();
    await desktop.page.keyboard.press('ArrowRight');
    await expect(tab(2)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(2)).toBeFocused();
    await desktop.page.keyboard.press('Home');
    await expect(tab(0)).toHaveAttribute('aria-selected', 'true');
    await expect(desktop.gadget.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
  } finally {
    for (const customer of customers) customer.close();
  }
});

test('keyboard only: go ready, accept, reply and end a chat', async ({ desktop, stack }) => {
  await desktop.signIn('1001');
  await gadgetReady(desktop);
  await expect(desktop.chatState).toHaveAttribute('data-state', 'NOT_READY');
  // Into the gadget as the desktop's Tab order would bring the agent there.
  await desktop.page.getByTestId('desktop.gadget.chat').focus();
  await desktop.page.keyboard.press('Tab');
  await expect.poll(() => focusedTestId(desktop)).not.toBe('BODY');
  for (let presses = 0; presses < 10; presses++) {
    const name = await desktop.gadget
      .locator(':focus')
      .evaluate((el) => (el as HTMLInputElement).value ?? '');
    if (name === 'NOT_READY' || name === 'READY') break;
    await desktop.page.keyboard.press('Tab');
  }
  // The availability radios: an arrow key moves to (and chooses) Ready for chat.
  await desktop.page.keyboard.press('ArrowLeft');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');

  const customer = await startApiCustomer(stack.chatUrl, 'Kim Laine');
  try {
    await expect(desktop.offer).toBeVisible();
    await expect(desktop.gadget.getByTestId('gadget.announce.assertive')).toContainText(
      'Incoming chat from Kim Laine',
    );
    await desktop.page.keyboard.press('Alt+A');
    await expect(desktop.chatTabs).toHaveCount(1);
    await expect.poll(() => customer.statuses()).toContain('active');
    await expect.poll(() => focusedTestId(desktop)).toBe('gadget.composer');
    await desktop.page.keyboard.type('Hello Kim, how can I help?');
    await desktop.page.keyboard.press('Enter');
    await expect.poll(() => customer.received()).toEqual(['Hello Kim, how can I help?']);

    await tabTo(desktop, 'gadget.end', 'Shift+Tab');
    await desktop.page.keyboard.press('Enter');
    await expect(desktop.gadget.getByRole('alertdialog')).toBeVisible();
    await tabTo(desktop, 'gadget.end.confirm');
    await desktop.page.keyboard.press('Enter');
    await expect(desktop.gadget.getByTestId('gadget.chat.ended')).toBeVisible();
    await expect.poll(() => customer.statuses().at(-1)).toBe('ended');
    await tabTo(desktop, 'gadget.chat.close');
    await desktop.page.keyboard.press('Enter');
    await expect(desktop.chatTabs).toHaveCount(0);
  } finally {
    customer.close();
  }
});

test('an Arabic Finesse locale turns the gadget right to left, in Arabic', async ({ desktop, stack }) => {
  const who = agent('1001');
  await desktop.page.goto(`${stack.simUrl}/desktop/?locale=ar_SA`);
  await desktop.page.getByTestId('desktop.signin.id').fill(who.id);
  await desktop.page.getByTestId('desktop.signin.password').fill(who.password);
  await desktop.page.getByTestId('desktop.signin.extension').fill(who.extension);
  await desktop.page.getByTestId('desktop.signin.submit').click();

  await gadgetReady(desktop);
  const root = desktop.gadget.getByTestId('gadget.root');
  await expect(root).toHaveAttribute('dir', 'rtl');
  await expect(root).toHaveAttribute('lang', 'ar');
  await expect(desktop.gadget.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(desktop.gadget.getByTestId('gadget.ready')).toHaveText('جاهز للدردشة');
  await desktop.goReadyForChat();

  const customers = [
    await startApiCustomer(stack.chatUrl, 'ليلى حسن', { email: 'layla@example.com' }),
    await startApiCustomer(stack.chatUrl, 'Omar Farouk', { topic: 'billing' }),
  ];
  try {
    await desktop.acceptOffer('ليلى حسن');
    await expect(desktop.offer).toBeVisible();
    await customers[0]?.send('مرحبا، لدي سؤال عن فاتورتي');
    await expect(desktop.textMessages().last()).toContainText('فاتورتي');
    await expect(desktop.offer).toContainText('دردشة واردة');
    // Mirrored: the customer is on the right of the card, the answers on the left.
    const avatar = await desktop.offer.locator('.hc-offer__avatar').boundingBox();
    const accept = await desktop.offer.getByTestId('gadget.offer.accept').boundingBox();
    expect(avatar && accept && avatar.x > accept.x).toBe(true);
    await screenshot(desktop.page, 'gadget-rtl');
  } finally {
    for (const customer of customers) customer.close();
  }
});
