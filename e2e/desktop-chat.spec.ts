/**
 * Desktop Chat in the gadget, end to end through a real Prosody (docs/desktop-chat.md): two agents
 * in two simulated Finesse desktops, María (1001) and James (1002), sign in to Desktop Chat with
 * their IM identities (the demo IM users are the Finesse agent ids); three more colleagues (Sophie, Priya, Kenji) are SDK clients in this
 * process. One shared stack: a throwaway Prosody with the demo agents, the chat server and the
 * Finesse simulator, whose Desktop Chat Server Settings (ChatConfig) name the Prosody over BOSH.
 *
 * Covered: sign-in; presence seen by the other (Available → DND → Away → offline); chat with typing
 * and delivered receipts; four chats → three tabs and an overflow, unread badges and the minimized
 * count; Do Not Disturb (shown only in the open chat, the button blinks, no notification); a file
 * accepted and one declined (the sender sees "declined"); roster groups (add to a new group, rename,
 * move two at once, delete one from a group, delete a group); a reload keeps the chats; sign-out
 * clears them. Screenshots under e2e/screenshots/desktop-chat/.
 */
import type { BrowserContext, FrameLocator, Locator } from '@playwright/test';
import { createDesktopChat, type DesktopChat } from '../sdk/desktop-chat/index.ts';
import { imAccountsOf, startImServers, type ImServers } from '../server/testing/desktopChatServers.ts';
import { loadAgentsFile } from '../simulator/agents.ts';
import { expect, screenshot, test } from './fixtures.ts';
import { axe } from './support/gadgetAxe.ts';
import { AgentDesktop } from './support/pages.ts';
import { startStack, type Stack } from './support/stack.ts';

const DOMAIN = 'desk.test';
const jid = (username: string) => `${username}@${DOMAIN}`;
const MARIA = { id: '1001', username: '1001', password: 'pass1001', name: 'María González' };
const JAMES = { id: '1002', username: '1002', password: 'pass1002', name: "James O'Brien" };
const SOPHIE = { username: '1005', password: 'pass1005', name: 'Sophie Dubois' };
const PRIYA = { username: '1003', password: 'pass1003', name: 'Priya Raman' };
const KENJI = { username: '1004', password: 'pass1004', name: 'Kenji Watanabe' };
const shot = (name: string) => `desktop-chat/${name}`;

test.describe.configure({ mode: 'serial' });

let im: ImServers;
let stack: Stack;
const contexts: BrowserContext[] = [];
const clients: DesktopChat[] = [];
let maria: AgentDesktop;
let james: AgentDesktop;

async function colleague(who: { username: string; password: string }): Promise<DesktopChat> {
  const chat = createDesktopChat({
    service: { primary: `ws://127.0.0.1:${im.primary.httpPort}/xmpp-websocket` },
    transport: 'websocket',
    domain: DOMAIN,
    username: who.username,
    password: who.password,
    resource: 'e2e',
  });
  clients.push(chat);
  await chat.start();
  return chat;
}

/** The Finesse desktop, then Desktop Chat's own sign-in in the gadget. */
async function signIn(desktop: AgentDesktop, who: typeof MARIA): Promise<void> {
  await desktop.signIn(who.id);
  await desktopChatSignIn(desktop.gadget, who);
}

async function desktopChatSignIn(gadget: FrameLocator, who: typeof MARIA): Promise<void> {
  const button = gadget.getByTestId('dc.button');
  await expect(button).toBeVisible({ timeout: 20_000 });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const form = gadget.getByTestId('dc.signIn');
  await form.getByTestId('dc.signIn.username').fill(who.username);
  await form.getByTestId('dc.signIn.password').fill(who.password);
  await form.getByTestId('dc.signIn.submit').click();
  await expect(gadget.getByTestId('dc.presence')).toBeVisible({ timeout: 15_000 });
}

const contactIn = (gadget: FrameLocator, group: string, username: string): Locator =>
  gadget.locator(`[data-testid="dc.contact"][data-group="${group}"][data-jid="${jid(username)}"]`);
const groupRow = (gadget: FrameLocator, group: string): Locator =>
  gadget.locator(`[data-testid="dc.group"][data-group="${group}"]`);
const tabs = (gadget: FrameLocator) => gadget.getByTestId('dc.tab');
const pane = (gadget: FrameLocator) => gadget.getByTestId('dc.pane');

async function groupAction(gadget: FrameLocator, group: string, action: string): Promise<void> {
  await groupRow(gadget, group).getByTestId('dc.group.menu').click();
  await gadget.getByTestId(`dc.group.menu.${action}`).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  im = await startImServers({ domain: DOMAIN, accounts: imAccountsOf(loadAgentsFile()) });
  try {
    stack = await startStack({ env: { XMPP_DOMAIN: DOMAIN } });
  } catch (error) {
    await im.stop();
    throw error;
  }
  // Finesse's Desktop Chat Server Settings, through its administrator API.
  const response = await fetch(`${stack.simUrl}/finesse/api/ChatConfig`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'content-type': 'application/xml',
    },
    body: `<ChatConfig><primaryNode>http://127.0.0.1:${im.primary.httpPort}/http-bind</primaryNode></ChatConfig>`,
  });
  expect(response.status, await response.text()).toBe(200);
  for (let n = 0; n < 2; n++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['notifications']);
    // Counts browser notifications; `__hidden` plays a desktop tab in the background.
    await context.addInitScript(() => {
      const w = window as Window & { __notes?: string[]; __hidden?: boolean };
      w.__notes = [];
      const Original = window.Notification;
      if (!Original) return;
      class Counted extends Original {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          (window.top as Window & { __notes?: string[] }).__notes?.push(`${title}|${options?.body ?? ''}`);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Counted });
      Object.defineProperty(document, 'visibilityState', {
        get: () => ((window.top as Window & { __hidden?: boolean }).__hidden ? 'hidden' : 'visible'),
      });
    });
    contexts.push(context);
  }
  maria = new AgentDesktop(await contexts[0]!.newPage(), stack.simUrl);
  james = new AgentDesktop(await contexts[1]!.newPage(), stack.simUrl);
});

test.afterAll(async () => {
  await Promise.all(clients.splice(0).map((chat) => chat.stop().catch(() => {})));
  for (const context of contexts) await context.close();
  await stack?.stop();
  await im?.stop();
});

test('sign-in, and each sees the other go Available → Do Not Disturb → Away', async () => {
  await Promise.all([signIn(maria, MARIA), signIn(james, JAMES)]);
  const m = maria.gadget;
  // The team's shared group, with James signed in.
  const jamesRow = contactIn(m, 'Retail Banking', JAMES.username);
  await expect(jamesRow).toHaveAttribute('data-availability', 'available');
  await expect(jamesRow.getByTestId('dc.contact.status')).toHaveText('Available');
  await screenshot(maria.page, shot('contact-list'));
  await axe(maria, 'desktop chat contact list');

  const mariaRow = contactIn(james.gadget, 'Retail Banking', MARIA.username);
  await expect(mariaRow).toHaveAttribute('data-availability', 'available');
  await m.getByTestId('dc.presence.select').selectOption('dnd');
  await expect(mariaRow).toHaveAttribute('data-availability', 'dnd');
  await expect(mariaRow.getByTestId('dc.contact.status')).toHaveText('Do not disturb');
  await m.getByTestId('dc.presence.text').fill('On a call');
  await m.getByTestId('dc.presence.select').selectOption('away');
  await expect(mariaRow).toHaveAttribute('data-availability', 'away');
  await expect(mariaRow.getByTestId('dc.contact.status')).toHaveText('Away: On a call');
  await m.getByTestId('dc.presence.text').fill('');
  await m.getByTestId('dc.presence.select').selectOption('available');
  await expect(mariaRow).toHaveAttribute('data-availability', 'available');
});

test('a chat with typing and delivered receipts', async () => {
  const m = maria.gadget;
  const j = james.gadget;
  await contactIn(m, 'Retail Banking', JAMES.username).getByTestId('dc.contact.name').click();
  await expect(pane(m)).toHaveAttribute('data-peer', jid(JAMES.username));
  await pane(m).getByTestId('dc.composer').pressSequentially('Can you take a', { delay: 30 });
  // James has no chat open: María's message opens one, in front of him (his panel is open).
  await pane(m).getByTestId('dc.composer').press('Enter');
  await expect(pane(j)).toHaveAttribute('data-peer', jid(MARIA.username));
  await expect(pane(j).getByTestId('dc.message.body')).toHaveText(['Can you take a']);
  // James types: María sees it; his reply clears it.
  await pane(j).getByTestId('dc.composer').pressSequentially('Sure', { delay: 30 });
  await expect(pane(m).getByTestId('dc.typing')).toHaveText(`${JAMES.name} is typing…`);
  await pane(j).getByTestId('dc.composer').press('Enter');
  await expect(pane(m).getByTestId('dc.message.body')).toHaveText(['Can you take a', 'Sure']);
  // María's message reached James's client: ✓✓.
  const mine = pane(m).locator('[data-testid="dc.message"][data-direction="out"]');
  await expect(mine.locator('[data-receipt]')).toHaveAttribute('data-receipt', 'delivered');
  await expect(pane(m).getByTestId('dc.typing')).toHaveCount(0);
});

test('four chats: three tabs and an overflow, unread badges, the minimized count; DND', async () => {
  const m = maria.gadget;
  const [sophie, priya, kenji] = await Promise.all([colleague(SOPHIE), colleague(PRIYA), colleague(KENJI)]);
  await sophie.sendMessage(jid(MARIA.username), 'Sophie here: quick question');
  await priya.sendMessage(jid(MARIA.username), 'Priya: card limits?');
  await kenji.sendMessage(jid(MARIA.username), 'Kenji: lunch later?');
  await expect(tabs(m)).toHaveCount(3);
  await expect(m.getByTestId('dc.tabs.more')).toHaveText('+1');
  // James's chat stays open; the others count unread (no badge on the active tab).
  await expect(tabs(m).filter({ has: m.getByTestId('dc.tab.unread') })).toHaveCount(2);
  await expect(tabs(m).locator('[aria-selected="true"]').getByTestId('dc.tab.unread')).toHaveCount(0);
  await screenshot(maria.page, shot('three-tabs-overflow'));
  await axe(maria, 'desktop chat tabs');
  // The overflow menu lists the fourth chat; choosing it gives it a tab and clears its badge.
  await m.getByTestId('dc.tabs.more').click();
  const hidden = m.getByRole('menuitem');
  await expect(hidden).toHaveCount(1);
  const peer = ((await hidden.getAttribute('data-testid')) ?? '').replace('dc.tabs.more.', '');
  await hidden.click();
  await expect(pane(m)).toHaveAttribute('data-peer', peer);
  // It took the third place; the chat there moved behind the overflow with its unread message.
  await expect(tabs(m)).toHaveCount(3);
  await expect(tabs(m).filter({ has: m.getByTestId('dc.tab.unread') })).toHaveCount(1);

  // Minimized: the header counts the chats with unread messages.
  await m.getByTestId('dc.window.toggle').click();
  await expect(m.getByTestId('dc.window.unreadChats')).toHaveText(/^2/);
  await screenshot(maria.page, shot('minimized-header'));

  // Do Not Disturb: no sound, no notification, no pop-up; the button blinks, the count grows.
  await m.getByTestId('dc.presence.select').selectOption('dnd');
  await maria.page.evaluate(() => ((window as Window & { __hidden?: boolean }).__hidden = true));
  // James writes in his chat, which had nothing unread: now three chats have unread messages.
  await pane(james.gadget).getByTestId('dc.composer').fill('María, are you there?');
  await pane(james.gadget).getByTestId('dc.composer').press('Enter');
  await expect(m.getByTestId('dc.window.unreadChats')).toHaveText(/^3/);
  await expect(m.getByTestId('dc.button')).toHaveAttribute('data-blink', 'true');
  await expect(m.getByTestId('dc.window')).toHaveAttribute('data-minimized', 'true');
  await screenshot(maria.page, shot('dnd'));
  expect(await maria.page.evaluate(() => (window as Window & { __notes?: string[] }).__notes)).toEqual([]);
  // Restored: the message shows in its chat, the blink stops.
  await m.getByTestId('dc.window.toggle').click();
  await expect(m.getByTestId('dc.button')).toHaveAttribute('data-blink', 'false');
  await m.getByTestId('dc.presence.select').selectOption('available');
  await maria.page.evaluate(() => ((window as Window & { __hidden?: boolean }).__hidden = false));
});

test('a file accepted and one declined: the sender sees "declined"', async () => {
  const m = maria.gadget;
  const j = james.gadget;
  await tabs(m).filter({ hasText: JAMES.name }).click();
  await expect(pane(j)).toHaveAttribute('data-peer', jid(MARIA.username));
  await pane(j)
    .getByTestId('dc.attach.input')
    .setInputFiles([
      { name: 'limits.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 limits') },
    ]);
  await pane(j)
    .getByTestId('dc.attach.input')
    .setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('some notes') }]);
  // Two uploads at once: each offer goes out when its upload is done, so either may come first.
  const offers = pane(m).getByTestId('dc.file');
  await expect(offers).toHaveCount(2, { timeout: 15_000 });
  const pdf = offers.filter({ hasText: 'limits.pdf' });
  const notes = offers.filter({ hasText: 'notes.txt' });
  await expect(pdf).toContainText(`File from ${JAMES.name}`);
  await screenshot(maria.page, shot('attachment-offer'));
  const download = maria.page.waitForEvent('download').catch(() => null);
  await pdf.getByTestId('dc.file.accept').click();
  await notes.getByTestId('dc.file.decline').click();
  await expect(pdf.getByTestId('dc.file.state')).toHaveText('Accepted');
  await expect(notes.getByTestId('dc.file.state')).toHaveText('Declined');
  const sent = pane(j).getByTestId('dc.file');
  await expect(sent.filter({ hasText: 'notes.txt' }).getByTestId('dc.file.state')).toHaveText(
    `${MARIA.name} declined the file.`,
  );
  await expect(sent.filter({ hasText: 'limits.pdf' }).getByTestId('dc.file.state')).toHaveText(
    `${MARIA.name} accepted the file.`,
  );
  void download;
});

test('groups: add to a new group, rename, move two at once, delete one from a group, delete a group', async () => {
  const m = maria.gadget;
  await groupAction(m, 'Retail Banking', 'add');
  const dialog = m.getByTestId('dc.dialog');
  await dialog.getByTestId('dc.dialog.address').fill(PRIYA.username);
  await dialog.getByTestId('dc.dialog.name').fill('Priya (cards)');
  await dialog.getByTestId('dc.dialog.group').selectOption({ label: 'New group…' });
  await dialog.getByTestId('dc.dialog.newGroup').fill('Experts');
  await dialog.getByTestId('dc.dialog.submit').click();
  await expect(contactIn(m, 'Experts', PRIYA.username)).toContainText('Priya (cards)');

  await groupAction(m, 'Experts', 'edit');
  await dialog.getByTestId('dc.dialog.newGroup').fill('Card experts');
  await dialog.getByTestId('dc.dialog.submit').click();
  await expect(contactIn(m, 'Card experts', PRIYA.username)).toBeVisible();
  await expect(groupRow(m, 'Experts')).toHaveCount(0);

  // Ctrl+click two colleagues, Move to a new group.
  await contactIn(m, 'Retail Banking', JAMES.username)
    .getByTestId('dc.contact.name')
    .click({ modifiers: ['Control'] });
  await contactIn(m, 'Retail Banking', SOPHIE.username)
    .getByTestId('dc.contact.name')
    .click({ modifiers: ['Control'] });
  await expect(m.getByTestId('dc.selection')).toContainText('Selected: 2');
  await m.getByTestId('dc.selection.move').click();
  await dialog.getByTestId('dc.dialog.group').selectOption({ label: 'New group…' });
  await dialog.getByTestId('dc.dialog.newGroup').fill('Escalation');
  await dialog.getByTestId('dc.dialog.submit').click();
  await expect(contactIn(m, 'Escalation', JAMES.username)).toBeVisible();
  await expect(contactIn(m, 'Escalation', SOPHIE.username)).toBeVisible();
  await expect(contactIn(m, 'Retail Banking', JAMES.username)).toHaveCount(0);

  // Delete Sophie from Escalation only.
  await contactIn(m, 'Escalation', SOPHIE.username).getByTestId('dc.contact.menu').click();
  await m.getByTestId('dc.contact.menu.delete').click();
  await m.getByTestId('dc.delete.confirm').click();
  await expect(contactIn(m, 'Escalation', SOPHIE.username)).toHaveCount(0);
  await expect(contactIn(m, 'Escalation', JAMES.username)).toBeVisible();

  // Delete the Card experts group with its contact.
  await groupAction(m, 'Card experts', 'delete');
  await m.getByTestId('dc.delete.confirm').click();
  await expect(groupRow(m, 'Card experts')).toHaveCount(0);
  await expect(
    m.locator(`[data-testid="dc.contact"][data-jid="${jid(PRIYA.username)}"][data-group="Card experts"]`),
  ).toHaveCount(0);
});

test('a reload of the desktop keeps the chats; sign-out clears them and James sees María offline', async () => {
  await maria.page.reload();
  await desktopChatSignIn(maria.gadget, MARIA);
  const m = maria.gadget;
  await expect(tabs(m)).toHaveCount(3);
  await expect(m.getByTestId('dc.tabs.more')).toHaveText('+1');
  await tabs(m).filter({ hasText: JAMES.name }).click();
  await expect(pane(m).getByTestId('dc.message.body').first()).toHaveText('Can you take a');

  await m.getByTestId('dc.signOut').click();
  await expect(m.getByTestId('dc.signIn')).toBeVisible();
  await expect(contactIn(james.gadget, 'Retail Banking', MARIA.username)).toHaveAttribute(
    'data-availability',
    'offline',
  );
  // The voice and chat states are untouched: the gadget is still signed in to the chat server.
  await expect(maria.chatState).toBeVisible();
  await desktopChatSignIn(m, MARIA);
  await expect(m.getByTestId('dc.window')).toHaveCount(0);
});

test('Arabic: right to left, with its chats kept', async () => {
  // James's desktop again, in Arabic (the Finesse locale decides the gadget's language).
  const page = james.page;
  await page.goto(`${stack.simUrl}/desktop/?locale=ar_SA`);
  const signInForm = page.getByTestId('desktop.signin.id');
  if (await signInForm.isVisible()) {
    await signInForm.fill(JAMES.id);
    await page.getByTestId('desktop.signin.password').fill(JAMES.password);
    await page.getByTestId('desktop.signin.extension').fill('3002');
    await page.getByTestId('desktop.signin.submit').click();
  }
  await expect(james.gadget.getByTestId('gadget.root')).toHaveAttribute('dir', 'rtl', { timeout: 30_000 });
  await desktopChatSignIn(james.gadget, JAMES);
  await expect(james.gadget.getByTestId('dc.signOut')).toHaveText('تسجيل الخروج');
  await expect(tabs(james.gadget)).toHaveCount(1);
  await screenshot(page, shot('arabic'));
  await axe(james, 'desktop chat in Arabic');
});
