/**
 * examples/plain-page: an integrator's own page, no React, on the SDK's browser build
 * (dist/browser/hybrid-chat-sdk.js, `npm run build`), served from its own origin as a customer's
 * site would be. Its customer chats with agent 1001 in the gadget of the simulated Finesse desktop,
 * and rates the chat when the agent ends it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { freePort } from './support/stack.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** The example's folder at `/`, the SDK's browser build at `/sdk/` (as its README says to serve it). */
function file(path: string): string | null {
  if (path.includes('..')) return null;
  if (path.startsWith('/sdk/')) return resolve(ROOT, 'dist/browser', path.slice('/sdk/'.length));
  return resolve(ROOT, 'examples/plain-page', path === '/' ? 'index.html' : path.slice(1));
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
let site: Server;

test.describe.configure({ mode: 'serial' });
// The chat server lets the example's origin call it (CORS and the socket's Origin check).
test.use({ stackOptions: { env: { ALLOWED_ORIGINS: origin } } });

test.beforeAll(async () => {
  site = createServer((request, response) => {
    const path = file((request.url ?? '/').split('?')[0] ?? '/');
    try {
      const body = path ? readFileSync(path) : null;
      if (!body || !path) throw new Error('not found');
      response.writeHead(200, { 'content-type': `${TYPES[extname(path)] ?? 'text/plain'}; charset=utf-8` });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => site.listen(port, '127.0.0.1', done));
});
test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise<void>((done) => site.close(() => done()));
});

test('the plain page chats with a gadget agent through the SDK browser build', async ({
  browser,
  stack,
  desktop,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/?server=${encodeURIComponent(stack.chatUrl)}`);

  await expect(page.getByTestId('plain.status')).toHaveText('We are here to help.');
  await page.getByTestId('plain.start').getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByTestId('plain.status')).toHaveText('Waiting for an agent…');

  await desktop.signIn('1001');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Dana Whitfield');
  await expect(page.getByTestId('plain.status')).toContainText('You are chatting with');

  await page.getByTestId('plain.text').fill('Hello from a plain page');
  await page.getByTestId('plain.send').click();
  await expect(desktop.textMessages().last()).toContainText('Hello from a plain page');
  // Text only: markup an agent writes is shown, never run.
  await desktop.send('Hi Dana <img src=x onerror="window.ran=1">');
  const messages = page.getByTestId('plain.messages').locator('li:not([data-role="system"])');
  await expect(messages.last()).toHaveText('Hi Dana <img src=x onerror="window.ran=1">');
  expect(await page.evaluate(() => (window as { ran?: number }).ran)).toBeUndefined();

  await desktop.endChat();
  await expect(page.getByTestId('plain.status')).toHaveText('The chat has ended.');
  await page.getByRole('button', { name: 'Good' }).click();
  await expect(page.getByRole('group', { name: 'How was this chat?' })).toContainText('Thank you!');
  await expect(page.getByTestId('plain.messages')).toContainText('joined the chat.');
  await page.screenshot({ path: 'e2e/screenshots/example-plain-page.png' });
  expect(errors).toEqual([]);
  await context.close();
});
