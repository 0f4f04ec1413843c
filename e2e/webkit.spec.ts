/**
 * Safari's engine (WebKitGTK through WebKitWebDriver, e2e/support/webkit.ts): the customer widget
 * on the demo page chats both ways with an agent in Chromium, across a reload.
 */
import { resolve } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures.ts';
import { startWebKit, type WebKitSession } from './support/webkit.ts';

const id = (testId: string) => `[data-testid="${testId}"]`;
// Kept in the repository (e2e/screenshots/README.md), as the polish screenshots are.
const SHOTS = resolve(SCREENSHOT_DIR, 'browsers');
const LAUNCHER = `return document.querySelector('hybrid-chat').shadowRoot.querySelector('${id('widget.launcher')}')`;
const FRAME = `return document.querySelector('hybrid-chat').shadowRoot.querySelector('${id('widget.frame')}')`;
const HAS_MESSAGE = `return [...document.querySelectorAll('${id('widget.message')}')].some((m) => m.textContent.includes(arguments[0]))`;

async function intoWidget(webkit: WebKitSession): Promise<void> {
  await webkit.frame(null);
  await webkit.waitUntil(
    `return document.querySelector('hybrid-chat')?.shadowRoot.querySelector('${id('widget.frame')}') != null`,
  );
  await webkit.frame(await webkit.execute(FRAME));
}

async function send(webkit: WebKitSession, text: string): Promise<void> {
  await webkit.type(await webkit.find(id('widget.composer')), text);
  await webkit.click(await webkit.find(id('widget.send')));
}

test('the widget in WebKit chats both ways with an agent in Chromium, across a reload', async ({
  desktop,
  stack,
}) => {
  await desktop.signIn('1001');
  await desktop.goReadyForChat();

  const webkit = await startWebKit();
  try {
    await webkit.goto(`${stack.chatUrl}/`);
    await webkit.waitUntil(`return document.querySelector('hybrid-chat')?.shadowRoot != null`);
    await webkit.click(await webkit.execute(LAUNCHER));
    await intoWidget(webkit);
    await webkit.type(await webkit.find(id('widget.prechat.name')), 'Wendy Webb');
    await webkit.click(await webkit.find(id('widget.prechat.start')));

    await desktop.acceptOffer('Wendy Webb');
    await send(webkit, 'Hello from WebKit');
    await expect(desktop.textMessages().filter({ hasText: 'Hello from WebKit' })).toHaveCount(1);
    await desktop.send('Hello, Wendy');
    await webkit.waitUntil(HAS_MESSAGE, 'Hello, Wendy');

    await webkit.frame(null);
    await webkit.refresh();
    await webkit.waitUntil(`return document.querySelector('hybrid-chat')?.shadowRoot != null`);
    // The loader reopens the panel it had open; open it if it did not.
    const expanded = await webkit.execute<string | null>(`${LAUNCHER}.getAttribute('aria-expanded')`);
    if (expanded !== 'true') await webkit.click(await webkit.execute(LAUNCHER));
    await intoWidget(webkit);
    await webkit.waitUntil(HAS_MESSAGE, 'Hello, Wendy');
    await send(webkit, 'Back after a reload');
    await expect(desktop.textMessages().filter({ hasText: 'Back after a reload' })).toHaveCount(1);
    await desktop.send('Welcome back');
    await webkit.waitUntil(HAS_MESSAGE, 'Welcome back');
    await webkit.screenshot(resolve(SHOTS, 'webkit-widget.png'));
    await expect(desktop.textMessages().filter({ hasText: 'Hello from WebKit' })).toHaveCount(1);
  } finally {
    await webkit.close();
  }
});
