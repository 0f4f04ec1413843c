/**
 * The widget and the gadget under the chat server's script policy (server/http/securityHeaders.ts),
 * in a real browser, through a whole chat: not one Content-Security-Policy violation.
 *
 * The widget's pages get the policy from the chat server itself. The gadget runs in a page of the
 * Finesse desktop (here the simulator's gadget container), which the chat server does not serve; the
 * spec puts the same policy on that page, allowing scripts from the container and the chat server,
 * so that the gadget's own code is measured against it. A violation is caught twice: the
 * `securitypolicyviolation` event in every frame, and Chromium's console error.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { SCRIPT_POLICY } from '../server/http/securityHeaders.ts';
import { expect, test } from './fixtures.ts';

// A response the spec fulfils has no address space of its own, so Chromium's Local Network Access
// checks would stop the gadget page (now "public") from loading the chat server on loopback.
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
    ],
  },
});

const MARK = '[csp-violation]';
const isGadgetPage = (url: URL) => url.pathname === '/gadgets/ifr';

/** Collects every CSP violation of `page` and its frames from now on. */
async function watchViolations(context: BrowserContext, page: Page): Promise<string[]> {
  const seen: string[] = [];
  await context.addInitScript((mark: string) => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`${mark} ${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}`),
    );
  }, MARK);
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(MARK) || /Content.Security.Policy/i.test(text)) seen.push(text);
  });
  return seen;
}

/** A frame's attempt at inline script: refused under the policy (the watch must see it). */
async function tryInlineScript(frame: Frame): Promise<unknown> {
  return frame.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as { __inlineRan?: boolean }).__inlineRan ?? false;
  });
}

test('the widget and the gadget chat under a script CSP without a single violation', async ({
  stack,
  customer,
  desktop,
}) => {
  // The pages' headers, as the chat server sends them.
  for (const path of ['/', '/widget/']) {
    const response = await customer.page.request.get(`${stack.chatUrl}${path}`);
    expect(response.headers()['content-security-policy'], path).toContain(SCRIPT_POLICY);
    expect(response.headers()['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }

  const customerViolations = await watchViolations(customer.page.context(), customer.page);
  const agentViolations = await watchViolations(desktop.page.context(), desktop.page);
  // The container names the gadget's server in a <base> (as Shindig does), so base-uri allows it too.
  const gadgetPolicy = SCRIPT_POLICY.replace(
    "script-src 'self'",
    `script-src 'self' ${stack.chatUrl}`,
  ).replace("base-uri 'self'", `base-uri 'self' ${stack.chatUrl}`);
  await desktop.page.context().route(isGadgetPage, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': gadgetPolicy },
    });
  });

  await customer.open();
  await customer.startChat('Dana Whitfield');
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Dana Whitfield');
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  await customer.send('Hello, my router blinks red.');
  await expect(desktop.textMessages().last()).toContainText('my router blinks red');
  await desktop.send('Please unplug it for ten seconds.');
  await expect(customer.textMessages().last()).toContainText('unplug it');
  await desktop.endChat();
  await expect(customer.status).toHaveAttribute('data-status', 'ended');

  expect(customerViolations).toEqual([]);
  expect(agentViolations).toEqual([]);

  // The watch works: inline script is refused in both apps' frames, and reported.
  const widgetFrame = customer.page.frames().find((frame) => frame.url().includes('/widget/'));
  const gadgetFrame = desktop.page.frames().find((frame) => frame.url().includes('/gadgets/ifr'));
  expect(await tryInlineScript(widgetFrame!)).toBe(false);
  expect(await tryInlineScript(gadgetFrame!)).toBe(false);
  await expect.poll(() => customerViolations.some((text) => text.includes('script-src'))).toBe(true);
  await expect.poll(() => agentViolations.some((text) => text.includes('script-src'))).toBe(true);
});
