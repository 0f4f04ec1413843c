/**
 * VPN-less access (docs/requirements.md) through a real nginx whose configuration the admin tool wrote.
 *
 * The simulated desktop and the chat server are reached only through the proxy's external
 * host:ports (`*.vpnless.test`, resolved to 127.0.0.1 by Chromium's host-resolver rules, over TLS
 * with a self-signed certificate). The simulator polls the proxy-config map and rewrites the
 * gadget's `externalServerHostAndPort_chat` pref for proxied desktops; on the LAN address the
 * same desktop keeps the default.
 */
import type { Browser, BrowserContext, Page, WebSocket } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { expect, screenshot, test as base } from './fixtures.ts';
import { AgentDesktop, CustomerPage } from './support/pages.ts';
import { startProxiedStack, type ProxiedStack } from './support/proxiedStack.ts';

/** The proxied stack for a test: `websocket: false` deletes the Upgrade lines from nginx's config. */
const test = base.extend<{ websocket: boolean; proxied: ProxiedStack }>({
  websocket: [true, { option: true }],
  proxied: async ({ websocket }, use) => {
    const proxied = await startProxiedStack({ websocket });
    await use(proxied);
    await proxied.stop();
  },
});

test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.vpnless.test 127.0.0.1'],
  },
});

/** Every WebSocket a page opens (frames included), by URL. */
function watchSockets(page: Page): WebSocket[] {
  const sockets: WebSocket[] = [];
  page.on('websocket', (socket) => sockets.push(socket));
  return sockets;
}

const socketIoOf = (sockets: WebSocket[], origin: string): WebSocket[] =>
  sockets.filter((socket) => socket.url().startsWith(`${origin}/socket.io/`));

/** An agent and a customer, each in their own context, both on the internet side of the proxy. */
async function internetUsers(browser: Browser, proxied: ProxiedStack) {
  const contexts: BrowserContext[] = [
    await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 860 } }),
    await browser.newContext({ ignoreHTTPSErrors: true }),
  ];
  const [agentPage, customerPage] = await Promise.all(contexts.map((context) => context.newPage()));
  return {
    desktop: new AgentDesktop(agentPage!, proxied.external.finesse),
    customer: new CustomerPage(customerPage!, proxied.external.chat),
    close: () => Promise.all(contexts.map((context) => context.close())),
  };
}

async function chatEndToEnd(desktop: AgentDesktop, customer: CustomerPage) {
  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await customer.open();
  await customer.startChat('Robin Vale');
  await desktop.acceptOffer('Robin Vale');
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  await customer.send('Hello from the internet');
  await expect(desktop.textMessages().last()).toContainText('Hello from the internet');
  await desktop.send('Hello Robin, through the proxy');
  await expect(customer.textMessages().last()).toContainText('Hello Robin, through the proxy');
}

test('gadget and widget reach the chat server at the mapped external host:port over WebSocket', async ({
  browser,
  proxied,
}) => {
  const { desktop, customer, close } = await internetUsers(browser, proxied);
  const agentSockets = watchSockets(desktop.page);
  const customerSockets = watchSockets(customer.page);
  const gadgetScripts: string[] = [];
  desktop.page.on('request', (request) => {
    if (request.url().includes('/gadget/gadget.js')) gadgetScripts.push(request.url());
  });
  await chatEndToEnd(desktop, customer);

  // The gadget's assets and its socket follow the map's right-hand side, not the LAN default.
  expect(gadgetScripts.length).toBeGreaterThan(0);
  for (const url of gadgetScripts)
    expect(url.startsWith(`${proxied.external.chat}/gadget/gadget.js`)).toBe(true);
  const wss = proxied.external.chat.replace(/^https:/, 'wss:');
  const agentWs = socketIoOf(agentSockets, wss);
  expect(agentWs.length, `agent sockets: ${agentSockets.map((s) => s.url()).join(', ')}`).toBeGreaterThan(0);
  expect(agentWs.some((socket) => socket.url().includes('transport=websocket') && !socket.isClosed())).toBe(
    true,
  );
  expect(socketIoOf(customerSockets, wss).length).toBeGreaterThan(0);
  expect(agentSockets.some((socket) => socket.url().includes(proxied.lan.chatHostPort))).toBe(false);
  await expect(desktop.gadget.getByTestId('polling-warning')).toHaveCount(0);
  await screenshot(desktop.page, 'vpnless-gadget-proxied');

  // The same desktop on the LAN address keeps the default host:port.
  const lanContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const lanPage = await lanContext.newPage();
  const lanSockets = watchSockets(lanPage);
  const lanDesktop = new AgentDesktop(lanPage, proxied.lan.finesse);
  await lanDesktop.signIn('1002');
  await expect(lanDesktop.chatState).toBeVisible();
  await expect
    .poll(() => socketIoOf(lanSockets, `ws://${proxied.lan.chatHostPort}`).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(lanSockets.some((socket) => socket.url().includes('vpnless.test'))).toBe(false);

  await Promise.all([close(), lanContext.close()]);
  // nginx itself switched protocols (101) for socket.io: the upgrade happened at the proxy. An
  // upgraded connection is logged when it closes, hence after the pages are gone.
  await expect
    .poll(() => proxied.nginx.accessLog(), { timeout: 10_000 })
    .toMatch(/"GET \/socket\.io\/\?[^"]*transport=websocket[^"]*" 101 /);
});

test.describe('without the Upgrade headers in nginx', () => {
  test.use({ websocket: false });

  test('the gadget warns that the connection stayed on polling, and chat still works', async ({
    browser,
    proxied,
  }) => {
    const { desktop, customer, close } = await internetUsers(browser, proxied);
    await chatEndToEnd(desktop, customer);
    const warning = desktop.gadget.getByTestId('polling-warning');
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning).toContainText('Upgrade');
    await expect(warning).toContainText('Connection');
    await screenshot(desktop.page, 'vpnless-gadget-polling-warning');

    await close();
    // The browser tried, and nginx (without the Upgrade headers) never switched protocols.
    await expect.poll(() => proxied.nginx.accessLog(), { timeout: 10_000 }).toMatch(/transport=websocket/);
    expect(proxied.nginx.accessLog()).not.toMatch(/transport=websocket[^"]*" 101 /);
  });
});
