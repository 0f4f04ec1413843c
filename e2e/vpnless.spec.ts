/**
 * VPN-less access (seed 003) through a real nginx whose configuration the admin tool wrote.
 *
 * The simulated desktop and the chat server are reached only through the proxy's external
 * host:ports (`*.vpnless.test`, resolved to 127.0.0.1 by Chromium's host-resolver rules, over TLS
 * with a self-signed certificate). The simulator polls the proxy-config map and rewrites the
 * gadget's `externalServerHostAndPort_chat` pref for proxied desktops; on the LAN address the
 * same desktop keeps the default.
 */
import type { Page, WebSocket } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { expect, screenshot, test } from './fixtures.ts';
import { AgentDesktop, CustomerPage } from './support/pages.ts';
import { startProxiedStack, type ProxiedStack } from './support/proxiedStack.ts';

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

async function chatEndToEnd(stack: ProxiedStack, desktop: AgentDesktop, customer: CustomerPage) {
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
  void stack;
}

test.describe('through nginx with WebSocket upgrade', () => {
  let stack: ProxiedStack;
  test.beforeEach(async () => {
    stack = await startProxiedStack({ websocket: true });
  });
  test.afterEach(async () => {
    await stack?.stop();
  });

  test('gadget and widget reach the chat server at the mapped external host:port over WebSocket', async ({
    browser,
  }) => {
    const agentContext = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 860 },
    });
    const customerContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const agentPage = await agentContext.newPage();
    const customerPage = await customerContext.newPage();
    const agentSockets = watchSockets(agentPage);
    const customerSockets = watchSockets(customerPage);
    const gadgetScripts: string[] = [];
    agentPage.on('request', (request) => {
      if (request.url().includes('/gadget/gadget.js')) gadgetScripts.push(request.url());
    });

    const desktop = new AgentDesktop(agentPage, stack.external.finesse);
    const customer = new CustomerPage(customerPage, stack.external.chat);
    await chatEndToEnd(stack, desktop, customer);

    // The gadget's assets and its socket follow the map's right-hand side, not the LAN default.
    expect(gadgetScripts.length).toBeGreaterThan(0);
    for (const url of gadgetScripts)
      expect(url).toMatch(new RegExp(`^${stack.external.chat}/gadget/gadget\\.js`));
    const wss = stack.external.chat.replace(/^https:/, 'wss:');
    const agentWs = socketIoOf(agentSockets, wss);
    expect(agentWs.length, `agent sockets: ${agentSockets.map((s) => s.url()).join(', ')}`).toBeGreaterThan(
      0,
    );
    expect(agentWs.some((socket) => socket.url().includes('transport=websocket') && !socket.isClosed())).toBe(
      true,
    );
    expect(socketIoOf(customerSockets, wss).length).toBeGreaterThan(0);
    expect(agentSockets.some((socket) => socket.url().includes(stack.lan.chatHostPort))).toBe(false);
    await expect(desktop.gadget.getByTestId('polling-warning')).toHaveCount(0);
    await screenshot(agentPage, 'vpnless-gadget-proxied');

    // The same desktop on the LAN address keeps the default host:port.
    const lanContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const lanPage = await lanContext.newPage();
    const lanSockets = watchSockets(lanPage);
    const lanDesktop = new AgentDesktop(lanPage, stack.lan.finesse);
    await lanDesktop.signIn('1002');
    await expect(lanDesktop.chatState).toBeVisible();
    await expect
      .poll(() => socketIoOf(lanSockets, `ws://${stack.lan.chatHostPort}`).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(lanSockets.some((socket) => socket.url().includes('vpnless.test'))).toBe(false);

    await Promise.all([agentContext.close(), customerContext.close(), lanContext.close()]);
    // nginx itself switched protocols (101) for socket.io: the upgrade happened at the proxy. An
    // upgraded connection is logged when it closes, hence after the pages are gone.
    await expect
      .poll(() => stack.nginx.accessLog(), { timeout: 10_000 })
      .toMatch(/"GET \/socket\.io\/\?[^"]*transport=websocket[^"]*" 101 /);
  });
});

test.describe('through nginx without the Upgrade headers', () => {
  let stack: ProxiedStack;
  test.beforeEach(async () => {
    stack = await startProxiedStack({ websocket: false });
  });
  test.afterEach(async () => {
    await stack?.stop();
  });

  test('the gadget warns that the connection stayed on polling, and chat still works', async ({
    browser,
  }) => {
    const agentContext = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 860 },
    });
    const customerContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const desktop = new AgentDesktop(await agentContext.newPage(), stack.external.finesse);
    const customer = new CustomerPage(await customerContext.newPage(), stack.external.chat);

    await chatEndToEnd(stack, desktop, customer);
    const warning = desktop.gadget.getByTestId('polling-warning');
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning).toContainText('Upgrade');
    await expect(warning).toContainText('Connection');
    await screenshot(desktop.page, 'vpnless-gadget-polling-warning');

    await Promise.all([agentContext.close(), customerContext.close()]);
    // The browser tried, and nginx (without the Upgrade headers) never switched protocols.
    await expect.poll(() => stack.nginx.accessLog(), { timeout: 10_000 }).toMatch(/transport=websocket/);
    expect(stack.nginx.accessLog()).not.toMatch(/transport=websocket[^"]*" 101 /);
  });
});
