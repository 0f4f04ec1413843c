/**
 * Desktop Chat's servers end to end (docs/desktop-chat.md), on one shared stack: two real Prosody
 * servers sharing the demo agents (an IM node pair), the chat server and the Finesse simulator, all
 * behind a real nginx configured by `hybrid-chat proxy nginx --xmpp` (VPN-less access).
 *
 * The agent (María, 1001) uses the gadget in Chromium on the internet side of the proxy; her
 * colleague James (1002) and her own second client (a Node xmpp.js client standing in for Jabber)
 * use the SDK from this process on the LAN side. Finesse's Desktop Chat Server Settings (ChatConfig)
 * name the two Prosody servers; the simulator hands them to the gadget, rewritten from the
 * proxy-config map to nginx's external host:ports.
 *
 *   - the same conversation over BOSH and over XMPP over WebSocket, both through nginx;
 *   - a message María sends from her other client shows in the gadget's chat (XEP-0280 carbons);
 *   - the primary Prosody stopped mid-chat: the gadget moves to the secondary, keeps its presence,
 *     the open chat and its messages, and carries new ones; with the primary back, a later sign-in
 *     uses it again.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { createDesktopChat } from '../sdk/desktop-chat/index.ts';
import type { ChatMessage, DesktopChat, DesktopChatTransport } from '../sdk/desktop-chat/index.ts';
import { imAccountsOf, startImServers, type ImServers } from '../server/testing/desktopChatServers.ts';
import { loadAgentsFile } from '../simulator/agents.ts';
import { expect, screenshot, test } from './fixtures.ts';
import { AgentDesktop } from './support/pages.ts';
import { startProxiedStack, type ProxiedStack } from './support/proxiedStack.ts';

const DOMAIN = 'desk.test';
const MARIA = { id: '1001', username: '1001', password: 'pass1001', jid: `1001@${DOMAIN}` };
const JAMES = { username: '1002', password: 'pass1002', jid: `1002@${DOMAIN}`, name: "James O'Brien" };

test.describe.configure({ mode: 'serial' });
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.vpnless.test 127.0.0.1'],
  },
});

let im: ImServers;
let proxied: ProxiedStack;
let context: BrowserContext;
let desktop: AgentDesktop;
const clients: DesktopChat[] = [];
/** Every IM request and WebSocket of the agent's page, by URL. */
const seen: { requests: string[]; sockets: string[] } = { requests: [], sockets: [] };

const lanUrl = (port: number, transport: DesktopChatTransport) =>
  transport === 'bosh' ? `http://127.0.0.1:${port}/http-bind` : `ws://127.0.0.1:${port}/xmpp-websocket`;

/** A Node client on the LAN (a colleague, or Jabber), on both servers like the gadget. */
async function nodeClient(
  who: { username: string; password: string },
  transport: DesktopChatTransport,
  resource: string,
  only?: 'secondary',
): Promise<DesktopChat> {
  const stored = new Map<string, string>();
  const chat = createDesktopChat({
    service: only
      ? { primary: lanUrl(im.secondary!.httpPort, transport) }
      : {
          primary: lanUrl(im.primary.httpPort, transport),
          secondary: lanUrl(im.secondary!.httpPort, transport),
        },
    transport,
    domain: DOMAIN,
    username: who.username,
    password: who.password,
    resource,
    storage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
    },
    bosh: { wait: 5, maxRetries: 1, retryDelayMs: 200 },
  });
  clients.push(chat);
  await chat.start();
  return chat;
}

function nextMessage(chat: DesktopChat, body: string): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const off = chat.on('message', (message) => {
      if (message.body === body) {
        off();
        resolve(message);
      }
    });
  });
}

/** Finesse's Desktop Chat Server Settings through its administrator API. */
async function setChatConfig(transport: DesktopChatTransport): Promise<void> {
  const xml =
    `<ChatConfig><primaryNode>${lanUrl(im.primary.httpPort, transport)}</primaryNode>` +
    `<secondaryNode>${lanUrl(im.secondary!.httpPort, transport)}</secondaryNode></ChatConfig>`;
  const response = await fetch(`${proxied.stack.simUrl}/finesse/api/ChatConfig`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'content-type': 'application/xml',
    },
    body: xml,
  });
  expect(response.status, await response.text()).toBe(200);
}

const panel = () => desktop.gadget.getByTestId('dc.panel');
const pane = () => desktop.gadget.getByTestId('dc.pane');
const bodies = () => pane().getByTestId('dc.message.body');

/** Signs the agent in to the Finesse desktop (through the proxy) and then to Desktop Chat. */
async function signInToDesktopChat(page: Page): Promise<void> {
  desktop = new AgentDesktop(page, proxied.external.finesse);
  await desktop.signIn(MARIA.id);
  await desktopChatSignIn();
}

/** The gadget's own Desktop Chat sign-in (the Finesse desktop already signed in). */
async function desktopChatSignIn(): Promise<void> {
  const button = desktop.gadget.getByTestId('dc.button');
  await expect(button).toBeVisible();
  if (!(await panel().isVisible())) await button.click();
  const form = desktop.gadget.getByTestId('dc.signIn');
  await form.getByTestId('dc.signIn.username').fill(MARIA.username);
  await form.getByTestId('dc.signIn.password').fill(MARIA.password);
  await form.getByTestId('dc.signIn.submit').click();
  await expect(desktop.gadget.getByTestId('dc.presence')).toBeVisible({ timeout: 15_000 });
}

async function openChatWithJames(): Promise<void> {
  await desktop.gadget.getByTestId('dc.contact').filter({ hasText: JAMES.name }).first().click();
  await expect(pane()).toHaveAttribute('data-peer', JAMES.jid);
}

async function sendFromGadget(text: string): Promise<void> {
  await pane().getByTestId('dc.composer').fill(text);
  await pane().getByTestId('dc.composer').press('Enter');
  await expect(bodies().filter({ hasText: text })).toHaveCount(1);
}

/** A screenshot with the open chat in view (it is below the contact list in the gadget). */
async function chatScreenshot(name: string): Promise<void> {
  await pane().scrollIntoViewIfNeeded();
  await screenshot(desktop.page, name);
}

/** A new browser context for the agent (closing the last), its IM traffic recorded in `seen`. */
async function newAgentPage(browser: Browser): Promise<Page> {
  await context?.close();
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (request.url().includes('.vpnless.test') && /\/(http-bind|xmpp-websocket)/.test(request.url()))
      seen.requests.push(request.url());
  });
  page.on('websocket', (socket) => seen.sockets.push(socket.url()));
  return page;
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  // María's team only: every registration is a prosodyctl run, on each server.
  const accounts = imAccountsOf(loadAgentsFile()).filter((account) =>
    account.groups.includes('Retail Banking'),
  );
  im = await startImServers({ domain: DOMAIN, accounts, secondary: true });
  try {
    proxied = await startProxiedStack({
      websocket: true,
      env: { XMPP_DOMAIN: DOMAIN },
      xmpp: [`127.0.0.1:${im.primary.httpPort}`, `127.0.0.1:${im.secondary!.httpPort}`],
    });
  } catch (error) {
    await im.stop();
    throw error;
  }
});

test.afterAll(async () => {
  await Promise.all(clients.splice(0).map((chat) => chat.stop().catch(() => {})));
  await context?.close();
  await proxied?.stop();
  await im?.stop();
});

test('the same conversation over BOSH and over WebSocket, through nginx at the mapped host:port', async ({
  browser,
}) => {
  const [primaryExternal] = proxied.external.xmpp;
  for (const transport of ['bosh', 'websocket'] as const) {
    await setChatConfig(transport);
    seen.requests.length = 0;
    seen.sockets.length = 0;
    const james = await nodeClient(JAMES, transport, `desk-${transport}`);
    await signInToDesktopChat(await newAgentPage(browser));
    await openChatWithJames();

    const hello = `Hi James, can you take a look? (${transport})`;
    const received = nextMessage(james, hello);
    await sendFromGadget(hello);
    expect(await received).toMatchObject({ peer: MARIA.jid, direction: 'in' });
    const reply = `Sure, on my way (${transport})`;
    await james.sendMessage(MARIA.jid, reply);
    await expect(bodies().filter({ hasText: reply })).toHaveCount(1);

    // The gadget's connection went through nginx at the primary's external host:port, never to the LAN.
    if (transport === 'bosh') {
      expect(seen.requests.some((url) => url === `https://${primaryExternal}/http-bind`)).toBe(true);
    } else {
      expect(seen.sockets).toContain(`wss://${primaryExternal}/xmpp-websocket`);
    }
    expect([...seen.requests, ...seen.sockets].some((url) => url.includes('127.0.0.1'))).toBe(false);
    await chatScreenshot(`desktop-chat-${transport}-vpnless`);
    await james.stop();
    if (transport === 'bosh') {
      // Signed out (not just the page closed): a dropped BOSH session would stay online until its
      // inactivity limit, and her presence combines all her sessions.
      await desktop.gadget.getByTestId('dc.signOut').click();
      await expect(desktop.gadget.getByTestId('dc.signIn')).toBeVisible();
    }
  }
  // nginx switched protocols for the XMPP WebSocket, and answered BOSH requests.
  await expect
    .poll(() => proxied.nginx.accessLog(), { timeout: 10_000 })
    .toMatch(/"POST \/http-bind HTTP\/[\d.]+" 200 /);
});

test("a message the agent sends from another client shows in the gadget's chat (carbons)", async () => {
  const jabber = await nodeClient(MARIA, 'websocket', 'jabber');
  const james = await nodeClient(JAMES, 'websocket', 'desk-carbons');
  const text = 'Sent from my phone: call me after this one';
  const received = nextMessage(james, text);
  await jabber.sendMessage(JAMES.jid, text);
  await received;
  // In her chat with James, as her own message.
  await expect(pane()).toHaveAttribute('data-peer', JAMES.jid);
  const message = pane().getByTestId('dc.message').filter({ hasText: text });
  await expect(message).toHaveCount(1);
  await expect(message).toHaveAttribute('data-direction', 'out');
  await chatScreenshot('desktop-chat-carbon');
  // Her other client goes offline: her combined presence is the gadget's alone again.
  await Promise.all([jabber.stop(), james.stop()]);
});

test('the primary IM server stops mid-chat: the gadget moves to the secondary and loses nothing', async () => {
  const james = await nodeClient(JAMES, 'websocket', 'desk-failover');
  // James's phone, signed in to the secondary only: it writes while María is moving over.
  const phone = await nodeClient(JAMES, 'websocket', 'phone', 'secondary');
  await desktop.gadget.getByTestId('dc.presence.select').selectOption('away');
  await expect.poll(() => james.presenceOf(MARIA.jid).availability).toBe('away');
  const before = await bodies().count();
  expect(before).toBeGreaterThan(0);

  // The primary Prosody's process dies (its data stays, for later).
  process.kill(im.primary.pid!, 'SIGKILL');
  const meanwhile = 'Sent while your connection moved';
  await phone.sendMessage(MARIA.jid, meanwhile);
  // The gadget says it is reconnecting, opens its socket to the secondary (through nginx) and is back.
  await expect(desktop.gadget.getByTestId('dc.connection')).toHaveAttribute('data-status', 'reconnecting');
  const secondarySocket = `wss://${proxied.external.xmpp[1]}/xmpp-websocket`;
  await expect.poll(() => seen.sockets, { timeout: 25_000 }).toContain(secondarySocket);
  await expect(desktop.gadget.getByTestId('dc.connection')).toHaveCount(0, { timeout: 25_000 });
  await expect
    .poll(() => james.status === 'online' && james.servedBy?.which, { timeout: 25_000 })
    .toBe('secondary');

  // Presence kept, the chat and every message still there, and new ones carried both ways.
  await expect(desktop.gadget.getByTestId('dc.presence.select')).toHaveValue('away');
  await expect.poll(() => james.presenceOf(MARIA.jid).availability, { timeout: 10_000 }).toBe('away');
  await expect(pane()).toHaveAttribute('data-peer', JAMES.jid);
  // Every earlier message, and the one sent meanwhile (stored by the secondary until she was back).
  await expect(bodies().filter({ hasText: meanwhile })).toHaveCount(1);
  await expect(bodies()).toHaveCount(before + 1);
  await phone.stop();
  const fromJames = 'Still there after the failover?';
  await james.sendMessage(MARIA.jid, fromJames);
  await expect(bodies().filter({ hasText: fromJames })).toHaveCount(1);
  const toJames = 'Yes, nothing lost';
  const received = nextMessage(james, toJames);
  await sendFromGadget(toJames);
  await received;
  await chatScreenshot('desktop-chat-failover');

  // The primary back: a later sign-in uses it again.
  await im.primary.restart();
  seen.sockets.length = 0;
  await desktop.gadget.getByTestId('dc.signOut').click();
  await desktopChatSignIn();
  await expect.poll(() => seen.sockets).toContain(`wss://${proxied.external.xmpp[0]}/xmpp-websocket`);
  const later = await nodeClient(JAMES, 'bosh', 'desk-later');
  expect(later.servedBy?.which).toBe('primary');
});
